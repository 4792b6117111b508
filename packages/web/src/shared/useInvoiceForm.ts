// The state of an invoice being entered, shared by the paper-invoice screen (procurement) and the
// vendor portal: the header values (税抜/税込, the arrival date for staff), the lines (discounts
// negative, 源泉徴収 per line for an individual), the tax stated per rate, the live preview, the
// live checks of the registration number (適格/非適格) and of the arrival date, and the submit
// (validated with the invoice service's own schema).
import {
  InvoiceCreateRequestSchema,
  RegistrationNumberSchema,
  type Contract,
  type Invoice,
  type Vendor,
} from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import {
  liveNumberCheck,
  normalizeNumberInput,
  REGISTRATION_NUMBER_SHAPE,
  useForm,
  validate,
} from '../forms';
import { t } from '../i18n';
import type { TextFieldProps } from '../ui';
import {
  parseSignedYen,
  previewInvoice,
  type InvoicePreview,
  type LineInput,
  type StatedInputs,
} from './invoice-preview';
import { useToday } from '../app/session';

export interface InvoiceLine extends LineInput {
  key: number;
}

const LINE_FIELDS = ['description', 'amount', 'taxRate', 'withholding'] as const;

/** Whether the invoice will be a qualified one (適格請求書), as the invoice service decides it. */
export type Qualification = 'qualified' | 'not-qualified' | 'mismatch' | undefined;

export function qualificationOf(typed: string, vendor: Vendor | undefined): Qualification {
  const number = typed.trim();
  if (number === '') return 'not-qualified';
  if (!vendor || !validate(RegistrationNumberSchema, number).ok) return undefined;
  return vendor.invoiceRegistrationNumber === number ? 'qualified' : 'mismatch';
}

/** The arrival date's live check: not after today, not before the issue date. */
export function receivedOnProblem(
  receivedOn: string,
  issueDate: string,
  today: string,
): 'after-today' | 'before-issue' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) return undefined;
  if (receivedOn > today) return 'after-today';
  if (/^\d{4}-\d{2}-\d{2}$/.test(issueDate) && receivedOn < issueDate) return 'before-issue';
  return undefined;
}

export function useInvoiceForm(
  initialContractId: string,
  { staff, vendor }: { staff: boolean; vendor: Vendor | undefined },
) {
  const queryClient = useQueryClient();
  const today = useToday();
  const form = useForm(
    {
      contractId: initialContractId,
      invoiceNumber: '',
      issueDate: today,
      registrationNumber: '',
      receivedOn: today,
      amountsInclude: 'tax-excluded',
    },
    { owns: (path) => path.startsWith('lines') || path.startsWith('statedTaxes') },
  );
  const [lines, setLines] = useState<InvoiceLine[]>([
    { key: 1, description: '', amount: '', taxRate: '10', withholding: false },
  ]);
  const [stated, setStated] = useState<StatedInputs>({});
  const [nextKey, setNextKey] = useState(2);
  const v = form.values;
  const amountsInclude = v.amountsInclude === 'tax-included' ? 'tax-included' : 'tax-excluded';
  const withholdingAllowed = vendor?.kind === 'individual';

  const preview: InvoicePreview = previewInvoice(lines, {
    amountsInclude,
    stated,
    withholdingAllowed,
  });
  const registration = liveNumberCheck(v.registrationNumber, REGISTRATION_NUMBER_SHAPE, (value) =>
    validate(RegistrationNumberSchema, value),
  );
  const qualification = qualificationOf(v.registrationNumber, vendor);
  const receivedProblem = staff ? receivedOnProblem(v.receivedOn, v.issueDate, today) : undefined;

  /** The registration number field's value, its normalising input, its live error and its ok. */
  const registrationField = {
    ...form.field('registrationNumber'),
    maxLength: REGISTRATION_NUMBER_SHAPE.length,
    onChange: (value: string) => form.set('registrationNumber', normalizeNumberInput(value)),
    error: form.errors.registrationNumber ?? registration.error,
  } satisfies Partial<TextFieldProps>;

  /** The arrival date field (staff): today by default, checked against today and the issue date. */
  const receivedOnField = {
    ...form.field('receivedOn'),
    error:
      form.errors.receivedOn ??
      (receivedProblem ? t(`invoice.receivedOn.${receivedProblem}`) : undefined),
  } satisfies Partial<TextFieldProps>;

  /** The chosen contract; the lines not yet filled in take its tax rate. */
  const chooseContract = (chosen: Contract | undefined) => {
    form.setMany({ contractId: chosen?.id ?? '' });
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
  const addLine = (taxRate: number) => {
    setLines((current) => [
      ...current,
      { key: nextKey, description: '', amount: '', taxRate: String(taxRate), withholding: false },
    ]);
    setNextKey((key) => key + 1);
  };
  const removeLine = (index: number) => {
    setLines((current) => current.filter((_, i) => i !== index));
    // Errors are indexed by position: after a removal they no longer point at the right line.
    for (let i = 0; i < lines.length; i++) {
      for (const name of LINE_FIELDS) form.setError(`lines.${i}.${name}`, undefined);
    }
  };
  /** The tax typed for a rate; '' returns it to the rounded-down figure. */
  const setStatedTax = (rate: number, value: string) => {
    setStated((current) => ({ ...current, [String(rate)]: value }));
    form.setError('statedTaxes', undefined);
  };

  /** Sends the invoice (a refusal's errors go to their fields); the invoice, or undefined. */
  const submit = async (): Promise<Invoice | undefined> => {
    const statedTaxes = preview.rates
      .filter((rate) => (stated[`${rate.rate}`] ?? '').trim() !== '')
      .map((rate) => ({
        rate: rate.rate,
        tax: rate.stated ?? stated[`${rate.rate}`],
      }));
    const body = {
      contractId: v.contractId || undefined,
      invoiceNumber: v.invoiceNumber.trim(),
      issueDate: v.issueDate || undefined,
      ...(v.registrationNumber.trim() ? { registrationNumber: v.registrationNumber.trim() } : {}),
      ...(staff ? { receivedOn: v.receivedOn || undefined } : {}),
      amountsInclude,
      lines: lines.map((line) => ({
        description: line.description.trim(),
        amount:
          line.amount.trim() === '' ? undefined : (parseSignedYen(line.amount) ?? line.amount),
        taxRate: Number(line.taxRate),
        ...(withholdingAllowed && line.withholding ? { withholding: true } : {}),
      })),
      ...(statedTaxes.length > 0 ? { statedTaxes } : {}),
    };
    const invoice = await form.submit(InvoiceCreateRequestSchema, body, (parsed, idempotencyKey) =>
      api.invoices.receive(parsed, { idempotencyKey }),
    );
    if (!invoice) return undefined;
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
    return invoice;
  };

  return {
    form,
    staff,
    lines,
    preview,
    stated,
    amountsInclude,
    withholdingAllowed,
    qualification,
    registrationField,
    receivedOnField,
    chooseContract,
    updateLine,
    addLine,
    removeLine,
    setStatedTax,
    submit,
  };
}

export type InvoiceFormState = ReturnType<typeof useInvoiceForm>;
