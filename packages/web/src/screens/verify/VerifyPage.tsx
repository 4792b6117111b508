// 書類の照合: whether the verification hash printed on a voucher is the one the record gives now.
// The hash is of the data the voucher was printed from, not of the PDF file: from the QR code's
// URL (?h=), or as pasted from paper. The hash is printed on the paper itself, so a match only
// says the paper was printed from this record; the page shows the record's key figures (amount,
// counterparty, …) for the reader to compare with the paper.
import {
  DOCUMENT_KIND_LABELS,
  parseRemittanceNoticeId,
  VerificationHashSchema,
  type DocumentKind,
  type DocumentVerification,
} from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, detailQuery } from '../../api';
import { t } from '../../i18n';
import {
  Amount,
  Button,
  DateText,
  Details,
  FileLink,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  TextField,
  Alert,
} from '../../ui';
import './verify.css';

/** A remittance notice's batch and vendor, from the id its page names (the route refused others). */
function remittanceNotice(id: string) {
  const notice = parseRemittanceNoticeId(id);
  if (!notice) throw new Error(`Not a remittance notice id: ${id}`);
  return notice;
}

/** Each kind's record: where it is asked, and where its current PDF is. */
const DOCUMENTS = {
  contract: {
    resource: 'contracts',
    verify: api.contracts.verifyVoucher,
    pdfUrl: api.contracts.voucherUrl,
  },
  'payment-order': {
    resource: 'invoices',
    verify: api.invoices.verifyVoucher,
    pdfUrl: api.invoices.voucherUrl,
  },
  'remittance-notice': {
    resource: 'transferBatches',
    verify: (id: string, hash: string | undefined, signal?: AbortSignal) => {
      const { batchId, vendorId } = remittanceNotice(id);
      return api.transferBatches.verifyRemittanceNotice(batchId, vendorId, hash, signal);
    },
    pdfUrl: (id: string) => {
      const { batchId, vendorId } = remittanceNotice(id);
      return api.transferBatches.remittanceNoticeUrl(batchId, vendorId);
    },
  },
} as const satisfies Record<DocumentKind, object>;

/** What the amount is on each kind of voucher, as the voucher names it. */
const AMOUNT_LABELS = {
  contract: 'verify.amount.contract',
  'payment-order': 'verify.amount.paymentOrder',
  'remittance-notice': 'verify.amount.remittanceNotice',
} as const satisfies Record<DocumentKind, string>;

export function VerifyPage() {
  const { kind, id } = useParams({ strict: false }) as { kind: DocumentKind; id: string };
  const { h } = useSearch({ strict: false }) as { h?: string };
  const claimed = h === undefined ? undefined : VerificationHashSchema.safeParse(h);
  const hash = claimed?.success ? claimed.data : undefined;
  const source = DOCUMENTS[kind];
  const query = useQuery(
    detailQuery(
      source.resource,
      id,
      (signal) => source.verify(id, hash, signal),
      `verification:${hash ?? ''}`,
    ),
  );

  return (
    <>
      <PageHeader title={t('verify.title')} lead={t('verify.lead')} />
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ProblemAlert error={query.error} /> : null}
      {query.data ? (
        <>
          <Verdict verification={query.data} badHash={claimed?.success === false} />
          <Alert tone="info" title={t('verify.compare.title')}>
            {t('verify.compare.body')}
          </Alert>
          <Section
            title={DOCUMENT_KIND_LABELS[kind]}
            actions={
              <FileLink href={source.pdfUrl(id)} newTab>
                {t('verify.openPdf')}
              </FileLink>
            }
          >
            <VerificationDetails verification={query.data} claimed={hash} />
          </Section>
        </>
      ) : null}
      <PasteHash kind={kind} id={id} />
    </>
  );
}

/** The document the record names, its key figures and hash now, and the hash compared with it. */
function VerificationDetails({
  verification,
  claimed,
}: {
  verification: DocumentVerification;
  claimed: string | undefined;
}) {
  const items: [string, ReactNode][] = [
    [t('verify.document'), DOCUMENT_KIND_LABELS[verification.documentKind]],
    [t('verify.documentNumber'), verification.documentNumber],
    [t('verify.subject'), verification.title],
    [t('verify.issuedOn'), <DateText value={verification.issuedOn} />],
    [t(AMOUNT_LABELS[verification.documentKind]), <Amount value={verification.amount} />],
    [t('verify.counterparty'), verification.counterparty],
  ];
  if (verification.transferDate)
    items.push([t('verify.transferDate'), <DateText value={verification.transferDate} />]);
  const account = verification.bankAccount;
  if (account) {
    items.push(
      [
        t('verify.bankAccount'),
        `${account.bankName} ${account.branchName} ${account.type} ${account.number}`,
      ],
      [t('verify.accountHolder'), account.holderKana],
    );
  }
  items.push([t('verify.recordHash'), <code className="verify-hash">{verification.hash}</code>]);
  if (claimed)
    items.push([t('verify.claimedHash'), <code className="verify-hash">{claimed}</code>]);
  return <Details items={items} />;
}

/** 一致しています (green) or 一致しません (red, with what it can mean), or why there is no answer. */
function Verdict({
  verification,
  badHash,
}: {
  verification: DocumentVerification;
  badHash: boolean;
}) {
  if (badHash) return <Alert tone="warning" title={t('verify.badHash')} live />;
  if (verification.matches === undefined) {
    return (
      <Alert tone="info" title={t('verify.noHash.title')}>
        {t('verify.noHash.body')}
      </Alert>
    );
  }
  if (verification.matches) {
    return (
      <div className="verify-verdict verify-verdict--match" role="status">
        <p className="verify-verdict__title">✓ {t('verify.match.title')}</p>
        <p>{t('verify.match.body')}</p>
      </div>
    );
  }
  return (
    <div className="verify-verdict verify-verdict--mismatch" role="alert">
      <p className="verify-verdict__title">✕ {t('verify.mismatch.title')}</p>
      <p>{t('verify.mismatch.body')}</p>
      <ul>
        <li>{t('verify.mismatch.changedRecord')}</li>
        <li>{t('verify.mismatch.wrongHash')}</li>
      </ul>
      <p>{t('verify.mismatch.next')}</p>
    </div>
  );
}

/** 貼り付けたハッシュ値と照合: the hash typed or pasted from paper becomes the page's ?h=. */
function PasteHash({ kind, id }: { kind: DocumentKind; id: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = VerificationHashSchema.safeParse(value);
    if (!parsed.success) {
      setError(t('verify.paste.invalid'));
      return;
    }
    setError(undefined);
    await navigate({ to: '/verify/$kind/$id', params: { kind, id }, search: { h: parsed.data } });
  };

  return (
    <Section title={t('verify.paste.section')}>
      <form className="ui-stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('verify.paste.label')}
          hint={t('verify.paste.hint')}
          name="hash"
          value={value}
          onChange={setValue}
          multiline
          autoComplete="off"
          error={error}
        />
        <div className="ui-row">
          <Button type="submit" variant="primary">
            {t('verify.paste.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
