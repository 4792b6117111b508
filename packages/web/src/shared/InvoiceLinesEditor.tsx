// The lines of an invoice being entered (品名・内容, 金額 税抜 or 税込 as the invoice says, 税率, and
// for an individual vendor 源泉徴収), up to MAX_LINES. A discount is a negative amount (▲ or −).
import { t } from '../i18n';
import { Button, CheckboxField, Section, SelectField, TextField } from '../ui';
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
  const { lines, preview, form, updateLine, addLine, removeLine, withholdingAllowed } = invoice;
  const amountLabel =
    invoice.amountsInclude === 'tax-included'
      ? t('invoice.line.amountIncluded')
      : t('invoiceNew.line.amount');
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
      <p className="ui-small ui-muted">{t('invoice.line.discountHint')}</p>
      <ol className="invoice-lines ui-links">
        {lines.map((line, index) => (
          <li
            key={line.key}
            className={`invoice-line${withholdingAllowed ? ' invoice-line--withholding' : ''}`}
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
              label={amountLabel}
              isRequired
              amount
              inputMode="text"
              value={line.amount}
              onChange={(amount) => updateLine(index, { amount })}
              error={
                form.errors[`lines.${index}.amount`] ??
                (preview.unreadable.includes(index) ? t('invoice.line.amountError') : undefined)
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
            {withholdingAllowed ? (
              <div className="invoice-line__withholding">
                <CheckboxField
                  label={t('invoice.line.withholding')}
                  isSelected={line.withholding}
                  onChange={(withholding) => updateLine(index, { withholding })}
                />
                {form.errors[`lines.${index}.withholding`] ? (
                  <span className="ui-field__error">
                    {form.errors[`lines.${index}.withholding`]}
                  </span>
                ) : null}
              </div>
            ) : null}
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
