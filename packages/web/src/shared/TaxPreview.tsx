// The tax of an invoice being entered, as the invoice service will take it: per rate the base
// and the tax the invoice states — pre-filled with the rounded-down figure, accepted when it is
// the exact tax rounded down, half-up or up, otherwise named with the three figures — then the
// total, and for an individual's fees the 源泉徴収 and the net amount transferred.
import { formatYen } from '../format';
import { t } from '../i18n';
import { Alert, Amount, Section, TextField } from '../ui';
import { AmountRow } from './AmountRow';
import './invoice-form.css';
import type { RatePreview } from './invoice-preview';
import type { InvoiceFormState } from './useInvoiceForm';

function rateError(rate: RatePreview): string | undefined {
  switch (rate.problem) {
    case 'negative-base':
      return t('invoice.tax.negativeBase', { rate: rate.rate, base: formatYen(rate.base) });
    case 'unreadable':
      return t('error.nonNegativeInteger');
    case 'not-accepted':
      return rate.accepted
        ? t('invoice.tax.notAccepted', {
            rate: rate.rate,
            stated: formatYen(rate.stated ?? 0),
            down: formatYen(rate.accepted.down),
            halfUp: formatYen(rate.accepted.halfUp),
            up: formatYen(rate.accepted.up),
          })
        : undefined;
    default:
      return undefined;
  }
}

export function TaxPreview({
  invoice,
  remaining,
}: {
  invoice: InvoiceFormState;
  /** The contract's amount left to invoice: a total above it is warned about. */
  remaining?: number | undefined;
}) {
  const { preview, stated, setStatedTax, form } = invoice;
  const totals = preview.totals;
  const included = invoice.amountsInclude === 'tax-included';
  return (
    <Section title={t('invoice.preview.title')}>
      <div className="ui-stack">
        <p className="ui-small ui-muted">{t('invoice.preview.lead')}</p>
        {totals ? (
          <>
            <ol className="tax-rates">
              {preview.rates.map((rate) => {
                const typed = stated[`${rate.rate}`];
                const error =
                  form.errors[`statedTaxes.${preview.rates.indexOf(rate)}.tax`] ?? rateError(rate);
                return (
                  <li key={rate.rate} className="tax-rate">
                    <div className="tax-rate__base">
                      <span>{t('invoiceNew.preview.rate', { rate: rate.rate })}</span>
                      <span className="ui-small ui-muted">
                        {included
                          ? t('invoice.preview.baseIncluded')
                          : t('invoiceNew.preview.base')}
                      </span>
                      <Amount value={rate.base} />
                    </div>
                    {rate.rate === 0 ? null : (
                      <TextField
                        label={t('invoice.tax.stated', { rate: rate.rate })}
                        hint={
                          rate.accepted
                            ? t('invoice.tax.acceptedHint', {
                                down: formatYen(rate.accepted.down),
                                halfUp: formatYen(rate.accepted.halfUp),
                                up: formatYen(rate.accepted.up),
                              })
                            : undefined
                        }
                        amount
                        width="narrow"
                        value={typed ?? String(rate.accepted?.down ?? rate.tax)}
                        onChange={(value) => setStatedTax(rate.rate, value)}
                        error={error}
                      />
                    )}
                  </li>
                );
              })}
            </ol>
            <table className="tax-preview">
              <tbody>
                <AmountRow label={t('invoiceNew.preview.subtotal')} value={totals.subtotal} />
                <AmountRow
                  label={t('invoice.preview.taxTotal')}
                  value={totals.taxes.reduce((sum, rate) => sum + rate.tax, 0)}
                />
                <AmountRow label={t('invoiceNew.preview.total')} value={totals.total} total />
                {preview.withholding ? (
                  <>
                    <AmountRow
                      label={t('invoice.preview.withholding')}
                      note={t('invoice.preview.withholdingBase', {
                        base: formatYen(preview.withholding.base),
                      })}
                      value={-preview.withholding.tax}
                    />
                    <AmountRow
                      label={t('invoice.preview.net')}
                      value={preview.net ?? totals.total}
                      total
                    />
                  </>
                ) : null}
              </tbody>
            </table>
          </>
        ) : (
          <p className="ui-muted">{t('invoiceNew.preview.empty')}</p>
        )}
        {form.errors.statedTaxes ? <Alert tone="danger" title={form.errors.statedTaxes} /> : null}
        {remaining !== undefined && totals !== undefined && totals.total > remaining ? (
          <Alert
            tone="warning"
            title={t('invoiceNew.preview.overRemaining', { remaining: formatYen(remaining) })}
          />
        ) : null}
      </div>
    </Section>
  );
}
