// 監査: the four audit trails (契約・請求書・支払・ポータル) searched by date range, amount range
// and counterparty; each tab shows how many entries match in that trail.
import type { AuditEntry } from '@denpyo/schemas';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery, type AuditFilters } from '../../api';
import type { ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { parseYen } from '../../format';
import { t } from '../../i18n';
import {
  Amount,
  DataTable,
  DateTimeText,
  EmptyState,
  FilterBar,
  PageHeader,
  TextField,
  type Column,
} from '../../ui';
import { VendorName } from '../../shared/VendorName';
import { VendorPicker } from '../../shared/VendorPicker';
import { auditActionLabel, entityTypeLabel, looksLikeId } from './audit-words';
import { AuditTabs, EntryChanges } from './AuditParts';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { TRAILS } from './routes';
import '../accounting/accounting.css';
import './audit.css';

type Trail = (typeof TRAILS)[number];
type Search = ListSearch & {
  trail?: Trail;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  counterparty?: string;
  entityId?: string;
};

/** Entity types that are documents with their own history page. */
const DOCUMENT_TYPES = new Set(['contract', 'invoice']);

const columns: Column<AuditEntry>[] = [
  {
    id: 'at',
    header: t('audit.col.at'),
    sortKey: 'id',
    nowrap: true,
    isRowHeader: true,
    cell: (e) => <DateTimeText value={e.at} />,
  },
  {
    id: 'action',
    header: t('audit.col.action'),
    cell: (e) => <span title={e.action}>{auditActionLabel(e)}</span>,
  },
  {
    id: 'entity',
    header: t('audit.col.entity'),
    cell: (e) => (
      <span className="acc-cell-stack">
        <span className="ui-nowrap">{entityTypeLabel(e.entityType)}</span>
        <Link
          to="/audit/document"
          search={{
            id: e.entityId,
            ...(DOCUMENT_TYPES.has(e.entityType) ? { kind: e.entityType } : {}),
          }}
          className="ui-mono ui-small"
          title={t('audit.openTrail')}
        >
          {looksLikeId(e.entityId) ? `${e.entityId.slice(0, 8)}…` : e.entityId}
        </Link>
      </span>
    ),
  },
  {
    id: 'amount',
    header: t('audit.col.amount'),
    align: 'end',
    nowrap: true,
    cell: (e) => (e.amount === undefined ? '—' : <Amount value={e.amount} />),
  },
  {
    id: 'counterparty',
    header: t('audit.col.counterparty'),
    cell: (e) =>
      e.counterparty ? (
        <span className="acc-vendor">
          <VendorName id={e.counterparty} />
        </span>
      ) : (
        '—'
      ),
  },
  { id: 'actor', header: t('audit.col.actor'), nowrap: true, cell: (e) => e.actor },
  { id: 'detail', header: t('audit.col.detail'), cell: (e) => <EntryChanges entry={e} /> },
];

export function AuditSearch() {
  const [search, setSearch] = useListSearch<Search>();
  const trail: Trail = search.trail ?? 'contract';
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  const [minAmount, setMinAmount] = useState(search.minAmount?.toString() ?? '');
  const [maxAmount, setMaxAmount] = useState(search.maxAmount?.toString() ?? '');
  const [counterparty, setCounterparty] = useState(search.counterparty ?? '');
  const [entityId, setEntityId] = useState(search.entityId ?? '');

  const filters: AuditFilters = {
    from: search.from,
    to: search.to,
    minAmount: search.minAmount,
    maxAmount: search.maxAmount,
    counterparty: search.counterparty,
    entityId: search.entityId,
  };
  const request = {
    ...filters,
    page: search.page,
    pageSize: search.pageSize,
    sort: search.sort,
    order: search.order,
  };
  const query = useQuery(
    listQuery('audit', { trail, ...request }, (signal) =>
      api.audit.trail(trail).list(request, signal),
    ),
  );
  const counts = useQueries({
    queries: TRAILS.map((name) => ({
      queryKey: ['audit', 'count', name, filters],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.audit.trail(name).list({ ...filters, page: 1, pageSize: 1 }, signal),
    })),
  });
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <AuditTabs current="search" />
      <ul className="audit-trails" aria-label={t('audit.trails')}>
        {TRAILS.map((name, index) => {
          const count = counts[index]?.data?.total;
          return (
            <li key={name}>
              <Link
                to="."
                search={(previous: Record<string, unknown>) => ({
                  ...previous,
                  trail: name === 'contract' ? undefined : name,
                  page: 1,
                })}
                className={`audit-trails__item${trail === name ? ' audit-trails__item--active' : ''}`}
                aria-current={trail === name ? 'true' : undefined}
              >
                {t(`audit.trail.${name}`)}
                <span className="audit-trails__count">
                  {count === undefined
                    ? '…'
                    : t('audit.trail.count', { count: count.toLocaleString('ja-JP') })}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <DataTable
        label={t(`audit.trail.${trail}`)}
        columns={columns}
        rowKey={(e) => `${e.id}`}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.audit.trail(trail).csv(filters)}
        filters={
          <FilterBar
            onApply={() =>
              setSearch({
                from: from || undefined,
                to: to || undefined,
                minAmount: parseYen(minAmount),
                maxAmount: parseYen(maxAmount),
                counterparty: counterparty || undefined,
                entityId: entityId.trim() || undefined,
              })
            }
            onClear={() => {
              setFrom('');
              setTo('');
              setMinAmount('');
              setMaxAmount('');
              setCounterparty('');
              setEntityId('');
              setSearch({
                from: undefined,
                to: undefined,
                minAmount: undefined,
                maxAmount: undefined,
                counterparty: undefined,
                entityId: undefined,
              });
            }}
          >
            <TextField
              label={t('audit.filter.from')}
              type="date"
              value={from}
              onChange={setFrom}
              width="medium"
            />
            <TextField
              label={t('audit.filter.to')}
              type="date"
              value={to}
              onChange={setTo}
              width="medium"
            />
            <TextField
              label={t('audit.filter.minAmount')}
              amount
              width="narrow"
              value={minAmount}
              onChange={setMinAmount}
            />
            <TextField
              label={t('audit.filter.maxAmount')}
              amount
              width="narrow"
              value={maxAmount}
              onChange={setMaxAmount}
            />
            <VendorPicker
              label={t('audit.filter.counterparty')}
              hint={t('audit.filter.counterparty.hint')}
              emptyText={t('audit.filter.counterparty.none')}
              value={counterparty}
              onChange={setCounterparty}
            />
            <TextField
              label={t('audit.filter.entityId')}
              value={entityId}
              onChange={setEntityId}
              width="medium"
            />
          </FilterBar>
        }
        empty={
          <EmptyState
            title={t('audit.empty.title')}
            {...(filtered ? { body: t('audit.empty.body') } : {})}
          />
        }
      />
      <AuditVerifyPanel />
    </>
  );
}
