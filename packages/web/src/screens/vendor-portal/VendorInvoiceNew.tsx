// 請求書の提出 (vendor): an invoice against one of the vendor's approved contracts, with the live
// per-rate tax preview the procurement screen uses (invoice-preview.ts, @denpyo/jp's rounding),
// validated with the same schema as the invoice service. It arrives today (受付日 = today).
import {
  InvoiceCreateRequestSchema,
  RegistrationNumberSchema,
  type Contract,
} from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useUser } from '../../app/session';
import { formatReiwa, formatSeireki, formatYen, japanToday, parseYen } from '../../format';
import { useForm, validate } from '../../forms';
import { t } from '../../i18n';
import { FormProblems } from '../../shared/FormProblems';
import { useVendor } from '../../shared/VendorName';
import {
  Alert,
  Amount,
  Button,
  PageHeader,
  Progress,
  Section,
  SelectField,
  TextField,
  useToast,
} from '../../ui';
import {
  previewInvoice,
  type InvoicePreview,
  type LineInput,
} from '../procurement/invoice-preview';
import { liveNumberCheck, normalizeNumberInput } from '../procurement/live-checks';
import '../procurement/procurement.css';
import './vendor-portal.css';

interface Line extends LineInput {
  key: number;
}

const TAX_RATES = ['10', '8', '0'] as const;
const MAX_LINES = 100;
const REGISTRATION = { length: 14, prefix: /^(T\d{0,13})?$/ };

/** The tax preview (the same figures the invoice service will compute). */
function TaxPreview({ preview }: { preview: InvoicePreview }) {
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

export function VendorInvoiceNew() {
  const search = useSearch({ strict: false }) as { contractId?: string };
  const user = useUser();
  const vendor = useVendor(user.vendorId);
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

  const contracts = useQuery({
    queryKey: ['contracts', 'list', { status: 'approved', pageSize: 100, vendorPortal: true }],
    queryFn: ({ signal }) =>
      api.contracts.list(
        { status: 'approved', pageSize: 100, sort: 'documentNumber', order: 'desc' },
        signal,
      ),
  });
  const open = (contracts.data?.items ?? []).filter(
    (c) => c.remainingAmount > 0 || c.id === v.contractId,
  );
  const contract: Contract | undefined = open.find((c) => c.id === v.contractId);

  // The vendor's own registration number as the starting value (the one on its invoices).
  const ownNumber = vendor.data?.invoiceRegistrationNumber;
  const { setMany } = form;
  const registrationTyped = v.registrationNumber !== '';
  useEffect(() => {
    if (ownNumber && !registrationTyped) setMany({ registrationNumber: ownNumber });
  }, [ownNumber, registrationTyped, setMany]);

  const preview = previewInvoice(lines);
  const overRemaining =
    contract !== undefined &&
    preview.totals !== undefined &&
    preview.totals.total > contract.remainingAmount;
  const registration = liveNumberCheck(v.registrationNumber, REGISTRATION, (value) =>
    validate(RegistrationNumberSchema, value),
  );

  const chooseContract = (id: string) => {
    form.setMany({ contractId: id });
    const chosen = open.find((c) => c.id === id);
    if (!chosen) return;
    setLines((current) =>
      current.map((line) =>
        line.amount === '' && line.description === ''
          ? { ...line, taxRate: String(chosen.taxRate) }
          : line,
      ),
    );
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
    for (let i = 0; i < lines.length; i++) {
      for (const name of ['description', 'amount', 'taxRate'])
        form.setError(`lines.${i}.${name}`, undefined);
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
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
    ]);
    toast.success(
      t('vendorPortal.invoiceNew.done', {
        invoiceNumber: invoice.invoiceNumber,
        documentNumber: invoice.documentNumber,
        dueDate: formatSeireki(invoice.dueDate),
      }),
    );
    await navigate({ to: '/vendor/invoices' });
  };

  return (
    <>
      <PageHeader
        title={t('vendorPortal.invoiceNew.title')}
        lead={t('vendorPortal.invoiceNew.lead')}
        back={{ to: '/vendor', label: t('vendorPortal.title') }}
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="invoice-layout">
          <div className="ui-stack-lg">
            <Section title={t('vendorPortal.invoiceNew.section')}>
              <div className="ui-stack">
                <SelectField
                  label={t('vendorPortal.invoiceNew.contract')}
                  hint={
                    open.length === 0 && contracts.data
                      ? t('vendorPortal.invoiceNew.contract.none')
                      : t('vendorPortal.invoiceNew.contract.hint')
                  }
                  isRequired
                  name="contractId"
                  value={v.contractId}
                  onChange={chooseContract}
                  error={form.errors.contractId}
                  options={open.map((c) => ({
                    id: c.id,
                    label: t('vendorPortal.invoiceNew.contract.option', {
                      documentNumber: c.documentNumber,
                      title: c.title,
                      remaining: formatYen(c.remainingAmount),
                    }),
                  }))}
                />
                {contract ? (
                  <p className="ui-small vendor-invoice__contract">
                    {t('vendorPortal.invoiceNew.remaining', {
                      remaining: formatYen(contract.remainingAmount),
                    })}
                  </p>
                ) : null}
                <Alert tone="info" title={t('invoiceNew.receivedOn')}>
                  <time dateTime={today} title={today}>
                    {t('vendorPortal.invoiceNew.receivedToday', { date: formatReiwa(today) })}
                  </time>
                </Alert>
                <div className="ui-grid-2">
                  <TextField
                    label={t('vendorPortal.invoiceNew.invoiceNumber')}
                    hint={t('vendorPortal.invoiceNew.invoiceNumber.hint')}
                    isRequired
                    maxLength={50}
                    {...form.field('invoiceNumber')}
                  />
                  <TextField
                    label={t('vendorPortal.invoiceNew.issueDate')}
                    type="date"
                    isRequired
                    {...form.field('issueDate')}
                  />
                </div>
                <TextField
                  label={t('vendorPortal.invoiceNew.registrationNumber')}
                  hint={t('vendorPortal.invoiceNew.registrationNumber.hint')}
                  isRequired
                  width="medium"
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
              {t('vendorPortal.invoiceNew.submit')}
            </Button>
          </div>
        </div>
      </form>
    </>
  );
}
