// 請求書の一覧 (vendor): each invoice with its status in vendor words — 受付済, 検収済,
// 支払予定日 yyyy年m月d日, 支払済, 差戻し (with the reason).
import type { Invoice, Remittance } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import {
  Amount,
  DataTable,
  DateText,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  TextField,
  type Column,
} from '../../ui';
import { PortalLinks, VendorInvoiceStatus, useOwnRemittances } from './parts';
import './vendor-portal.css';

type Search = ListSearch & { q?: string };

function columns(remittances: readonly Remittance[]): Column<Invoice>[] {
  return [
    {
      id: 'invoiceNumber',
      header: t('vendorPortal.invoices.col.numbers'),
      sortKey: 'documentNumber',
      isRowHeader: true,
      nowrap: true,
      cell: (i) => (
        <span className="vendor-stacked">
          <span>{i.invoiceNumber}</span>
          <span className="ui-small ui-mono ui-muted">{i.documentNumber}</span>
        </span>
      ),
    },
    {
      id: 'status',
      header: t('vendorPortal.invoices.col.status'),
      cell: (i) => (
        <span className="vendor-status">
          <VendorInvoiceStatus invoice={i} remittances={remittances} />
          {i.status === 'rejected' && i.rejectedReason ? (
            <span className="ui-small">
              {t('vendorPortal.invoices.returned', { reason: i.rejectedReason })}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'receivedOn',
      header: t('vendorPortal.invoices.col.dates'),
      sortKey: 'receivedOn',
      firstOrder: 'desc',
      cell: (i) => (
        <span className="vendor-stacked">
          <DateText value={i.receivedOn} />
          <span className="ui-small ui-muted">
            {t('vendorPortal.invoices.col.issueDate')} <DateText value={i.issueDate} />
          </span>
        </span>
      ),
    },
    {
      id: 'total',
      header: t('vendorPortal.invoices.col.total'),
      sortKey: 'total',
      firstOrder: 'desc',
      align: 'end',
      nowrap: true,
      cell: (i) => <Amount value={i.total} />,
    },
    {
      id: 'withholding',
      header: t('vendorPortal.invoices.col.withholding'),
      align: 'end',
      nowrap: true,
      cell: (i) => (i.withholdingTax > 0 ? <Amount value={i.withholdingTax} /> : '—'),
    },
    {
      id: 'net',
      header: t('vendorPortal.invoices.col.net'),
      align: 'end',
      nowrap: true,
      cell: (i) => <Amount value={i.netAmount} />,
    },
    {
      id: 'qualified',
      header: t('vendorPortal.invoices.col.qualified'),
      cell: (i) =>
        i.qualified
          ? t('vendorPortal.invoices.qualified')
          : t('vendorPortal.invoices.notQualified'),
    },
    {
      id: 'dueDate',
      header: t('vendorPortal.invoices.col.dueDate'),
      nowrap: true,
      cell: (i) => <DateText value={i.dueDate} />,
    },
  ];
}

export function VendorInvoices() {
  const [search, setSearch] = useListSearch<Search>();
  const [q, setQ] = useState(search.q ?? '');
  const query = useQuery(
    listQuery('invoices', search, (signal) => api.invoices.list(search, signal)),
  );
  const remittances = useOwnRemittances();
  return (
    <>
      <PageHeader
        title={t('vendorPortal.invoices.title')}
        lead={t('vendorPortal.invoices.lead')}
        back={{ to: '/vendor', label: t('vendorPortal.title') }}
        actions={<PortalLinks />}
      />
      <DataTable
        label={t('vendorPortal.invoices.title')}
        columns={columns(remittances.data?.items ?? [])}
        rowKey={(i) => i.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.invoices.csv(filtersOf(search))}
        filters={
          <FilterBar
            onApply={() => setSearch({ q: q.trim() || undefined })}
            onClear={() => {
              setQ('');
              setSearch({ q: undefined });
            }}
          >
            <TextField
              label={t('vendorPortal.invoices.filter.q')}
              type="search"
              value={q}
              onChange={setQ}
              className="ui-field--wide"
            />
          </FilterBar>
        }
        empty={
          search.q ? (
            <EmptyState title={t('vendorPortal.invoices.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('vendorPortal.invoices.empty.title')}
              body={t('vendorPortal.invoices.empty.body')}
              action={
                <LinkButton to="/vendor/invoices/new" variant="primary">
                  {t('vendorPortal.submitInvoice')}
                </LinkButton>
              }
            />
          )
        }
      />
    </>
  );
}
