// 電子インボイス（JP PINT）の登録 (procurement, and vendors for their own contracts): choose the
// XML file, see what the invoice service read from it — seller, T-number, the contract it names,
// lines, tax per rate, totals, period, payee account — or why it refuses it (each rule and the
// element, in Japanese), then register it as it is. The preview writes nothing.
import type { EInvoicePreview, Invoice } from '@denpyo/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { FileTrigger } from 'react-aria-components';
import { api, toApiError } from '../api';
import { useUser } from '../app/session';
import { formatReiwa, formatYen } from '../format';
import { t } from '../i18n';
import {
  Alert,
  Button,
  DateText,
  Details,
  PageHeader,
  problemMessage,
  Section,
  useToast,
} from '../ui';
import { InvoiceLines } from './InvoiceLines';
import './invoice-form.css';

export function EInvoiceUpload() {
  const user = useUser();
  const staff = user.roles.includes('procurement');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [file, setFile] = useState<File | undefined>();
  // One key per chosen file: registering it twice (a double click, a retry) registers it once.
  const [idempotencyKey, setIdempotencyKey] = useState('');

  const preview = useMutation({ mutationFn: (xml: File) => api.invoices.previewEInvoice(xml) });
  const register = useMutation({
    mutationFn: (xml: File) => api.invoices.receiveEInvoice(xml, { idempotencyKey }),
    onSuccess: async (invoice: Invoice, xml: File) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['invoices'] }),
        queryClient.invalidateQueries({ queryKey: ['contracts'] }),
        queryClient.invalidateQueries({ queryKey: ['counts'] }),
      ]);
      const credit = preview.data?.credit;
      toast.success(
        credit && preview.variables === xml
          ? t('eInvoice.credited', {
              number: credit.invoiceNumber,
              payable: formatYen(invoice.payableTotal),
            })
          : t('eInvoice.done', {
              documentNumber: invoice.documentNumber,
              dueDate: formatReiwa(invoice.dueDate),
            }),
      );
      await (staff
        ? navigate({ to: '/invoices/$id', params: { id: invoice.id } })
        : navigate({ to: '/vendor/invoices' }));
    },
  });

  const choose = (files: FileList | null) => {
    const chosen = files?.[0];
    if (!chosen) return;
    setFile(chosen);
    setIdempotencyKey(crypto.randomUUID());
    register.reset();
    preview.mutate(chosen);
  };

  return (
    <>
      <PageHeader
        title={t('eInvoice.title')}
        back={
          staff
            ? { to: '/invoices/new', label: t('nav.invoiceNew') }
            : { to: '/vendor/invoices', label: t('eInvoice.backToVendorInvoices') }
        }
      />
      <div className="ui-stack-lg">
        <Section title={t('eInvoice.file')}>
          <div className="ui-stack">
            <p>{t('eInvoice.lead')}</p>
            <div>
              <FileTrigger
                acceptedFileTypes={['application/xml', 'text/xml', '.xml']}
                onSelect={choose}
              >
                <Button variant="secondary">{t('eInvoice.choose')}</Button>
              </FileTrigger>
            </div>
            {file ? (
              <p className="ui-small" data-testid="e-invoice-file">
                {t('eInvoice.chosen', { name: file.name, size: file.size.toLocaleString('ja-JP') })}
              </p>
            ) : null}
            {preview.isPending ? <p className="ui-muted">{t('eInvoice.reading')}</p> : null}
          </div>
        </Section>
        {preview.isError ? <Refusal error={preview.error} /> : null}
        {preview.data && file ? (
          <>
            <PreviewSections preview={preview.data} />
            {register.isError ? <Refusal error={register.error} /> : null}
            <div>
              <Button
                variant="primary"
                isDisabled={register.isPending}
                onPress={() => register.mutate(file)}
              >
                {register.isPending ? t('app.saving') : t('eInvoice.register')}
              </Button>
            </div>
          </>
        ) : null}
      </div>
    </>
  );
}

/** Why the document was refused: each rule, its message and the element it concerns. */
function Refusal({ error }: { error: unknown }) {
  const problem = toApiError(error);
  const rules = problem.errors.filter((entry) => entry.rule || entry.path.startsWith('/'));
  return (
    <Alert tone="danger" title={t('eInvoice.refused', { reason: problemMessage(error) })} live>
      {rules.length > 0 ? (
        <ul className="e-invoice-refusals">
          {rules.map((entry, index) => (
            <li key={index}>
              <strong>{entry.message}</strong>
              <br />
              <span className="ui-small ui-muted">
                {t('eInvoice.rule', { rule: entry.rule ?? '—' })} <code>{entry.path}</code>
              </span>
            </li>
          ))}
        </ul>
      ) : problem.detail ? (
        t('problem.detail', { detail: problem.detail })
      ) : null}
    </Alert>
  );
}

function PreviewSections({ preview }: { preview: EInvoicePreview }) {
  const account = preview.statedPayeeAccount;
  return (
    <>
      {preview.credit ? (
        <Alert
          tone="info"
          title={t('eInvoice.preview.credit', {
            number: preview.credit.invoiceNumber,
            amount: formatYen(preview.credit.total),
          })}
        />
      ) : null}
      <Section title={t('eInvoice.preview.read')}>
        <Details
          items={[
            [t('eInvoice.preview.specification'), t(`eInvoice.spec.${preview.specification}`)],
            [t('eInvoice.preview.seller'), preview.seller.name],
            [
              t('eInvoice.preview.registrationNumber'),
              preview.seller.registrationNumber ?? t('eInvoice.preview.none'),
            ],
            [
              t('eInvoice.preview.corporateNumber'),
              preview.seller.corporateNumber ?? t('eInvoice.preview.none'),
            ],
            [
              t('eInvoice.preview.contract'),
              `${preview.contract.documentNumber} ${preview.contract.title}`,
            ],
            [t('eInvoice.preview.vendor'), preview.vendor.name],
            [t('invoiceNew.invoiceNumber'), preview.invoiceNumber],
            [t('invoiceNew.issueDate'), <DateText value={preview.issueDate} />],
            [
              t('eInvoice.preview.period'),
              preview.period ? (
                <>
                  <DateText value={preview.period.start} />〜<DateText value={preview.period.end} />
                </>
              ) : (
                t('eInvoice.preview.none')
              ),
            ],
            [
              t('invoice.detail.qualified'),
              preview.qualified
                ? t('eInvoice.preview.qualified')
                : t('invoice.detail.qualified.no'),
            ],
            // A credit note has no deadlines of its own: it reduces an invoice that has them.
            ...(preview.credit
              ? []
              : ([
                  [
                    t('invoice.detail.inspectionDueDate'),
                    <DateText value={preview.inspectionDueDate} />,
                  ],
                  [t('invoices.col.dueDate'), <DateText value={preview.dueDate} />],
                ] satisfies [string, ReactNode][])),
          ]}
        />
      </Section>
      <Section title={t('invoice.detail.lines')}>
        <InvoiceLines invoice={preview} />
      </Section>
      <Section title={t('eInvoice.preview.payee')}>
        <div className="ui-stack">
          {account ? (
            <Details
              items={[
                [
                  t('eInvoice.preview.bank'),
                  `${account.bankCode ?? '—'} / ${account.branchCode ?? '—'}`,
                ],
                [t('eInvoice.preview.accountNumber'), account.accountNumber],
                [t('eInvoice.preview.holder'), account.holderName ?? '—'],
              ]}
            />
          ) : (
            <p>{t('eInvoice.preview.noPayee')}</p>
          )}
          {preview.payeeAccountDiffers ? (
            <Alert tone="warning" title={t('eInvoice.preview.payeeDiffers')} live>
              {t('eInvoice.preview.payeeDiffers.detail')}
            </Alert>
          ) : null}
        </div>
      </Section>
    </>
  );
}
