// 取引状況 (the vendor's home): its approved contracts with what is left to invoice, those the city
// has completed (still listed, with what was paid), its latest invoices
// with their status in vendor words, and its latest remittances.
import type { Contract } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import { useVendor } from '../../shared/VendorName';
import {
  Amount,
  DataTable,
  DateText,
  EmptyState,
  FilterBar,
  LinkButton,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  TextField,
  type Column,
  type ListState,
  ScrollTable,
} from '../../ui';
import { PortalLinks, VendorInvoiceStatus, listRemittances, useOwnRemittances } from './parts';
import { RemittanceStatus } from './VendorRemittances';
import { VendorBankAccount } from './VendorBankAccount';
import './vendor-portal.css';

type Search = ListSearch & { q?: string };
const RECENT = 5;

const contractColumns: Column<Contract>[] = [
  {
    id: 'documentNumber',
    header: t('vendorPortal.contracts.col.documentNumber'),
    sortKey: 'documentNumber',
    isRowHeader: true,
    nowrap: true,
    cell: (c) => <span className="ui-mono">{c.documentNumber}</span>,
  },
  {
    id: 'title',
    header: t('vendorPortal.contracts.col.title'),
    cell: (c) => <span className="vendor-title">{c.title}</span>,
  },
  {
    id: 'remaining',
    header: t('vendorPortal.contracts.col.remaining'),
    align: 'end',
    nowrap: true,
    cell: (c) => (
      <strong>
        <Amount value={c.remainingAmount} />
      </strong>
    ),
  },
  {
    id: 'actions',
    header: t('vendorPortal.contracts.col.actions'),
    nowrap: true,
    cell: (c) =>
      c.remainingAmount > 0 ? (
        <LinkButton
          to="/vendor/invoices/new"
          search={{ contractId: c.id }}
          size="small"
          aria-label={`${t('vendorPortal.contracts.invoiceFor')}（${c.documentNumber}）`}
        >
          {t('vendorPortal.contracts.invoiceFor')}
        </LinkButton>
      ) : null,
  },
  {
    id: 'amount',
    header: t('vendorPortal.contracts.col.amount'),
    sortKey: 'amount',
    firstOrder: 'desc',
    align: 'end',
    nowrap: true,
    cell: (c) => <Amount value={c.amount} />,
  },
  {
    id: 'paid',
    header: t('vendorPortal.contracts.col.paid'),
    align: 'end',
    nowrap: true,
    cell: (c) => <Amount value={c.paidAmount} />,
  },
  {
    id: 'period',
    header: t('vendorPortal.contracts.col.period'),
    sortKey: 'startDate',
    cell: (c) => (
      <span className="vendor-period">
        <span className="ui-nowrap">
          <DateText value={c.startDate} />〜
        </span>
        <span className="ui-nowrap">
          <DateText value={c.endDate} />
        </span>
      </span>
    ),
  },
];

/** A completed contract (契約完了) is paid out and takes no more invoices: no remaining, no action. */
const completedColumns = contractColumns.filter(
  (column) => column.id !== 'remaining' && column.id !== 'actions',
);

/** The contracts the city has completed: they stay visible with what was paid under them. */
function CompletedContracts() {
  const [state, setState] = useState<ListState>({
    page: 1,
    pageSize: 10,
    sort: 'startDate',
    order: 'desc',
  });
  const request = { ...state, status: 'completed' as const };
  const query = useQuery(
    listQuery('contracts', request, (signal) => api.contracts.list(request, signal)),
  );
  if (query.data && query.data.total === 0 && state.page === 1) return null;
  return (
    <Section title={t('vendorPortal.contracts.completed')}>
      <DataTable
        label={t('vendorPortal.contracts.completed')}
        columns={completedColumns}
        rowKey={(c) => c.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={state}
        onStateChange={(patch) => setState((current) => ({ ...current, ...patch }))}
        csvHref={api.contracts.csv({ status: 'completed' })}
        pageSizes={[10, 50, 100]}
        empty={<EmptyState title={t('vendorPortal.contracts.completed.empty')} />}
      />
    </Section>
  );
}

function RecentInvoices() {
  const request = { page: 1, pageSize: RECENT, sort: 'receivedOn', order: 'desc' as const };
  const invoices = useQuery(
    listQuery('invoices', request, (signal) => api.invoices.list(request, signal)),
  );
  const remittances = useOwnRemittances();
  return (
    <Section
      title={t('vendorPortal.recent')}
      actions={<Link to="/vendor/invoices">{t('vendorPortal.recent.all')}</Link>}
    >
      {invoices.error ? <ProblemAlert error={invoices.error} /> : null}
      {!invoices.data && !invoices.error ? <Loading /> : null}
      {invoices.data && invoices.data.items.length === 0 ? (
        <EmptyState
          title={t('vendorPortal.invoices.empty.title')}
          body={t('vendorPortal.invoices.empty.body')}
        />
      ) : null}
      {invoices.data && invoices.data.items.length > 0 ? (
        <ScrollTable caption={t('vendorPortal.recent')}>
          <thead>
            <tr>
              <th scope="col">{t('vendorPortal.invoices.col.invoiceNumber')}</th>
              <th scope="col">{t('vendorPortal.invoices.col.receivedOn')}</th>
              <th scope="col" className="ui-cell--end">
                {t('vendorPortal.invoices.col.total')}
              </th>
              <th scope="col">{t('vendorPortal.invoices.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.data.items.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row">{invoice.invoiceNumber}</th>
                <td className="ui-cell--nowrap">
                  <DateText value={invoice.receivedOn} />
                </td>
                <td className="ui-cell--end ui-cell--nowrap">
                  <Amount value={invoice.total} />
                </td>
                <td>
                  <VendorInvoiceStatus
                    invoice={invoice}
                    remittances={remittances.data?.items ?? []}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Section>
  );
}

function RecentRemittances() {
  const request = { page: 1, pageSize: RECENT, sort: 'transferDate', order: 'desc' as const };
  const query = useQuery(
    listQuery('remittances', request, (signal) => listRemittances(request, signal)),
  );
  return (
    <Section
      title={t('vendorPortal.remittances.title')}
      actions={<Link to="/vendor/remittances">{t('vendorPortal.remittances.all')}</Link>}
    >
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {!query.data && !query.error ? <Loading /> : null}
      {query.data && query.data.items.length === 0 ? (
        <EmptyState
          title={t('vendorPortal.remittances.empty.title')}
          body={t('vendorPortal.remittances.empty.body')}
        />
      ) : null}
      {query.data && query.data.items.length > 0 ? (
        <ul className="vendor-remittances">
          {query.data.items.map((r) => (
            <li key={r.paymentId}>
              <span>{r.transferDate ? <DateText value={r.transferDate} /> : '—'}</span>
              <span>{r.invoiceNumber}</span>
              <Amount value={r.amount} />
              <RemittanceStatus remittance={r} />
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

export function VendorHome() {
  const user = useUser();
  const vendor = useVendor(user.vendorId);
  const [search, setSearch] = useListSearch<Search>();
  const [q, setQ] = useState(search.q ?? '');
  const request = { ...search, status: 'approved' as const };
  const contracts = useQuery(
    listQuery('contracts', request, (signal) => api.contracts.list(request, signal)),
  );
  return (
    <>
      <PageHeader
        title={t('vendorPortal.title')}
        lead={
          vendor.data
            ? t('vendorPortal.lead', { name: vendor.data.name })
            : t('vendorPortal.leadUnknown')
        }
        actions={<PortalLinks />}
      />
      <div className="ui-stack-lg">
        <Section title={t('vendorPortal.contracts')}>
          <DataTable
            label={t('vendorPortal.contracts')}
            columns={contractColumns}
            rowKey={(c) => c.id}
            data={contracts.data}
            isFetching={contracts.isFetching}
            error={contracts.error}
            state={search}
            onStateChange={setSearch}
            csvHref={api.contracts.csv({ ...filtersOf(search), status: 'approved' })}
            filters={
              <FilterBar
                onApply={() => setSearch({ q: q.trim() || undefined })}
                onClear={() => {
                  setQ('');
                  setSearch({ q: undefined });
                }}
              >
                <TextField
                  label={t('contracts.filter.q')}
                  type="search"
                  value={q}
                  onChange={setQ}
                  className="ui-field--wide"
                />
              </FilterBar>
            }
            empty={
              search.q ? (
                <EmptyState title={t('contracts.empty.filtered')} />
              ) : (
                <EmptyState
                  title={t('vendorPortal.contracts.empty.title')}
                  body={t('vendorPortal.contracts.empty.body')}
                />
              )
            }
          />
        </Section>
        <CompletedContracts />
        <div className="vendor-home__recent">
          <RecentInvoices />
          <RecentRemittances />
        </div>
        {vendor.data ? <VendorBankAccount vendor={vendor.data} /> : null}
      </div>
    </>
  );
}
