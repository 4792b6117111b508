// The invoice form both screens show: the screen's own header (contract, numbers, dates) and the
// shared lines on the left; the tax preview, what went wrong and the submit button beside them.
import type { Contract } from '@denpyo/schemas';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { Button, Progress } from '../ui';
import { FormProblems } from './FormProblems';
import './invoice-form.css';
import { InvoiceLinesEditor } from './InvoiceLinesEditor';
import { TaxPreview } from './TaxPreview';
import type { InvoiceFormState } from './useInvoiceForm';

export function InvoiceForm({
  invoice,
  contract,
  submitLabel,
  onSubmit,
  children,
}: {
  invoice: InvoiceFormState;
  /** The chosen contract (its tax rate for new lines, its remaining amount for the warning). */
  contract: Contract | undefined;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  /** The screen's header section(s), above the lines. */
  children: ReactNode;
}) {
  const { form } = invoice;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      noValidate
    >
      <div className="invoice-layout">
        <div className="ui-stack-lg">
          {children}
          <InvoiceLinesEditor invoice={invoice} newLineTaxRate={contract?.taxRate ?? 10} />
        </div>
        <div className="invoice-layout__aside ui-stack">
          <TaxPreview preview={invoice.preview} remaining={contract?.remainingAmount} />
          <FormProblems form={form} />
          {form.submitting ? <Progress label={t('app.saving')} /> : null}
          <Button type="submit" variant="primary" isDisabled={form.submitting}>
            {submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}
