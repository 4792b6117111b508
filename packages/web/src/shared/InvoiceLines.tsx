// An invoice's lines and its tax per rate as stated, totals, withholding and net: the invoice
// page, and the e-invoice preview before it is registered.
import type { Invoice } from '@denpyo/schemas';
import { t } from '../i18n';
import { Amount } from '../ui';
import { AmountRow } from './AmountRow';
import './invoice-form.css';

/** What the table shows: a received invoice, or the figures an e-invoice would get. */
export type InvoiceFigures = Pick<
  Invoice,
  'lines' | 'taxes' | 'subtotal' | 'total' | 'withholdingTax' | 'netAmount' | 'amountsInclude'
>;

export function InvoiceLines({ invoice }: { invoice: InvoiceFigures }) {
  const included = invoice.amountsInclude === 'tax-included';
  return (
    <div className="ui-stack">
      <p className="ui-small ui-muted">
        {t('invoice.detail.amountsInclude')}:{' '}
        {t(`invoice.amountsInclude.${invoice.amountsInclude}`)}
      </p>
      <table className="invoice-lines-table">
        <thead>
          <tr>
            <th scope="col">{t('invoiceNew.line.description')}</th>
            <th scope="col">{t('invoiceNew.line.taxRate')}</th>
            <th scope="col" className="num">
              {included ? t('invoice.line.amountIncluded') : t('invoiceNew.line.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={index}>
              <th scope="row">
                {line.description}
                {line.withholding ? (
                  <span className="ui-badge ui-badge--info">
                    {t('invoice.detail.line.withholding')}
                  </span>
                ) : null}
              </th>
              <td>{t(`word.taxRate.${line.taxRate}`)}</td>
              <td className="num">
                <Amount value={line.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="tax-preview">
        <tbody>
          {invoice.taxes.map((rate) => (
            <AmountRow
              key={rate.rate}
              label={
                <>
                  {t('invoiceNew.preview.rate', { rate: rate.rate })} <Amount value={rate.base} />
                </>
              }
              value={rate.tax}
            />
          ))}
          <AmountRow label={t('invoiceNew.preview.subtotal')} value={invoice.subtotal} />
          <AmountRow label={t('invoiceNew.preview.total')} value={invoice.total} total />
          {invoice.withholdingTax > 0 ? (
            <>
              <AmountRow label={t('invoice.detail.withholding')} value={-invoice.withholdingTax} />
              <AmountRow label={t('invoice.detail.net')} value={invoice.netAmount} total />
            </>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
