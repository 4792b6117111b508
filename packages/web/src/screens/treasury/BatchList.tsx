// 振込: transfer batches by transfer date, with their status (承認待ち → 承認済 → 振込済, or
// 取消); the treasurer's office creates them, accountants and auditors read them.
import type { TransferBatch } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useHasRole } from '../../app/session';
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
  SelectField,
  StatusBadge,
  statusLabel,
  TextField,
  type Column,
} from '../../ui';
import { useFilterInputs } from '../../shared/useFilterInputs';
import { BATCH_STATUSES } from '../accounting/routes';
import { signerLabel } from './rules';

type Status = (typeof BATCH_STATUSES)[number];
type Search = ListSearch & { status?: Status; from?: string; to?: string };

const columns: Column<TransferBatch>[] = [
  {
    id: 'transferDate',
    header: t('batches.col.transferDate'),
    sortKey: 'transferDate',
    firstOrder: 'desc',
    isRowHeader: true,
    nowrap: true,
    cell: (b) => (
      <Link to="/transfer-batches/$id" params={{ id: b.id }}>
        <DateText value={b.transferDate} />
      </Link>
    ),
  },
  {
    id: 'status',
    header: t('batches.col.status'),
    nowrap: true,
    cell: (b) => <StatusBadge kind="batch" status={b.status} />,
  },
  {
    id: 'count',
    header: t('batches.col.count'),
    align: 'end',
    nowrap: true,
    cell: (b) => t('batches.count', { count: b.count }),
  },
  {
    id: 'total',
    header: t('batches.col.total'),
    sortKey: 'total',
    firstOrder: 'desc',
    align: 'end',
    nowrap: true,
    cell: (b) => <Amount value={b.total} />,
  },
  {
    id: 'createdBy',
    header: t('batches.col.createdBy'),
    cell: (b) => signerLabel(b.createdBy, b.createdBySignature),
  },
  {
    id: 'approvedBy',
    header: t('batches.col.approvedBy'),
    cell: (b) => signerLabel(b.approvedBy, b.approvedBySignature),
  },
];

export function BatchList() {
  const [search, setSearch] = useListSearch<Search>();
  const inputs = useFilterInputs(['from', 'to'], search, setSearch, ['status']);
  const query = useQuery(
    listQuery('transferBatches', search, (signal) => api.transferBatches.list(search, signal)),
  );
  const isTreasurer = useHasRole('treasurer');
  const newButton = isTreasurer ? (
    <LinkButton to="/transfer-batches/new" variant="primary">
      {t('batches.new')}
    </LinkButton>
  ) : undefined;
  const filtered = Boolean(search.status || search.from || search.to);
  return (
    <>
      <PageHeader title={t('batches.title')} lead={t('batches.lead')} actions={newButton} />
      <DataTable
        label={t('batches.title')}
        columns={columns}
        rowKey={(b) => b.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.transferBatches.csv(filtersOf(search))}
        filters={
          <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
            <SelectField
              label={t('batches.filter.status')}
              value={search.status ?? 'all'}
              onChange={(value) =>
                setSearch({ status: value === 'all' ? undefined : (value as Status) })
              }
              options={[
                { id: 'all', label: t('batches.filter.status.all') },
                ...BATCH_STATUSES.map((id) => ({
                  id,
                  label: statusLabel('batch', id),
                })),
              ]}
            />
            <TextField
              label={t('batches.filter.from')}
              type="date"
              width="medium"
              {...inputs.field('from')}
            />
            <TextField
              label={t('batches.filter.to')}
              type="date"
              width="medium"
              {...inputs.field('to')}
            />
          </FilterBar>
        }
        empty={
          filtered ? (
            <EmptyState title={t('batches.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('batches.empty.title')}
              body={t('batches.empty.body')}
              action={newButton}
            />
          )
        }
      />
    </>
  );
}
