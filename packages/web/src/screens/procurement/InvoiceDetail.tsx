// 請求書の詳細 (staff): the invoice as the vendor wrote it — lines (税抜 or 税込, discounts, 源泉),
// the tax per rate as stated, total, withholding and net — whether it is a qualified invoice,
// the arrival date, the inspection deadline (overdue marked) and the payment deadline (moved
// earlier by a late inspection), who registered and inspected it; 検収 for another person.
import type { Invoice } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { api, detailQuery } from '../../api';
import { t } from '../../i18n';
import './procurement.css';
import '../../shared/invoice-form.css';
import {
  Alert,
  Amount,
  DateText,
  DateTimeText,
  Details,
  FileLink,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  StatusBadge,
} from '../../ui';
import { HistoryTimeline } from '../../shared/HistoryTimeline';
import { invoicePeople } from '../../shared/people';
import { SignatureText } from '../../shared/SignatureText';
import { VendorName } from '../../shared/VendorName';
import { InspectButton } from './InspectButton';

export function InvoiceDetail() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery(detailQuery('invoices', id, (signal) => api.invoices.get(id, signal)));
  const back = { to: '/inspections', label: t('invoice.detail.back') };
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('inspections.title')} back={back} />
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const invoice = query.data;
  return (
    <>
      <PageHeader
        title={t('invoice.detail.title', { documentNumber: invoice.documentNumber })}
        back={back}
        meta={
          <>
            <StatusBadge kind="invoice" status={invoice.status} />
            {invoice.inspectionOverdue ? (
              <StatusBadge kind="invoice" status="rejected" label={t('invoice.overdue')} />
            ) : null}
          </>
        }
        actions={
          <>
            {invoice.status === 'approved' ? (
              <FileLink href={api.invoices.voucherUrl(invoice.id)} newTab>
                {t('ui.openPdf', { name: '支出命令書' })}
              </FileLink>
            ) : null}
            <InspectButton invoice={invoice} size="medium" />
          </>
        }
      />
      <div className="ui-stack-lg">
        {invoice.inspectionOverdue ? (
          <Alert tone="warning" title={t('invoice.overdueDays')} />
        ) : null}
        {invoice.inspectionLateDays ? (
          <Alert
            tone="info"
            title={t('invoice.detail.inspectionLate', { days: invoice.inspectionLateDays })}
          />
        ) : null}
        <div className="contract-layout">
          <div className="ui-stack-lg">
            <Section title={t('invoice.detail.facts')}>
              <InvoiceFacts invoice={invoice} />
            </Section>
            <Section title={t('invoice.detail.lines')}>
              <InvoiceLines invoice={invoice} />
            </Section>
          </div>
          <Section title={t('timeline.title')}>
            <HistoryTimeline kind="invoices" id={invoice.id} people={invoicePeople(invoice)} />
          </Section>
        </div>
      </div>
    </>
  );
}

function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  return (
    <Details
      items={[
        [t('contractDetail.vendor'), <VendorName id={invoice.vendorId} />],
        [
          t('invoiceNew.contract'),
          <Link to="/contracts/$id" params={{ id: invoice.contractId }}>
            {t('inspections.openContract')}
          </Link>,
        ],
        [t('invoiceNew.invoiceNumber'), invoice.invoiceNumber],
        [t('invoiceNew.issueDate'), <DateText value={invoice.issueDate} />],
        [
          t('invoice.detail.qualified'),
          invoice.qualified && invoice.registrationNumber
            ? t('invoice.detail.qualified.yes', { number: invoice.registrationNumber })
            : t('invoice.detail.qualified.no'),
        ],
        [t('invoiceNew.receivedOn'), <DateText value={invoice.receivedOn} />],
        [t('invoice.detail.inspectionDueDate'), <DateText value={invoice.inspectionDueDate} />],
        [
          t('invoices.col.dueDate'),
          <>
            <DateText value={invoice.dueDate} />
            {invoice.originalDueDate !== invoice.dueDate ? (
              <span className="ui-small ui-muted">
                {' '}
                （{t('invoice.detail.originalDueDate')} <DateText value={invoice.originalDueDate} />
                ）
              </span>
            ) : null}
          </>,
        ],
        [
          t('invoice.detail.createdBy'),
          <>
            {invoice.createdBySignature ? (
              <SignatureText signature={invoice.createdBySignature} />
            ) : (
              invoice.createdBy
            )}{' '}
            <DateTimeText value={invoice.createdAt} />
          </>,
        ],
        ...(invoice.inspectedAt
          ? [
              [
                t('invoice.detail.inspectedBy'),
                <>
                  {invoice.inspectedBySignature ? (
                    <SignatureText signature={invoice.inspectedBySignature} />
                  ) : (
                    (invoice.inspectedBy ?? '')
                  )}{' '}
                  <DateTimeText value={invoice.inspectedAt} />
                </>,
              ] as [string, ReactNode],
            ]
          : []),
      ]}
    />
  );
}

function InvoiceLines({ invoice }: { invoice: Invoice }) {
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
            <tr key={rate.rate}>
              <th scope="row">
                {t('invoiceNew.preview.rate', { rate: rate.rate })} <Amount value={rate.base} />
              </th>
              <td>
                <Amount value={rate.tax} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('invoiceNew.preview.subtotal')}</th>
            <td>
              <Amount value={invoice.subtotal} />
            </td>
          </tr>
          <tr className="tax-preview__total">
            <th scope="row">{t('invoiceNew.preview.total')}</th>
            <td>
              <Amount value={invoice.total} />
            </td>
          </tr>
          {invoice.withholdingTax > 0 ? (
            <>
              <tr>
                <th scope="row">{t('invoice.detail.withholding')}</th>
                <td>
                  <Amount value={-invoice.withholdingTax} />
                </td>
              </tr>
              <tr className="tax-preview__total">
                <th scope="row">{t('invoice.detail.net')}</th>
                <td>
                  <Amount value={invoice.netAmount} />
                </td>
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
