// 請求書の登録（紙）: a paper invoice against an approved contract. The arrival date is today (the
// API records receivedOn); the lines show a live per-rate tax preview computed as the invoice
// service computes it.
import {
  InvoiceCreateRequestSchema,
  RegistrationNumberSchema,
  type Contract,
} from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, detailQuery, queryKeys } from '../../api';
import { useForm, validate } from '../../forms';
import { formatReiwa, formatYen, japanToday, parseYen } from '../../format';
import { t } from '../../i18n';
import './procurement.css';
import {
  Alert,
  Amount,
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
import { VendorName } from '../../shared/VendorName';
import { previewInvoice, type LineInput } from './invoice-preview';
import { liveNumberCheck, normalizeNumberInput } from './live-checks';

interface Line extends LineInput {
  key: number;
}

const TAX_RATES = ['10', '8', '0'] as const;
const MAX_LINES = 100;
const REGISTRATION = { length: 14, prefix: /^(T\d{0,13})?$/ };

export function InvoiceNew() {
  const search = useSearch({ strict: false }) as { contractId?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const today = japanToday();
  const form = useForm(
    {
      contractId: search.contractId ?? '',
      invoiceNumber: '',
      issueDate: today,
      registrationNumber: '',
    },
    { owns: (path) => path.startsWith('lines') },
  );
  const [lines, setLines] = useState<Line[]>([
    { key: 1, description: '', amount: '', taxRate: '10' },
  ]);
  const [nextKey, setNextKey] = useState(2);
  const v = form.values;

  const contract = useQuery({
    ...detailQuery('contracts', v.contractId, (signal) => api.contracts.get(v.contractId, signal)),
    enabled: v.contractId !== '',
  }).data;

  const preview = previewInvoice(lines);
  const overRemaining =
    contract !== undefined &&
    preview.totals !== undefined &&
    preview.totals.total > contract.remainingAmount;

  const registration = liveNumberCheck(v.registrationNumber, REGISTRATION, (value) =>
    validate(RegistrationNumberSchema, value),
  );

  const chooseContract = async (chosen: Contract | undefined) => {
    // The picked contract is known already: no fetch (and no flicker) for its details.
    if (chosen) queryClient.setQueryData(queryKeys.detail('contracts', chosen.id), chosen);
    form.setMany({ contractId: chosen?.id ?? '' });
    if (!chosen) return;
    setLines((current) =>
      current.map((line) =>
        line.amount === '' && line.description === ''
          ? { ...line, taxRate: String(chosen.taxRate) }
          : line,
      ),
    );
    // The vendor's T-number as a starting point (the clerk checks it against the paper).
    const chosenVendor = await queryClient
      .fetchQuery({
        queryKey: queryKeys.detail('vendors', chosen.vendorId),
        queryFn: ({ signal }) => api.vendors.get(chosen.vendorId, signal),
        staleTime: 5 * 60_000,
      })
      .catch(() => undefined);
    if (chosenVendor?.invoiceRegistrationNumber) {
      form.setMany({ registrationNumber: chosenVendor.invoiceRegistrationNumber });
    }
  };

  const updateLine = (index: number, patch: Partial<LineInput>) => {
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));
    for (const name of Object.keys(patch)) form.setError(`lines.${index}.${name}`, undefined);
  };
  const addLine = () => {
    setLines((current) => [
      ...current,
      { key: nextKey, description: '', amount: '', taxRate: String(contract?.taxRate ?? 10) },
    ]);
    setNextKey((key) => key + 1);
  };
  const removeLine = (index: number) => {
    setLines((current) => current.filter((_, i) => i !== index));
    // Errors are indexed by position: after a removal they no longer point at the right line.
    for (let i = 0; i < lines.length; i++) {
      for (const name of ['description', 'amount', 'taxRate']) {
        form.setError(`lines.${i}.${name}`, undefined);
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      contractId: v.contractId || undefined,
      invoiceNumber: v.invoiceNumber.trim(),
      issueDate: v.issueDate || undefined,
      registrationNumber: v.registrationNumber.trim(),
      lines: lines.map((line) => ({
        description: line.description.trim(),
        amount: line.amount.trim() === '' ? undefined : (parseYen(line.amount) ?? line.amount),
        taxRate: Number(line.taxRate),
      })),
    };
    const invoice = await form.submit(InvoiceCreateRequestSchema, body, (parsed, idempotencyKey) =>
      api.invoices.receive(parsed, { idempotencyKey }),
    );
    if (!invoice) return;
    await queryClient.invalidateQueries({ queryKey: ['invoices'] });
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    await queryClient.invalidateQueries({ queryKey: ['counts'] });
    toast.success(
      t('invoiceNew.done', {
        documentNumber: invoice.documentNumber,
        dueDate: formatReiwa(invoice.dueDate),
      }),
    );
    await navigate({ to: '/contracts/$id', params: { id: invoice.contractId } });
  };

  return (
    <>
      <PageHeader
        title={t('invoiceNew.title')}
        lead={t('invoiceNew.lead')}
        back={{ to: '/inspections', label: t('inspections.title') }}
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="invoice-layout">
          <div className="ui-stack-lg">
            <Section title={t('contractDetail.terms')}>
              <div className="ui-stack">
                <ContractPicker
                  key={contract?.id ?? 'none'}
                  value={v.contractId}
                  chosen={contract}
                  onChange={(chosen) => void chooseContract(chosen)}
                  error={form.errors.contractId}
                />
                {contract ? (
                  <p className="ui-small">
                    <VendorName id={contract.vendorId} />
                    {' ・ '}
                    {t('invoiceNew.contract.remaining', {
                      remaining: formatYen(contract.remainingAmount),
                    })}
                  </p>
                ) : null}
                <Alert tone="info" title={t('invoiceNew.receivedOn')}>
                  <time dateTime={today} title={today}>
                    {t('invoiceNew.receivedOn.value', { date: formatReiwa(today) })}
                  </time>
                </Alert>
                <div className="ui-grid-2">
                  <TextField
                    label={t('invoiceNew.invoiceNumber')}
                    hint={t('invoiceNew.invoiceNumber.hint')}
                    isRequired
                    {...form.field('invoiceNumber')}
                  />
                  <TextField
                    label={t('invoiceNew.issueDate')}
                    type="date"
                    isRequired
                    {...form.field('issueDate')}
                  />
                </div>
                <TextField
                  label={t('invoiceNew.registrationNumber')}
                  hint={t('invoiceNew.registrationNumber.hint')}
                  isRequired
                  width="narrow"
                  maxLength={14}
                  {...form.field('registrationNumber')}
                  onChange={(value) => form.set('registrationNumber', normalizeNumberInput(value))}
                  error={form.errors.registrationNumber ?? registration.error}
                  ok={
                    registration.state === 'valid'
                      ? t('vendorNew.registrationNumber.ok')
                      : undefined
                  }
                />
              </div>
            </Section>
            <Section
              title={t('invoiceNew.lines')}
              actions={
                <Button onPress={addLine} isDisabled={lines.length >= MAX_LINES} size="small">
                  {t('invoiceNew.line.add')}
                </Button>
              }
            >
              <ol className="invoice-lines ui-links">
                {lines.map((line, index) => (
                  <li
                    key={line.key}
                    className="invoice-line"
                    aria-label={t('invoiceNew.line', { n: index + 1 })}
                  >
                    <TextField
                      label={t('invoiceNew.line.description')}
                      isRequired
                      value={line.description}
                      onChange={(description) => updateLine(index, { description })}
                      error={form.errors[`lines.${index}.description`]}
                    />
                    <TextField
                      label={t('invoiceNew.line.amount')}
                      isRequired
                      amount
                      value={line.amount}
                      onChange={(amount) => updateLine(index, { amount })}
                      error={
                        form.errors[`lines.${index}.amount`] ??
                        (preview.unreadable.includes(index) ? t('error.amount') : undefined)
                      }
                    />
                    <SelectField
                      label={t('invoiceNew.line.taxRate')}
                      isRequired
                      value={line.taxRate}
                      onChange={(taxRate) => updateLine(index, { taxRate })}
                      options={TAX_RATES.map((rate) => ({
                        id: rate,
                        label: t(`word.taxRate.${rate}`),
                      }))}
                      error={form.errors[`lines.${index}.taxRate`]}
                    />
                    <div className="invoice-line__remove">
                      <Button
                        variant="quiet"
                        size="small"
                        isDisabled={lines.length === 1}
                        onPress={() => removeLine(index)}
                        aria-label={t('invoiceNew.line.remove', { n: index + 1 })}
                      >
                        ×
                      </Button>
                    </div>
                  </li>
                ))}
              </ol>
            </Section>
          </div>
          <div className="invoice-layout__aside ui-stack">
            <Section title={t('invoiceNew.preview')}>
              <TaxPreview preview={preview} />
              {overRemaining && contract ? (
                <Alert
                  tone="warning"
                  title={t('invoiceNew.preview.overRemaining', {
                    remaining: formatYen(contract.remainingAmount),
                  })}
                />
              ) : null}
            </Section>
            <FormProblems form={form} />
            {form.submitting ? <Progress label={t('app.saving')} /> : null}
            <Button type="submit" variant="primary" isDisabled={form.submitting}>
              {t('invoiceNew.submit')}
            </Button>
          </div>
        </div>
      </form>
    </>
  );
}

function TaxPreview({ preview }: { preview: ReturnType<typeof previewInvoice> }) {
  const totals = preview.totals;
  return (
    <div aria-live="polite">
      {totals ? (
        <table className="tax-preview">
          <thead>
            <tr>
              <th scope="col">{t('word.taxRate')}</th>
              <th scope="col">{t('invoiceNew.preview.base')}</th>
              <th scope="col">{t('invoiceNew.preview.tax')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.taxes.map((rate) => (
              <tr key={rate.rate}>
                <th scope="row">{t('invoiceNew.preview.rate', { rate: rate.rate })}</th>
                <td>
                  <Amount value={rate.base} />
                </td>
                <td>
                  <Amount value={rate.tax} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('invoiceNew.preview.subtotal')}</th>
              <td colSpan={2}>
                <Amount value={totals.subtotal} />
              </td>
            </tr>
            <tr className="tax-preview__total">
              <th scope="row">{t('invoiceNew.preview.total')}</th>
              <td colSpan={2}>
                <Amount value={totals.total} />
              </td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="ui-muted">{t('invoiceNew.preview.empty')}</p>
      )}
    </div>
  );
}

/** An approved contract with something left to invoice, by title or document number. */
function ContractPicker({
  value,
  chosen,
  onChange,
  error,
}: {
  value: string;
  chosen: Contract | undefined;
  onChange: (contract: Contract | undefined) => void;
  error?: string | undefined;
}) {
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const q = useDebounced((typed ?? '').trim());
  const contracts = useQuery({
    queryKey: ['contracts', 'picker', q],
    queryFn: ({ signal }) =>
      api.contracts.list(
        { status: 'approved', q, pageSize: 20, sort: 'documentNumber', order: 'desc' },
        signal,
      ),
    staleTime: 15_000,
  });
  const items = contracts.data?.items ?? [];
  const listed = chosen && !items.some((c) => c.id === chosen.id) ? [chosen, ...items] : items;
  const label = (contract: Contract) => `${contract.documentNumber} ${contract.title}`;
  const options: Option[] = listed.map((contract) => ({
    id: contract.id,
    label: label(contract),
    description: t('invoiceNew.contract.remaining', {
      remaining: formatYen(contract.remainingAmount),
    }),
  }));
  return (
    <ComboField
      label={t('invoiceNew.contract')}
      hint={t('invoiceNew.contract.hint')}
      name="contractId"
      isRequired
      selectedId={value}
      onSelect={(option) => onChange(listed.find((c) => c.id === option?.id))}
      inputValue={typed ?? (chosen ? label(chosen) : '')}
      onInputChange={setTyped}
      options={options}
      isLoading={contracts.isFetching}
      emptyText={t('invoiceNew.contract.none')}
      error={error && value === '' ? t('error.choose') : error}
      width="medium"
    />
  );
}
