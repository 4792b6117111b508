// 予算の流用: transfers between 節 of the same 款・項・目 (地方自治法 Art. 220(2)) with their
// history. An accountant requests one (the source's available amount is the limit; the target is
// chosen among the same 目's other 節); an approver of rank 課長 or above approves or rejects it,
// never the requester (the button is disabled with the reason).
import {
  BudgetTransferCreateRequestSchema,
  RANKS,
  rankAtLeast,
  type Budget,
  type BudgetTransfer,
} from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useHasRole, useToday, useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { fiscalYearOf, formatYen, parseYen } from '../../format';
import { useForm } from '../../forms';
import { t } from '../../i18n';
import {
  Amount,
  Button,
  ConfirmButton,
  DataTable,
  DateTimeText,
  EmptyState,
  FilterBar,
  PageHeader,
  ProblemAlert,
  SelectField,
  StatusBadge,
  TextField,
  useToast,
  type Column,
  type Tone,
} from '../../ui';
import { RejectButton } from '../../shared/RejectButton';
import { signerLabel } from '../treasury/rules';
import { transferTargets } from './budget-bar';
import type { TRANSFER_STATUSES } from './routes';
import { FormDialog } from '../../shared/FormDialog';
import './accounting.css';

type Status = (typeof TRANSFER_STATUSES)[number];
type Search = ListSearch & { fiscalYear?: number; status?: Status };

const TONES: Record<Status, Tone> = {
  requested: 'warning',
  approved: 'success',
  rejected: 'danger',
};

/** The rank that decides a transfer (the contract service's rule: 課長 or above). */
const DECIDING_RANK = RANKS[1];

const yearLabel = (year: number) => t('budgets.fiscalYear.value', { year, reiwa: year - 2018 });

function Decide({ transfer }: { transfer: BudgetTransfer }) {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const own = transfer.requestedBy.username === user.username;
  const lowRank = !user.rank || !rankAtLeast(user.rank, DECIDING_RANK);
  const facts = {
    from: transfer.fromCode,
    to: transfer.toCode,
    amount: formatYen(transfer.amount),
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['budgetTransfers'] }),
      queryClient.invalidateQueries({ queryKey: ['budgets'] }),
    ]);
  return (
    <div className="acc-cell-stack">
      <div className="ui-row">
        <ConfirmButton
          size="small"
          label={t('budgetTransfer.approve')}
          title={t('budgetTransfer.approve.confirmTitle')}
          body={t('budgetTransfer.approve.confirmBody', facts)}
          isDisabled={own || lowRank}
          onConfirm={async () => {
            await api.budgetTransfers.approve(transfer.id);
            toast.success(t('budgetTransfer.approve.done', facts));
            await refresh();
          }}
        />
        <RejectButton
          size="small"
          buttonVariant="quiet"
          label={t('budgetTransfer.reject')}
          title={t('budgetTransfer.reject.confirmTitle')}
          body={t('budgetTransfer.reject.confirmBody', facts)}
          reasonLabel={t('budgetTransfer.reject.reason')}
          isDisabled={own || lowRank}
          onReject={async (reason) => {
            await api.budgetTransfers.reject(transfer.id, { reason });
            toast.success(t('budgetTransfer.reject.done', facts));
            await refresh();
          }}
        />
      </div>
      {own ? <span className="ui-small ui-muted">{t('budgetTransfer.own')}</span> : null}
      {!own && lowRank ? (
        <span className="ui-small ui-muted">
          {t('budgetTransfer.rank', { rank: t(`rank.${DECIDING_RANK}`) })}
        </span>
      ) : null}
    </div>
  );
}

function RequestDialog({
  isOpen,
  onOpenChange,
  fiscalYear,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  fiscalYear: number;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({ fromCode: '', toCode: '', amount: '', reason: '' });
  const lines = useQuery({
    queryKey: ['budgets', 'all', fiscalYear],
    // A year's lines fit one page (the API's largest) in any city's budget.
    queryFn: ({ signal }) =>
      api.budgets.list({ fiscalYear, page: 1, pageSize: 1000, sort: 'code' }, signal),
    enabled: isOpen,
  });
  const budgets: Budget[] = lines.data?.items ?? [];
  const from = budgets.find((b) => b.code === form.values.fromCode);
  const targets = from ? transferTargets(from.code, budgets) : [];
  const lineLabel = (b: Budget) =>
    t('budgetTransfer.line', { code: b.code, name: b.name, available: formatYen(b.available) });
  const save = async () => {
    const body = {
      fiscalYear,
      fromCode: form.values.fromCode,
      toCode: form.values.toCode,
      amount: parseYen(form.values.amount) ?? form.values.amount,
      reason: form.values.reason.trim(),
    };
    const created = await form.submit(
      BudgetTransferCreateRequestSchema,
      body,
      (parsed, idempotencyKey) => api.budgetTransfers.request(parsed, { idempotencyKey }),
    );
    if (!created) return;
    toast.success(
      t('budgetTransfer.request.done', {
        from: created.fromCode,
        to: created.toCode,
        amount: formatYen(created.amount),
      }),
    );
    await queryClient.invalidateQueries({ queryKey: ['budgetTransfers'] });
    form.reset({ fromCode: '', toCode: '', amount: '', reason: '' });
    onOpenChange(false);
  };
  return (
    <FormDialog
      isOpen={isOpen}
      onClose={() => onOpenChange(false)}
      title={t('budgetTransfer.request.title', { year: yearLabel(fiscalYear) })}
      submitLabel={t('budgetTransfer.request.submit')}
      form={form}
      onSubmit={save}
      formId="budget-transfer"
    >
      {lines.error ? <ProblemAlert error={lines.error} /> : null}
      <SelectField
        label={t('budgetTransfer.from')}
        isRequired
        value={form.values.fromCode}
        onChange={(value) => {
          form.set('fromCode', value);
          form.set('toCode', '');
        }}
        error={form.errors.fromCode}
        placeholder={t('budgetTransfer.choose')}
        options={budgets.map((b) => ({ id: b.code, label: lineLabel(b) }))}
      />
      <SelectField
        label={t('budgetTransfer.to')}
        hint={t('budgetTransfer.to.hint')}
        isRequired
        isDisabled={!from}
        value={form.values.toCode}
        onChange={(value) => form.set('toCode', value)}
        error={form.errors.toCode}
        placeholder={
          from && targets.length === 0 ? t('budgetTransfer.to.none') : t('budgetTransfer.choose')
        }
        options={targets.map((b) => ({ id: b.code, label: lineLabel(b) }))}
      />
      <TextField
        label={t('budgetTransfer.amount')}
        hint={
          from
            ? t('budgetTransfer.amount.hint', { available: formatYen(from.available) })
            : undefined
        }
        isRequired
        amount
        width="medium"
        {...form.field('amount')}
      />
      <TextField
        label={t('budgetTransfer.reason')}
        isRequired
        multiline
        maxLength={500}
        {...form.field('reason')}
      />
    </FormDialog>
  );
}

export function BudgetTransfers() {
  const [search, setSearch] = useListSearch<Search>();
  const isAccountant = useHasRole('accountant');
  const isApprover = useHasRole('approver');
  const currentYear = fiscalYearOf(useToday());
  const fiscalYear = search.fiscalYear ?? currentYear;
  const request = { ...search, fiscalYear };
  const [requesting, setRequesting] = useState(false);
  const query = useQuery(
    listQuery('budgetTransfers', request, (signal) => api.budgetTransfers.list(request, signal)),
  );
  const years = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2];
  const columns: Column<BudgetTransfer>[] = [
    {
      id: 'requestedAt',
      header: t('budgetTransfer.col.requestedAt'),
      sortKey: 'requestedAt',
      firstOrder: 'desc',
      nowrap: true,
      cell: (x) => <DateTimeText value={x.requestedAt} />,
    },
    {
      id: 'route',
      header: t('budgetTransfer.col.route'),
      isRowHeader: true,
      nowrap: true,
      cell: (x) => (
        <span className="ui-mono">
          {x.fromCode} → {x.toCode}
        </span>
      ),
    },
    {
      id: 'amount',
      header: t('budgetTransfer.col.amount'),
      align: 'end',
      nowrap: true,
      cell: (x) => <Amount value={x.amount} />,
    },
    { id: 'reason', header: t('budgetTransfer.col.reason'), cell: (x) => x.reason },
    {
      id: 'status',
      header: t('budgetTransfer.col.status'),
      nowrap: true,
      cell: (x) => (
        <span className="acc-cell-stack">
          <StatusBadge
            kind="batch"
            status={x.status}
            label={t(`budgetTransfer.status.${x.status}`)}
            tone={TONES[x.status]}
          />
          {x.rejectionReason ? <span className="ui-small">{x.rejectionReason}</span> : null}
        </span>
      ),
    },
    {
      id: 'people',
      header: t('budgetTransfer.col.people'),
      cell: (x) => (
        <span className="acc-cell-stack ui-small">
          <span>
            {t('budgetTransfer.requestedBy')}: {signerLabel(x.requestedBy.username, x.requestedBy)}
          </span>
          {x.decidedBy ? (
            <span>
              {t('budgetTransfer.decidedBy')}: {signerLabel(x.decidedBy.username, x.decidedBy)}
            </span>
          ) : null}
        </span>
      ),
    },
  ];
  if (isApprover) {
    columns.push({
      id: 'actions',
      header: t('paymentOrders.col.actions'),
      nowrap: true,
      cell: (x) => (x.status === 'requested' ? <Decide transfer={x} /> : null),
    });
  }
  const newButton = isAccountant ? (
    <Button variant="primary" onPress={() => setRequesting(true)}>
      {t('budgetTransfer.new')}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={t('budgetTransfer.title')}
        lead={t('budgetTransfer.lead')}
        actions={newButton}
      />
      <DataTable
        label={t('budgetTransfer.title')}
        columns={columns}
        rowKey={(x) => x.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.budgetTransfers.csv({ ...filtersOf(search), fiscalYear })}
        filters={
          <FilterBar
            onApply={() => undefined}
            onClear={() => setSearch({ fiscalYear: undefined, status: undefined })}
          >
            <SelectField
              label={t('budgets.filter.fiscalYear')}
              value={String(fiscalYear)}
              onChange={(value) =>
                setSearch({ fiscalYear: Number(value) === currentYear ? undefined : Number(value) })
              }
              options={years.map((year) => ({ id: String(year), label: yearLabel(year) }))}
            />
            <SelectField
              label={t('budgetTransfer.col.status')}
              value={search.status ?? 'all'}
              onChange={(value) =>
                setSearch({ status: value === 'all' ? undefined : (value as Status) })
              }
              options={[
                { id: 'all', label: t('payments.filter.status.all') },
                ...(['requested', 'approved', 'rejected'] as const).map((id) => ({
                  id,
                  label: t(`budgetTransfer.status.${id}`),
                })),
              ]}
            />
          </FilterBar>
        }
        empty={
          <EmptyState
            title={t('budgetTransfer.empty.title', { year: yearLabel(fiscalYear) })}
            body={t('budgetTransfer.empty.body')}
          />
        }
      />
      {isAccountant ? (
        <RequestDialog isOpen={requesting} onOpenChange={setRequesting} fiscalYear={fiscalYear} />
      ) : null}
    </>
  );
}
