// 契約: the contracts, filtered by status, vendor, start date, amount and title / document number.
import type { Contract } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useHasRole } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { parseYen } from '../../format';
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
  statusLabel,
  type Column,
} from '../../ui';
import { VendorName } from '../../shared/VendorName';
import { CONTRACT_STATUSES } from './routes';

type Search = ListSearch & {
  status?: Contract['status'];
  vendorId?: string;
  q?: string;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
};

const columns: Column<Contract>[] = [
  {
    id: 'documentNumber',
    header: t('contracts.col.documentNumber'),
    sortKey: 'documentNumber',
    firstOrder: 'desc',
    isRowHeader: true,
    nowrap: true,
    cell: (contract) => (
      <Link to="/contracts/$id" params={{ id: contract.id }} className="ui-mono">
        {contract.documentNumber}
      </Link>
    ),
  },
  {
    id: 'title',
    header: t('contracts.col.titleAndVendor'),
    wide: true,
    cell: (contract) => (
      <>
        {contract.title}
        <br />
        <span className="ui-small">
          <VendorName id={contract.vendorId} />
        </span>
      </>
    ),
  },
  {
    id: 'startDate',
    header: t('contracts.col.startDate'),
    sortKey: 'startDate',
    firstOrder: 'desc',
    cell: (contract) => (
      <span className="ui-small">
        <DateText value={contract.startDate} />〜<br />
        <DateText value={contract.endDate} />
      </span>
    ),
  },
  {
    id: 'amount',
    header: t('contracts.col.amount'),
    sortKey: 'amount',
    firstOrder: 'desc',
    align: 'end',
    cell: (contract) => <Amount value={contract.amount} />,
  },
  {
    id: 'remaining',
    header: t('contracts.col.remaining'),
    align: 'end',
    cell: (contract) => <Amount value={contract.remainingAmount} />,
  },
  {
    id: 'status',
    header: t('contracts.col.status'),
    sortKey: 'status',
    cell: (contract) => <StatusBadge kind="contract" status={contract.status} />,
  },
];

interface FilterInputs {
  status: string;
  q: string;
  from: string;
  to: string;
  minAmount: string;
  maxAmount: string;
}

function inputsFrom(search: Search): FilterInputs {
  return {
    status: search.status ?? '',
    q: search.q ?? '',
    from: search.from ?? '',
    to: search.to ?? '',
    minAmount: search.minAmount === undefined ? '' : String(search.minAmount),
    maxAmount: search.maxAmount === undefined ? '' : String(search.maxAmount),
  };
}

export function ContractList() {
  const [search, setSearch] = useListSearch<Search>();
  const [inputs, setInputs] = useState<FilterInputs>(() => inputsFrom(search));
  const canDraft = useHasRole('procurement');
  const query = useQuery(
    listQuery('contracts', search, (signal) => api.contracts.list(search, signal)),
  );
  const set = (name: keyof FilterInputs) => (value: string) =>
    setInputs((current) => ({ ...current, [name]: value }));
  const filtered = Object.values(filtersOf(search)).some((value) => value !== undefined);

  const apply = () =>
    setSearch({
      status: (inputs.status || undefined) as Search['status'],
      q: inputs.q.trim() || undefined,
      from: inputs.from || undefined,
      to: inputs.to || undefined,
      minAmount: parseYen(inputs.minAmount),
      maxAmount: parseYen(inputs.maxAmount),
    });
  const clear = () => {
    setInputs(inputsFrom({ page: 1, pageSize: search.pageSize }));
    setSearch({
      status: undefined,
      q: undefined,
      from: undefined,
      to: undefined,
      minAmount: undefined,
      maxAmount: undefined,
      vendorId: undefined,
    });
  };

  const newButton = canDraft ? (
    <LinkButton to="/contracts/new" variant="primary">
      {t('contracts.new')}
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        lead={t('contracts.lead')}
        actions={newButton}
        meta={
          search.vendorId ? (
            <span className="ui-small">
              {t('contracts.filter.vendor')}: <VendorName id={search.vendorId} />
            </span>
          ) : undefined
        }
      />
      <DataTable
        label={t('contracts.title')}
        columns={columns}
        rowKey={(contract) => contract.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.contracts.csv(filtersOf(search))}
        filters={
          <FilterBar onApply={apply} onClear={clear}>
            <SelectField
              label={t('contracts.filter.status')}
              value={inputs.status || 'all'}
              onChange={(value) => set('status')(value === 'all' ? '' : value)}
              options={[
                { id: 'all', label: t('contracts.filter.status.all') },
                ...CONTRACT_STATUSES.map((status) => ({
                  id: status,
                  label: statusLabel('contract', status),
                })),
              ]}
            />
            <TextField
              label={t('contracts.filter.q')}
              type="search"
              value={inputs.q}
              onChange={set('q')}
              className="ui-field--wide"
            />
            <TextField
              label={t('contracts.filter.from')}
              type="date"
              value={inputs.from}
              onChange={set('from')}
            />
            <TextField
              label={t('contracts.filter.to')}
              type="date"
              value={inputs.to}
              onChange={set('to')}
            />
            <TextField
              label={t('contracts.filter.minAmount')}
              amount
              value={inputs.minAmount}
              onChange={set('minAmount')}
            />
            <TextField
              label={t('contracts.filter.maxAmount')}
              amount
              value={inputs.maxAmount}
              onChange={set('maxAmount')}
            />
          </FilterBar>
        }
        empty={
          filtered ? (
            <EmptyState title={t('contracts.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('contracts.empty.title')}
              body={t('contracts.empty.body')}
              action={newButton}
            />
          )
        }
      />
    </>
  );
}
