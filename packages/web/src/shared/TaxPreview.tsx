// The tax of an invoice being entered, as the invoice service will compute it: once per rate on
// that rate's summed base, rounded down (invoice-preview.ts, @denpyo/jp's rounding).
import { formatYen } from '../format';
import { t } from '../i18n';
import { Alert, Amount, Section } from '../ui';
import './invoice-form.css';
import type { InvoicePreview } from './invoice-preview';

export function TaxPreview({
  preview,
  remaining,
}: {
  preview: InvoicePreview;
  /** The contract's amount left to invoice: a total above it is warned about. */
  remaining?: number | undefined;
}) {
  const totals = preview.totals;
  return (
    <Section title={t('invoiceNew.preview')}>
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
      {remaining !== undefined && totals !== undefined && totals.total > remaining ? (
        <Alert
          tone="warning"
          title={t('invoiceNew.preview.overRemaining', { remaining: formatYen(remaining) })}
        />
      ) : null}
    </Section>
  );
}
