// The state of an invoice being entered, shared by the paper-invoice screen (procurement) and the
// vendor portal: the header values, the lines, the live tax preview, the live check of the
// registration number, and the submit (validated with the invoice service's own schema).
import {
  InvoiceCreateRequestSchema,
  RegistrationNumberSchema,
  type Contract,
  type Invoice,
} from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { japanToday, parseYen } from '../format';
import {
  liveNumberCheck,
  normalizeNumberInput,
  REGISTRATION_NUMBER_SHAPE,
  useForm,
  validate,
} from '../forms';
import { t } from '../i18n';
import type { TextFieldProps } from '../ui';
import { previewInvoice, type InvoicePreview, type LineInput } from './invoice-preview';

export interface InvoiceLine extends LineInput {
  key: number;
}

const LINE_FIELDS = ['description', 'amount', 'taxRate'] as const;

export function useInvoiceForm(initialContractId: string) {
  const queryClient = useQueryClient();
  const form = useForm(
    {
      contractId: initialContractId,
      invoiceNumber: '',
      issueDate: japanToday(),
      registrationNumber: '',
    },
    { owns: (path) => path.startsWith('lines') },
  );
  const [lines, setLines] = useState<InvoiceLine[]>([
    { key: 1, description: '', amount: '', taxRate: '10' },
  ]);
  const [nextKey, setNextKey] = useState(2);
  const v = form.values;

  const preview: InvoicePreview = previewInvoice(lines);
  const registration = liveNumberCheck(v.registrationNumber, REGISTRATION_NUMBER_SHAPE, (value) =>
    validate(RegistrationNumberSchema, value),
  );

  /** The registration number field's value, its normalising input, its live error and its ok. */
  const registrationField = {
    ...form.field('registrationNumber'),
    maxLength: REGISTRATION_NUMBER_SHAPE.length,
    onChange: (value: string) => form.set('registrationNumber', normalizeNumberInput(value)),
    error: form.errors.registrationNumber ?? registration.error,
    ok: registration.state === 'valid' ? t('vendorNew.registrationNumber.ok') : undefined,
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
      { key: nextKey, description: '', amount: '', taxRate: String(taxRate) },
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

  /** Sends the invoice (a refusal's errors go to their fields); the invoice, or undefined. */
  const submit = async (): Promise<Invoice | undefined> => {
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
    lines,
    preview,
    registrationField,
    chooseContract,
    updateLine,
    addLine,
    removeLine,
    submit,
  };
}

export type InvoiceFormState = ReturnType<typeof useInvoiceForm>;
