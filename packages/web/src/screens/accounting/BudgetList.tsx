// 予算: each budget line's amount, its transfers (流用), 予算現額 (currentAmount), encumbered,
// spent and available, as figures and as a bar; the accountant registers a new line in a dialog
// validated with the service's own schema, and requests transfers on the 流用 screen.
import { BudgetCreateRequestSchema, type Budget } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { fiscalYearOf, formatPercent, formatYen, parseYen } from '../../format';
import { useToday } from '../../app/session';
import { useForm } from '../../forms';
import { t } from '../../i18n';
import {
  Amount,
  Button,
  DataTable,
  EmptyState,
  FilterBar,
  Meter,
  PageHeader,
  SelectField,
  TextField,
  useToast,
  type Column,
} from '../../ui';
import { budgetParts, budgetTotals, transferNet } from './budget-bar';
import { FormDialog } from '../../shared/FormDialog';
import './accounting.css';

type Search = ListSearch & { fiscalYear?: number; q?: string };

const fiscalYearLabel = (year: number) =>
  t('budgets.fiscalYear.value', { year, reiwa: year - 2018 });

function BudgetBar({ budget }: { budget: Budget }) {
  const parts = budgetParts(budget);
  const percent = formatPercent(budget.encumbered, budget.currentAmount);
  return (
    <div className="budget-bar">
      <Meter
        label={t('budgets.bar.label', { name: budget.name, percent })}
        whole={budget.currentAmount}
        segments={[
          { value: parts.spent, label: t('budgets.bar.spent'), tone: 'success' },
          { value: parts.encumberedUnpaid, label: t('budgets.bar.encumbered'), tone: 'warning' },
        ]}
      />
      <span className="ui-small ui-muted">{t('budgets.bar.percent', { percent })}</span>
    </div>
  );
}

const columns: Column<Budget>[] = [
  {
    id: 'code',
    header: t('budgets.col.code'),
    sortKey: 'code',
    isRowHeader: true,
    nowrap: true,
    cell: (b) => <span className="ui-mono">{b.code}</span>,
  },
  { id: 'name', header: t('budgets.col.name'), cell: (b) => b.name },
  {
    id: 'amount',
    header: t('budgets.col.amount'),
    align: 'end',
    nowrap: true,
    cell: (b) => <Amount value={b.amount} />,
  },
  {
    id: 'transfers',
    header: t('budgets.col.transfers'),
    align: 'end',
    nowrap: true,
    cell: (b) => {
      const net = transferNet(b);
      if (b.transfersIn === 0 && b.transfersOut === 0) return '—';
      return (
        <span
          title={t('budgets.transfers.detail', {
            in: formatYen(b.transfersIn),
            out: formatYen(b.transfersOut),
          })}
        >
          {net >= 0 ? '+' : '−'}
          <Amount value={Math.abs(net)} />
        </span>
      );
    },
  },
  {
    id: 'currentAmount',
    header: t('budgets.col.currentAmount'),
    align: 'end',
    nowrap: true,
    cell: (b) => <Amount value={b.currentAmount} />,
  },
  {
    id: 'encumbered',
    header: t('budgets.col.encumbered'),
    align: 'end',
    nowrap: true,
    cell: (b) => <Amount value={b.encumbered} />,
  },
  {
    id: 'spent',
    header: t('budgets.col.spent'),
    align: 'end',
    nowrap: true,
    cell: (b) => <Amount value={b.spent} />,
  },
  {
    id: 'available',
    header: t('budgets.col.available'),
    align: 'end',
    nowrap: true,
    cell: (b) => (
      <strong>
        <Amount value={b.available} />
      </strong>
    ),
  },
  { id: 'bar', header: t('budgets.col.bar'), cell: (b) => <BudgetBar budget={b} /> },
];

function CreateBudgetDialog({
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
  const blank = { code: '', name: '', kanName: '', kouName: '', mokuName: '', amount: '' };
  const form = useForm({ fiscalYear: String(fiscalYear), ...blank });
  // An empty name is no name: the voucher prints the national 款 name, or the number alone.
  const optionalName = (value: string) => value.trim() || undefined;
  const save = async () => {
    const body = {
      fiscalYear: /^\d{4}$/.test(form.values.fiscalYear.trim())
        ? Number(form.values.fiscalYear.trim())
        : form.values.fiscalYear,
      code: form.values.code.trim(),
      name: form.values.name.trim(),
      kanName: optionalName(form.values.kanName),
      kouName: optionalName(form.values.kouName),
      mokuName: optionalName(form.values.mokuName),
      amount: parseYen(form.values.amount) ?? form.values.amount,
    };
    const created = await form.submit(BudgetCreateRequestSchema, body, (parsed, idempotencyKey) =>
      api.budgets.create(parsed, { idempotencyKey }),
    );
    if (!created) return;
    toast.success(
      t('budgets.create.done', {
        year: created.fiscalYear,
        code: created.code,
        name: created.name,
      }),
    );
    await queryClient.invalidateQueries({ queryKey: ['budgets'] });
    form.reset({ fiscalYear: String(created.fiscalYear), ...blank });
    onOpenChange(false);
  };
  return (
    <FormDialog
      isOpen={isOpen}
      onClose={() => onOpenChange(false)}
      title={t('budgets.create.title')}
      submitLabel={t('budgets.create.submit')}
      form={form}
      onSubmit={save}
      formId="budget-create"
    >
      <TextField
        label={t('budgets.create.fiscalYear')}
        hint={t('budgets.create.fiscalYear.hint')}
        isRequired
        width="narrow"
        inputMode="numeric"
        {...form.field('fiscalYear')}
      />
      <TextField
        label={t('budgets.create.code')}
        hint={t('budgets.create.code.hint')}
        isRequired
        width="medium"
        inputMode="decimal"
        {...form.field('code')}
      />
      <TextField
        label={t('budgets.create.name')}
        hint={t('budgets.create.name.hint')}
        isRequired
        {...form.field('name')}
      />
      <TextField
        label={t('budgets.create.kanName')}
        hint={t('budgets.create.kanName.hint')}
        width="medium"
        {...form.field('kanName')}
      />
      <TextField
        label={t('budgets.create.kouName')}
        hint={t('budgets.create.kouName.hint')}
        width="medium"
        {...form.field('kouName')}
      />
      <TextField
        label={t('budgets.create.mokuName')}
        hint={t('budgets.create.mokuName.hint')}
        width="medium"
        {...form.field('mokuName')}
      />
      <TextField
        label={t('budgets.create.amount')}
        hint={t('budgets.create.amount.hint')}
        isRequired
        amount
        width="medium"
        {...form.field('amount')}
      />
    </FormDialog>
  );
}

export function BudgetList() {
  const [search, setSearch] = useListSearch<Search>();
  const currentYear = fiscalYearOf(useToday());
  const fiscalYear = search.fiscalYear ?? currentYear;
  const request = { ...search, fiscalYear };
  const [q, setQ] = useState(search.q ?? '');
  const [creating, setCreating] = useState(false);
  const query = useQuery(
    listQuery('budgets', request, (signal) => api.budgets.list(request, signal)),
  );
  const years = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2, currentYear - 3];
  if (!years.includes(fiscalYear)) years.push(fiscalYear);
  const totals =
    query.data && query.data.total <= query.data.items.length
      ? budgetTotals(query.data.items)
      : undefined;

  const newButton = (
    <Button variant="primary" onPress={() => setCreating(true)}>
      {t('budgets.new')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('budgets.title')} lead={t('budgets.lead')} actions={newButton} />
      <div className="budget-legend ui-small" aria-hidden="true">
        <span className="budget-legend__item budget-legend__item--spent">
          {t('budgets.bar.spent')}
        </span>
        <span className="budget-legend__item budget-legend__item--encumbered">
          {t('budgets.bar.encumbered')}
        </span>
        <span className="budget-legend__item budget-legend__item--available">
          {t('budgets.bar.available')}
        </span>
      </div>
      <DataTable
        label={fiscalYearLabel(fiscalYear)}
        columns={columns}
        rowKey={(b) => `${b.fiscalYear}/${b.code}`}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.budgets.csv({ ...filtersOf(search), fiscalYear })}
        filters={
          <FilterBar
            onApply={() => setSearch({ q: q.trim() || undefined })}
            onClear={() => {
              setQ('');
              setSearch({ q: undefined, fiscalYear: undefined });
            }}
          >
            <SelectField
              label={t('budgets.filter.fiscalYear')}
              value={String(fiscalYear)}
              onChange={(value) =>
                setSearch({ fiscalYear: Number(value) === currentYear ? undefined : Number(value) })
              }
              options={years
                .sort((a, b) => b - a)
                .map((year) => ({ id: String(year), label: fiscalYearLabel(year) }))}
            />
            <TextField
              label={t('budgets.filter.q')}
              type="search"
              value={q}
              onChange={setQ}
              className="ui-field--wide"
            />
          </FilterBar>
        }
        empty={
          search.q ? (
            <EmptyState title={t('budgets.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('budgets.empty.title', { year: fiscalYearLabel(fiscalYear) })}
              body={t('budgets.empty.body')}
              action={newButton}
            />
          )
        }
      />
      {totals && query.data && query.data.items.length > 0 ? (
        <p className="ui-muted">
          {t('budgets.total', {
            year: fiscalYearLabel(fiscalYear),
            amount: formatYen(totals.currentAmount),
            encumbered: formatYen(totals.encumbered),
            available: formatYen(totals.available),
          })}
        </p>
      ) : null}
      <CreateBudgetDialog isOpen={creating} onOpenChange={setCreating} fiscalYear={fiscalYear} />
    </>
  );
}
