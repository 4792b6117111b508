// The lines of an invoice being entered (品名・内容, 金額（税抜）, 税率), up to MAX_LINES.
import { t } from '../i18n';
import { Button, Section, SelectField, TextField } from '../ui';
import './invoice-form.css';
import type { InvoiceFormState } from './useInvoiceForm';

const TAX_RATES = ['10', '8', '0'] as const;
const MAX_LINES = 100;

export function InvoiceLinesEditor({
  invoice,
  newLineTaxRate,
}: {
  invoice: InvoiceFormState;
  /** The rate a new line starts with (the contract's). */
  newLineTaxRate: number;
}) {
  const { lines, preview, form, updateLine, addLine, removeLine } = invoice;
  return (
    <Section
      title={t('invoiceNew.lines')}
      actions={
        <Button
          onPress={() => addLine(newLineTaxRate)}
          isDisabled={lines.length >= MAX_LINES}
          size="small"
        >
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
  );
}
