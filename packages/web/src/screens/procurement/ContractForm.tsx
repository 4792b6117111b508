// The contract's terms as procurement drafts or edits them: vendor, subject, kind (物品/役務/工事),
// method (契約方法), fiscal year and budget line, amount, tax rate, period — the start date
// checked against the fiscal year as it is typed, and when the period crosses March 31 the
// schedule of amounts per fiscal year (債務負担行為) whose sum must equal the amount, checked live.
// The route the delegation rules will fix is previewed under the amount.
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_METHOD_LABELS,
  type Budget,
  type Contract,
  type ContractKind,
  type ContractMethod,
} from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useForm, type Form } from '../../forms';
import { formatReiwa, formatYen, parseYen } from '../../format';
import { t } from '../../i18n';
import './procurement.css';
import {
  Alert,
  Amount,
  Button,
  ComboField,
  Progress,
  Section,
  SelectField,
  TextField,
  type Option,
} from '../../ui';
import { rankLabel } from '../../shared/ApprovalRoute';
import { FormProblems } from '../../shared/FormProblems';
import { useDebounced } from '../../shared/useDebounced';
import { VendorPicker } from '../../shared/VendorPicker';
import {
  checkSchedule,
  expectedRoute,
  periodFiscalYears,
  scheduleRowsFor,
  startDateCheck,
  type ScheduleRow,
} from './contract-rules';

const TAX_RATES = ['10', '8', '0'] as const;
const KINDS = Object.keys(CONTRACT_KIND_LABELS) as ContractKind[];
const METHODS = Object.keys(CONTRACT_METHOD_LABELS) as ContractMethod[];

export type ContractFormValues = {
  vendorId: string;
  title: string;
  kind: string;
  method: string;
  fiscalYear: string;
  budgetCode: string;
  amount: string;
  taxRate: string;
  startDate: string;
  endDate: string;
};

/** The form's starting values: a new draft's, or a draft's own terms when it is edited. */
export function contractFormValues(
  fiscalYear: number,
  vendorId: string,
  contract?: Contract,
): ContractFormValues {
  return {
    vendorId: contract?.vendorId ?? vendorId,
    title: contract?.title ?? '',
    kind: contract?.kind ?? 'services',
    method: contract?.method ?? '',
    fiscalYear: String(contract?.fiscalYear ?? fiscalYear),
    budgetCode: contract?.budgetCode ?? '',
    amount: contract ? String(contract.amount) : '',
    taxRate: String(contract?.taxRate ?? 10),
    startDate: contract?.startDate ?? '',
    endDate: contract?.endDate ?? '',
  };
}

/** The request body from the form: what the schemas parse (strings left for them to refuse). */
export function contractBody(values: ContractFormValues, schedule: readonly ScheduleRow[]) {
  const amount = parseYen(values.amount);
  const multiYear = periodFiscalYears(values.startDate, values.endDate).length > 1;
  return {
    vendorId: values.vendorId || undefined,
    title: values.title.trim(),
    kind: values.kind || undefined,
    method: values.method || undefined,
    budgetCode: values.budgetCode || undefined,
    fiscalYear: Number(values.fiscalYear),
    amount: values.amount.trim() === '' ? undefined : (amount ?? values.amount),
    taxRate: Number(values.taxRate),
    startDate: values.startDate || undefined,
    endDate: values.endDate || undefined,
    ...(multiYear
      ? {
          schedule: schedule.map((row) => ({
            fiscalYear: row.fiscalYear,
            amount: row.amount.trim() === '' ? undefined : (parseYen(row.amount) ?? row.amount),
          })),
        }
      : {}),
  };
}

export function useContractForm(initial: ContractFormValues, contract?: Contract) {
  const form = useForm(initial, { owns: (path) => path.startsWith('schedule') });
  const [schedule, setSchedule] = useState<ScheduleRow[]>(
    contract?.schedule?.map((row) => ({
      fiscalYear: row.fiscalYear,
      amount: String(row.amount),
    })) ?? [],
  );
  const years = periodFiscalYears(form.values.startDate, form.values.endDate);
  const rows = years.length > 1 ? scheduleRowsFor(years, schedule) : [];
  const setRow = (fiscalYear: number, amount: string) => {
    setSchedule(
      scheduleRowsFor(years, rows).map((row) =>
        row.fiscalYear === fiscalYear ? { ...row, amount } : row,
      ),
    );
    rows.forEach((row, index) => {
      if (row.fiscalYear === fiscalYear) form.setError(`schedule.${index}.amount`, undefined);
    });
    form.setError('schedule', undefined);
  };
  return { form, rows, setRow, body: () => contractBody(form.values, rows) };
}

export type ContractFormState = ReturnType<typeof useContractForm>;

export function ContractForm({
  state,
  fiscalYears,
  submitLabel,
  onSubmit,
}: {
  state: ContractFormState;
  fiscalYears: readonly number[];
  submitLabel: string;
  onSubmit: () => Promise<void>;
}) {
  const { form, rows, setRow } = state;
  const v = form.values;
  const amount = parseYen(v.amount);
  const fiscalYear = Number(v.fiscalYear);
  const startCheck = startDateCheck(fiscalYear, v.startDate);
  const route = amount !== undefined && amount > 0 ? expectedRoute(amount) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };

  return (
    <form className="ui-form" onSubmit={submit} noValidate>
      <Section title={t('contractDetail.terms')}>
        <div className="ui-stack">
          <VendorPicker
            label={t('contractNew.vendor')}
            hint={t('contractNew.vendor.hint')}
            name="vendorId"
            isRequired
            value={v.vendorId}
            onChange={(vendorId) => form.set('vendorId', vendorId)}
            error={form.errors.vendorId}
          />
          <TextField
            label={t('contractNew.title.field')}
            hint={t('contractNew.title.hint')}
            isRequired
            width="medium"
            {...form.field('title')}
          />
          <div className="ui-grid-2">
            <SelectField
              label={t('procurement.contract.kind')}
              hint={t('procurement.contract.kind.hint')}
              isRequired
              options={KINDS.map((kind) => ({ id: kind, label: CONTRACT_KIND_LABELS[kind] }))}
              {...form.field('kind')}
            />
            <SelectField
              label={t('procurement.contract.method')}
              isRequired
              placeholder={t('procurement.contract.method.choose')}
              options={METHODS.map((method) => ({
                id: method,
                label: CONTRACT_METHOD_LABELS[method],
              }))}
              {...form.field('method')}
              error={form.errors.method && v.method === '' ? t('error.choose') : form.errors.method}
            />
          </div>
          <div className="ui-grid-2">
            <SelectField
              label={t('contractNew.fiscalYear')}
              isRequired
              options={fiscalYears.map((year) => ({
                id: String(year),
                label: t('contractNew.fiscalYear.value', { year, reiwa: year - 2018 }),
              }))}
              {...form.field('fiscalYear')}
              onChange={(value) => form.setMany({ fiscalYear: value, budgetCode: '' })}
            />
            <BudgetPicker
              fiscalYear={fiscalYear}
              value={v.budgetCode}
              onChange={(code) => form.set('budgetCode', code)}
              error={form.errors.budgetCode}
            />
          </div>
          <div className="ui-grid-2">
            <TextField
              label={t('contractNew.amount')}
              hint={
                amount !== undefined && amount > 0
                  ? formatYen(amount)
                  : t('contractNew.amount.hint')
              }
              isRequired
              amount
              {...form.field('amount')}
            />
            <SelectField
              label={t('contractNew.taxRate')}
              isRequired
              options={TAX_RATES.map((rate) => ({ id: rate, label: t(`word.taxRate.${rate}`) }))}
              {...form.field('taxRate')}
            />
          </div>
          {route ? (
            <p className="ui-small" aria-live="polite">
              {t('procurement.contract.routePreview', {
                ranks: route.map(rankLabel).join(t('shared.route.arrow')),
              })}
            </p>
          ) : null}
          <div className="ui-grid-2">
            <TextField
              label={t('contractNew.startDate')}
              hint={t('procurement.contract.startDate.hint', {
                from: formatReiwa(`${fiscalYear}-04-01`),
                to: formatReiwa(`${fiscalYear + 1}-03-31`),
              })}
              type="date"
              isRequired
              {...form.field('startDate')}
              error={
                form.errors.startDate ??
                (startCheck === 'before' || startCheck === 'after'
                  ? t('procurement.contract.startDate.outside', { year: fiscalYear })
                  : undefined)
              }
            />
            <TextField
              label={t('contractNew.endDate')}
              type="date"
              isRequired
              {...form.field('endDate')}
            />
          </div>
        </div>
      </Section>
      {rows.length > 0 ? (
        <ScheduleEditor form={form} rows={rows} amount={amount ?? 0} onChange={setRow} />
      ) : null}
      <FormProblems form={form} />
      {form.submitting ? <Progress label={t('app.saving')} /> : null}
      <div className="ui-row">
        <Button type="submit" variant="primary" isDisabled={form.submitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** 債務負担行為: the amount of each fiscal year of the period; the sum must equal the amount. */
function ScheduleEditor({
  form,
  rows,
  amount,
  onChange,
}: {
  form: Form<ContractFormValues>;
  rows: readonly ScheduleRow[];
  amount: number;
  onChange: (fiscalYear: number, amount: string) => void;
}) {
  const check = checkSchedule(rows, amount);
  return (
    <Section title={t('procurement.schedule.title')}>
      <div className="ui-stack">
        <p className="ui-muted ui-small">{t('procurement.schedule.lead')}</p>
        <ol className="schedule-rows">
          {rows.map((row, index) => (
            <li key={row.fiscalYear} className="schedule-row">
              <TextField
                label={t('procurement.schedule.year', {
                  year: row.fiscalYear,
                  reiwa: row.fiscalYear - 2018,
                })}
                isRequired
                amount
                width="narrow"
                value={row.amount}
                onChange={(value) => onChange(row.fiscalYear, value)}
                error={
                  form.errors[`schedule.${index}.amount`] ??
                  (check.unreadable.includes(index) ? t('error.nonNegativeInteger') : undefined)
                }
              />
            </li>
          ))}
        </ol>
        <dl className="schedule-sum" aria-live="polite">
          <div>
            <dt>{t('procurement.schedule.sum')}</dt>
            <dd>
              <Amount value={check.sum} />
            </dd>
          </div>
          <div>
            <dt>{t('contractNew.amount')}</dt>
            <dd>
              <Amount value={amount} />
            </dd>
          </div>
        </dl>
        {check.balanced ? (
          <Alert tone="success" title={t('procurement.schedule.balanced')} />
        ) : check.difference !== 0 ? (
          <Alert
            tone="warning"
            title={
              check.difference > 0
                ? t('procurement.schedule.short', { difference: formatYen(check.difference) })
                : t('procurement.schedule.over', { difference: formatYen(-check.difference) })
            }
          />
        ) : null}
        {form.errors.schedule ? <Alert tone="danger" title={form.errors.schedule} /> : null}
      </div>
    </Section>
  );
}

/** The budget line of the fiscal year, searched by code or name, with its available amount. */
function BudgetPicker({
  fiscalYear,
  value,
  onChange,
  error,
}: {
  fiscalYear: number;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const [picked, setPicked] = useState<Budget | undefined>(undefined);
  const q = useDebounced((typed ?? '').trim());
  const budgets = useQuery({
    queryKey: ['budgets', 'picker', fiscalYear, q],
    queryFn: ({ signal }) =>
      api.budgets.list({ fiscalYear, q, pageSize: 30, sort: 'code' }, signal),
    staleTime: 30_000,
  });
  const items = budgets.data?.items ?? [];
  const chosen =
    picked && picked.code === value && picked.fiscalYear === fiscalYear
      ? picked
      : items.find((budget) => budget.code === value);
  const listed = chosen && !items.some((b) => b.code === chosen.code) ? [chosen, ...items] : items;
  const options: Option[] = listed.map((budget) => ({
    id: budget.code,
    label: `${budget.code} ${budget.name}`,
    description: t('contractNew.budget.available', {
      name: budget.name,
      available: formatYen(budget.available),
    }),
  }));
  return (
    <ComboField
      label={t('contractNew.budgetCode')}
      hint={
        chosen
          ? t('contractNew.budget.available', {
              name: chosen.name,
              available: formatYen(chosen.available),
            })
          : t('contractNew.budgetCode.hint')
      }
      name="budgetCode"
      isRequired
      selectedId={value}
      onSelect={(option) => {
        setPicked(listed.find((budget) => budget.code === option?.id));
        // The field then shows the chosen line's code and name, not what was typed to find it.
        setTyped(undefined);
        onChange(option?.id ?? '');
      }}
      inputValue={typed ?? (chosen ? `${chosen.code} ${chosen.name}` : value)}
      onInputChange={setTyped}
      options={options}
      isLoading={budgets.isFetching}
      emptyText={t('contractNew.budget.notFound')}
      error={error && value === '' ? t('error.choose') : error}
    />
  );
}
