// 事業者: the vendors, searched by name, kana, 法人番号 or T-number; sorted by name.
import type { Vendor } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useHasRole } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import './procurement.css';
import {
  DataTable,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  TextField,
  type Column,
} from '../../ui';

type Search = ListSearch & { q?: string };

const columns: Column<Vendor>[] = [
  {
    id: 'name',
    header: t('vendors.col.name'),
    sortKey: 'name',
    isRowHeader: true,
    cell: (vendor) => (
      <Link to="/vendors/$id" params={{ id: vendor.id }}>
        {vendor.name}
      </Link>
    ),
  },
  { id: 'kana', header: t('vendors.col.kana'), cell: (vendor) => vendor.nameKana },
  {
    id: 'corporateNumber',
    header: t('vendors.col.corporateNumber'),
    nowrap: true,
    cell: (vendor) => <span className="ui-mono">{vendor.corporateNumber ?? '—'}</span>,
  },
  {
    id: 'registrationNumber',
    header: t('vendors.col.registrationNumber'),
    nowrap: true,
    cell: (vendor) => <span className="ui-mono">{vendor.invoiceRegistrationNumber ?? '—'}</span>,
  },
  {
    id: 'bank',
    header: t('vendors.col.bank'),
    nowrap: true,
    cell: (vendor) => (
      <span className="ui-mono">
        {vendor.bankAccount.bankCode}-{vendor.bankAccount.branchCode}{' '}
        {t(`word.accountType.${vendor.bankAccount.type}`)} {vendor.bankAccount.number}
      </span>
    ),
  },
];

export function VendorList() {
  const [search, setSearch] = useListSearch<Search>();
  const [q, setQ] = useState(search.q ?? '');
  const canRegister = useHasRole('procurement');
  const query = useQuery(
    listQuery('vendors', search, (signal) => api.vendors.list(search, signal)),
  );
  const newButton = canRegister ? (
    <LinkButton to="/vendors/new" variant="primary">
      {t('vendors.new')}
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader title={t('vendors.title')} lead={t('vendors.lead')} actions={newButton} />
      <DataTable
        label={t('vendors.title')}
        columns={columns}
        rowKey={(vendor) => vendor.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.vendors.csv(filtersOf(search))}
        filters={
          <FilterBar
            onApply={() => setSearch({ q: q.trim() || undefined })}
            onClear={() => {
              setQ('');
              setSearch({ q: undefined });
            }}
          >
            <TextField
              label={t('vendors.search')}
              type="search"
              value={q}
              onChange={setQ}
              className="ui-field--wide"
            />
          </FilterBar>
        }
        empty={
          search.q ? (
            <EmptyState title={t('vendors.empty.filtered')} action={newButton} />
          ) : (
            <EmptyState
              title={t('vendors.empty.title')}
              body={t('vendors.empty.body')}
              action={newButton}
            />
          )
        }
      />
    </>
  );
}
