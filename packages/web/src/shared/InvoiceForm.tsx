// The invoice form both screens show: the screen's own header (contract, numbers, dates), then
// the common facts of every invoice (税抜/税込, the registration number with 適格/非適格, for staff
// the arrival date) and the lines on the left; the tax as stated, what went wrong and the submit
// button beside them.
import type { Contract } from '@denpyo/schemas';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { Alert, Button, Progress, Section, SelectField, TextField } from '../ui';
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
          <InvoiceFacts invoice={invoice} />
          <InvoiceLinesEditor invoice={invoice} newLineTaxRate={contract?.taxRate ?? 10} />
        </div>
        <div className="invoice-layout__aside ui-stack">
          <TaxPreview invoice={invoice} remaining={contract?.remainingAmount} />
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

/** 税抜/税込, the registration number (適格請求書 or not), and for staff the arrival date. */
function InvoiceFacts({ invoice }: { invoice: InvoiceFormState }) {
  const { form, qualification, staff } = invoice;
  return (
    <Section title={t('invoice.facts.title')}>
      <div className="ui-stack">
        <div className="ui-grid-2">
          <SelectField
            label={t('invoice.amountsInclude')}
            hint={t('invoice.amountsInclude.hint')}
            isRequired
            options={(['tax-excluded', 'tax-included'] as const).map((id) => ({
              id,
              label: t(`invoice.amountsInclude.${id}`),
            }))}
            {...form.field('amountsInclude')}
          />
          {staff ? (
            <TextField
              label={t('invoiceNew.receivedOn')}
              hint={t('invoice.receivedOn.hint')}
              type="date"
              isRequired
              {...invoice.receivedOnField}
            />
          ) : null}
        </div>
        <TextField
          label={t('invoiceNew.registrationNumber')}
          hint={t('invoice.registrationNumber.hint')}
          showOptional
          width="narrow"
          {...invoice.registrationField}
        />
        {qualification ? (
          <div aria-live="polite">
            <Alert
              tone={
                qualification === 'qualified'
                  ? 'success'
                  : qualification === 'mismatch'
                    ? 'warning'
                    : 'info'
              }
              title={t(`invoice.qualification.${qualification}`)}
            />
          </div>
        ) : null}
      </div>
    </Section>
  );
}
