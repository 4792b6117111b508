// 請求書の詳細 (staff): the invoice as the vendor wrote it — lines (税抜 or 税込, discounts, 源泉),
// the tax per rate as stated, total, withholding and net — whether it is a qualified invoice,
// the arrival date, the inspection deadline (overdue marked) and the payment deadline (moved
// earlier by a late inspection), who registered and inspected it; 検収 for another person.
import type { Invoice } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { api, detailQuery } from '../../api';
import { formatReiwa } from '../../format';
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
import { InvoiceLines } from '../../shared/InvoiceLines';
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
        {invoice.payeeAccountDiffers && invoice.statedPayeeAccount ? (
          <Alert
            tone="warning"
            title={t('invoice.detail.payeeDiffers', {
              account: [
                invoice.statedPayeeAccount.bankCode,
                invoice.statedPayeeAccount.branchCode,
                invoice.statedPayeeAccount.accountNumber,
              ]
                .filter(Boolean)
                .join('-'),
            })}
          />
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
            {invoice.credits.length > 0 ? (
              <Section title={t('invoice.detail.credits')}>
                <InvoiceCredits invoice={invoice} />
              </Section>
            ) : null}
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
        [t('invoice.detail.source'), <InvoiceSource invoice={invoice} />],
        ...(invoice.period
          ? [
              [
                t('invoice.detail.period'),
                <>
                  <DateText value={invoice.period.start} />〜<DateText value={invoice.period.end} />
                </>,
              ] as [string, ReactNode],
            ]
          : []),
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

/** 紙・入力, or 電子インボイス with its original XML to download and the digest it must match. */
function InvoiceSource({ invoice }: { invoice: Invoice }) {
  if (invoice.source !== 'jp-pint' || !invoice.originalSha256) {
    return <>{t(`invoice.detail.source.${invoice.source}`)}</>;
  }
  return (
    <div className="ui-stack">
      <span>{t('invoice.detail.source.jp-pint')}</span>
      <div>
        <FileLink href={api.invoices.originalUrl(invoice.id)} download size="small">
          {t('invoice.detail.original')}
        </FileLink>
      </div>
      <code className="ui-small invoice-sha256">
        {t('invoice.detail.originalSha256', { sha256: invoice.originalSha256 })}
      </code>
    </div>
  );
}

/** 請求金額, each credit note (返還額, with its original XML) and the 支払額 that is left to pay. */
function InvoiceCredits({ invoice }: { invoice: Invoice }) {
  return (
    <Details
      items={[
        [t('invoice.detail.invoicedTotal'), <Amount value={invoice.total} />],
        ...invoice.credits.map((credit): [string, ReactNode] => [
          t('invoice.detail.credit', {
            number: credit.creditNoteNumber,
            date: formatReiwa(credit.issueDate),
          }),
          <div className="ui-stack">
            <span>
              −<Amount value={credit.total} />
            </span>
            <div>
              <FileLink
                href={api.invoices.creditNoteOriginalUrl(invoice.id, credit.id)}
                download
                size="small"
              >
                {t('invoice.detail.creditOriginal')}
              </FileLink>
            </div>
            <code className="ui-small invoice-sha256">
              {t('invoice.detail.originalSha256', { sha256: credit.originalSha256 })}
            </code>
          </div>,
        ]),
        [t('invoice.detail.payableTotal'), <Amount value={invoice.payableTotal} large />],
      ]}
    />
  );
}
