// 検収: the received invoices waiting for inspection, nearest inspection deadline (検収期限) first,
// the overdue ones marked and listed on their own tab (期限超過); each opens with its lines and
// taxes, and is inspected after a confirmation naming it — never by the one who registered it.
import type { Invoice } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import './procurement.css';
import {
  Amount,
  DataTable,
  DateText,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  SelectField,
  StatusBadge,
  TextField,
  type Column,
} from '../../ui';
import { VendorName } from '../../shared/VendorName';
import { InspectButton } from './InspectButton';

type Search = ListSearch & { q?: string; overdue?: boolean };

const columns: Column<Invoice>[] = [
  {
    id: 'documentNumber',
    header: t('invoices.col.documentNumber'),
    sortKey: 'documentNumber',
    isRowHeader: true,
    nowrap: true,
    cell: (invoice) => <span className="ui-mono">{invoice.documentNumber}</span>,
  },
  {
    id: 'invoiceNumber',
    header: t('invoices.col.invoiceNumber'),
    nowrap: true,
    cell: (invoice) => invoice.invoiceNumber,
  },
  {
    id: 'contract',
    header: t('inspections.col.contract'),
    cell: (invoice) => (
      <>
        <VendorName id={invoice.vendorId} />
        <br />
        <Link to="/contracts/$id" params={{ id: invoice.contractId }} className="ui-small">
          {t('inspections.openContract')}
        </Link>
      </>
    ),
  },
  {
    id: 'receivedOn',
    header: t('invoices.col.receivedOn'),
    sortKey: 'receivedOn',
    cell: (invoice) => <DateText value={invoice.receivedOn} />,
  },
  {
    id: 'total',
    header: t('invoices.col.total'),
    sortKey: 'total',
    firstOrder: 'desc',
    align: 'end',
    cell: (invoice) => <Amount value={invoice.total} />,
  },
  {
    id: 'inspectionDueDate',
    header: t('invoice.inspections.col.inspectionDueDate'),
    nowrap: true,
    cell: (invoice) => (
      <span className="inspect-cell">
        <DateText value={invoice.inspectionDueDate} />
        {invoice.inspectionOverdue ? (
          <StatusBadge kind="invoice" status="rejected" label={t('invoice.overdue')} />
        ) : null}
      </span>
    ),
  },
  {
    id: 'dueDate',
    header: t('invoices.col.dueDate'),
    sortKey: 'dueDate',
    cell: (invoice) => <DateText value={invoice.dueDate} />,
  },
  {
    id: 'action',
    header: t('word.actions'),
    cell: (invoice) => (
      <span className="inspect-cell">
        <Link to="/invoices/$id" params={{ id: invoice.id }}>
          {t('invoice.inspections.open')}
        </Link>
        <InspectButton invoice={invoice} compact />
      </span>
    ),
  },
];

export function Inspections() {
  const [search, setSearch] = useListSearch<Search>();
  const [q, setQ] = useState(search.q ?? '');
  const overdue = search.overdue === true;
  const listSearch: Search = { ...search, overdue: undefined };
  const filters = {
    ...listSearch,
    status: 'received' as const,
    ...(overdue ? { inspectionOverdue: true } : {}),
    sort: search.sort ?? 'dueDate',
    order: search.order ?? ('asc' as const),
  };
  const query = useQuery(
    listQuery('invoices', filters, (signal) => api.invoices.list(filters, signal)),
  );
  const newButton = (
    <LinkButton to="/invoices/new" variant="primary">
      {t('nav.invoiceNew')}
    </LinkButton>
  );
  return (
    <>
      <PageHeader
        title={t('inspections.title')}
        lead={t('invoice.inspections.lead')}
        actions={newButton}
      />
      <DataTable
        label={t('inspections.title')}
        columns={columns}
        rowKey={(invoice) => invoice.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={{ ...search, sort: filters.sort, order: filters.order }}
        onStateChange={setSearch}
        csvHref={api.invoices.csv({
          ...filtersOf(listSearch),
          status: 'received',
          ...(overdue ? { inspectionOverdue: true } : {}),
        })}
        filters={
          <FilterBar
            onApply={() => setSearch({ q: q.trim() || undefined })}
            onClear={() => {
              setQ('');
              setSearch({ q: undefined });
            }}
          >
            <SelectField
              label={t('invoice.inspections.view')}
              value={overdue ? 'overdue' : 'all'}
              onChange={(value) => setSearch({ overdue: value === 'overdue' ? true : undefined })}
              options={(['all', 'overdue'] as const).map((id) => ({
                id,
                label: t(`invoice.inspections.tab.${id}`),
              }))}
            />
            <TextField
              label={t('inspections.filter.q')}
              type="search"
              value={q}
              onChange={setQ}
              className="ui-field--wide"
            />
          </FilterBar>
        }
        empty={
          <EmptyState
            title={t('inspections.empty.title')}
            body={t('inspections.empty.body')}
            action={newButton}
          />
        }
      />
    </>
  );
}
