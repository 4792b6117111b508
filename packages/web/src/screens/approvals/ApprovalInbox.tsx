// 決裁: the contracts waiting for an approver (submitted), and those already decided.
import type { Contract } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { parseYen } from '../../format';
import { t } from '../../i18n';
import {
  Amount,
  DataTable,
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
import '../accounting/accounting.css';
import { rankLabel } from '../../shared/ApprovalRoute';
import {
  approvalBlocker,
  approvalProgress,
  nextRequiredRank,
  signerOf,
} from '../../shared/approval-route';
import type { APPROVAL_VIEWS } from './routes';

type View = (typeof APPROVAL_VIEWS)[number];
type Search = ListSearch & {
  status?: View;
  q?: string;
  minAmount?: number;
  maxAmount?: number;
};

export function ApprovalInbox() {
  const user = useUser();
  const [search, setSearch] = useListSearch<Search>();
  const view: View = search.status ?? 'submitted';
  const filters = { ...filtersOf(search), status: view };
  const request = { ...search, status: view };
  const [q, setQ] = useState(search.q ?? '');
  const [minAmount, setMinAmount] = useState(search.minAmount?.toString() ?? '');
  const [maxAmount, setMaxAmount] = useState(search.maxAmount?.toString() ?? '');
  const query = useQuery(
    listQuery('contracts', request, (signal) => api.contracts.list(request, signal)),
  );

  const columns: Column<Contract>[] = [
    {
      id: 'documentNumber',
      header: t('approvals.col.documentNumber'),
      sortKey: 'documentNumber',
      isRowHeader: true,
      nowrap: true,
      cell: (c) => (
        <Link to="/approvals/$id" params={{ id: c.id }}>
          {c.documentNumber}
        </Link>
      ),
    },
    { id: 'title', header: t('approvals.col.title'), cell: (c) => c.title },
    {
      id: 'vendor',
      header: t('approvals.col.vendor'),
      cell: (c) => (
        <span className="acc-vendor">
          <VendorName id={c.vendorId} />
        </span>
      ),
    },
    {
      id: 'amount',
      header: t('approvals.col.amount'),
      sortKey: 'amount',
      firstOrder: 'desc',
      align: 'end',
      nowrap: true,
      cell: (c) => <Amount value={c.amount} />,
    },
    {
      id: 'progress',
      header: t('approvals.col.progress'),
      align: 'center',
      nowrap: true,
      cell: (c) =>
        c.amendments.some((a) => a.status === 'submitted') ? (
          <StatusBadge
            kind="contract"
            status="submitted"
            label={t('approvals.amendment.pending')}
          />
        ) : c.status === 'submitted' ? (
          t('approvals.progress', { ...approvalProgress(c) })
        ) : (
          <StatusBadge kind="contract" status={c.status} />
        ),
    },
    {
      id: 'next',
      header: t('approvals.col.next'),
      nowrap: true,
      cell: (c) => {
        const rank = nextRequiredRank(c);
        return rank ? rankLabel(rank) : '—';
      },
    },
    {
      id: 'mine',
      header: t('approvals.col.mine'),
      nowrap: true,
      cell: (c) => {
        const blocker = approvalBlocker(c, user);
        if (c.approvals.some((a) => signerOf(a) === user.username)) {
          return (
            <StatusBadge kind="contract" status="approved" label={t('approvals.mine.signed')} />
          );
        }
        if (blocker === 'submitter') return t('approvals.mine.submitter');
        if (blocker === 'rank-too-low' || blocker === 'no-rank') {
          return t('approvals.mine.rankTooLow');
        }
        if (blocker === undefined) {
          return (
            <StatusBadge kind="contract" status="submitted" label={t('approvals.mine.todo')} />
          );
        }
        return t('approvals.mine.none');
      },
    },
  ];

  const filtered = Boolean(search.q || search.minAmount || search.maxAmount);
  return (
    <>
      <PageHeader title={t('approvals.title')} lead={t('approvals.lead')} />
      <DataTable
        label={t(`approvals.filter.status.${view}`)}
        columns={columns}
        rowKey={(c) => c.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.contracts.csv(filters)}
        filters={
          <FilterBar
            onApply={() =>
              setSearch({
                q: q.trim() || undefined,
                minAmount: parseYen(minAmount),
                maxAmount: parseYen(maxAmount),
              })
            }
            onClear={() => {
              setQ('');
              setMinAmount('');
              setMaxAmount('');
              setSearch({ q: undefined, minAmount: undefined, maxAmount: undefined });
            }}
          >
            <SelectField
              label={t('approvals.filter.status')}
              value={view}
              onChange={(value) =>
                setSearch({ status: value === 'submitted' ? undefined : (value as View) })
              }
              options={(['submitted', 'approved', 'rejected'] as const).map((id) => ({
                id,
                label: t(`approvals.filter.status.${id}`),
              }))}
            />
            <TextField
              label={t('approvals.filter.q')}
              type="search"
              value={q}
              onChange={setQ}
              className="ui-field--wide"
            />
            <TextField
              label={t('approvals.filter.minAmount')}
              amount
              width="narrow"
              value={minAmount}
              onChange={setMinAmount}
            />
            <TextField
              label={t('approvals.filter.maxAmount')}
              amount
              width="narrow"
              value={maxAmount}
              onChange={setMaxAmount}
            />
          </FilterBar>
        }
        empty={
          filtered || view !== 'submitted' ? (
            <EmptyState title={t('approvals.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('approvals.empty.title')}
              body={t('approvals.empty.body')}
              action={<LinkButton to="/">{t('approvals.empty.home')}</LinkButton>}
            />
          )
        }
      />
    </>
  );
}
