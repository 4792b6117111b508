// 検収: the received invoices waiting for inspection, oldest deadline first; each inspected after
// a confirmation naming it.
import type { Invoice } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { formatYen } from '../../format';
import { t } from '../../i18n';
import './procurement.css';
import {
  Amount,
  ConfirmButton,
  DataTable,
  DateText,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  TextField,
  useToast,
  type Column,
} from '../../ui';
import { VendorName } from '../../shared/VendorName';

type Search = ListSearch & { q?: string };

function InspectButton({ invoice }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmButton
      label={t('inspections.inspect')}
      size="small"
      title={t('inspections.confirmTitle')}
      body={t('inspections.confirmBody', {
        documentNumber: invoice.documentNumber,
        invoiceNumber: invoice.invoiceNumber,
        total: formatYen(invoice.total),
      })}
      onConfirm={async () => {
        const inspected = await api.invoices.inspect(invoice.id);
        await queryClient.invalidateQueries({ queryKey: ['invoices'] });
        await queryClient.invalidateQueries({ queryKey: ['counts'] });
        toast.success(t('inspections.done', { documentNumber: inspected.documentNumber }));
      }}
    />
  );
}

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
    id: 'dueDate',
    header: t('invoices.col.dueDate'),
    sortKey: 'dueDate',
    cell: (invoice) => <DateText value={invoice.dueDate} />,
  },
  {
    id: 'action',
    header: t('word.actions'),
    cell: (invoice) => <InspectButton invoice={invoice} />,
  },
];

export function Inspections() {
  const [search, setSearch] = useListSearch<Search>();
  const [q, setQ] = useState(search.q ?? '');
  const filters = {
    ...search,
    status: 'received' as const,
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
      <PageHeader title={t('inspections.title')} lead={t('inspections.lead')} actions={newButton} />
      <DataTable
        label={t('inspections.title')}
        columns={columns}
        rowKey={(invoice) => invoice.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={{ ...search, sort: filters.sort, order: filters.order }}
        onStateChange={setSearch}
        csvHref={api.invoices.csv({ ...filtersOf(search), status: 'received' })}
        filters={
          <FilterBar
            onApply={() => setSearch({ q: q.trim() || undefined })}
            onClear={() => {
              setQ('');
              setSearch({ q: undefined });
            }}
          >
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
