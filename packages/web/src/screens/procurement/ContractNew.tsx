// 契約の起案: a draft contract (vendor, budget line of the fiscal year, amount tax-included, tax
// rate, period), checked with ContractCreateRequestSchema before it is sent.
import { ContractCreateRequestSchema, type Budget } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useForm } from '../../forms';
import { fiscalYearOf, formatYen, japanToday, parseYen } from '../../format';
import { t } from '../../i18n';
import './procurement.css';
import {
  Button,
  ComboField,
  PageHeader,
  Progress,
  Section,
  SelectField,
  TextField,
  useToast,
  type Option,
} from '../../ui';
import { FormProblems } from '../../shared/FormProblems';
import { useDebounced } from '../../shared/useDebounced';
import { VendorPicker } from '../../shared/VendorPicker';
import { requiredApprovals } from './contract-rules';

const TAX_RATES = ['10', '8', '0'] as const;

export function ContractNew() {
  const search = useSearch({ strict: false }) as { vendorId?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const thisYear = fiscalYearOf(japanToday());
  const form = useForm({
    vendorId: search.vendorId ?? '',
    title: '',
    fiscalYear: String(thisYear),
    budgetCode: '',
    amount: '',
    taxRate: '10',
    startDate: '',
    endDate: '',
  });
  const v = form.values;
  const amount = parseYen(v.amount);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      vendorId: v.vendorId || undefined,
      title: v.title.trim(),
      budgetCode: v.budgetCode || undefined,
      fiscalYear: Number(v.fiscalYear),
      amount: v.amount.trim() === '' ? undefined : (amount ?? v.amount),
      taxRate: Number(v.taxRate),
      startDate: v.startDate || undefined,
      endDate: v.endDate || undefined,
    };
    const contract = await form.submit(
      ContractCreateRequestSchema,
      body,
      (parsed, idempotencyKey) => api.contracts.draft(parsed, { idempotencyKey }),
    );
    if (!contract) return;
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    await queryClient.invalidateQueries({ queryKey: ['counts'] });
    toast.success(t('contractNew.done', { documentNumber: contract.documentNumber }));
    await navigate({ to: '/contracts/$id', params: { id: contract.id } });
  };

  const years = [thisYear - 1, thisYear, thisYear + 1].map((year) => ({
    id: String(year),
    label: t('contractNew.fiscalYear.value', { year, reiwa: year - 2018 }),
  }));

  return (
    <>
      <PageHeader
        title={t('contractNew.title')}
        lead={t('contractNew.lead')}
        back={{ to: '/contracts', label: t('contracts.title') }}
      />
      <form className="ui-form" onSubmit={(event) => void submit(event)} noValidate>
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
                label={t('contractNew.fiscalYear')}
                isRequired
                options={years}
                {...form.field('fiscalYear')}
                onChange={(value) => form.setMany({ fiscalYear: value, budgetCode: '' })}
              />
              <BudgetPicker
                fiscalYear={Number(v.fiscalYear)}
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
                    ? `${formatYen(amount)} — ${t('contractNew.route', { count: requiredApprovals(amount) })}`
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
            <div className="ui-grid-2">
              <TextField
                label={t('contractNew.startDate')}
                type="date"
                isRequired
                {...form.field('startDate')}
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
        <FormProblems form={form} />
        {form.submitting ? <Progress label={t('app.saving')} /> : null}
        <div className="ui-row">
          <Button type="submit" variant="primary" isDisabled={form.submitting}>
            {t('contractNew.submit')}
          </Button>
        </div>
      </form>
    </>
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
  const chosen =
    picked && picked.code === value && picked.fiscalYear === fiscalYear ? picked : undefined;
  const items = budgets.data?.items ?? [];
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
        onChange(option?.id ?? '');
      }}
      inputValue={typed ?? (chosen ? `${chosen.code} ${chosen.name}` : '')}
      onInputChange={setTyped}
      options={options}
      isLoading={budgets.isFetching}
      emptyText={t('contractNew.budget.notFound')}
      error={error && value === '' ? t('error.choose') : error}
    />
  );
}
