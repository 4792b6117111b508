// Verifying a printed voucher: every voucher prints the SHA-256 of the data it was printed from
// (@denpyo/pdf verificationHash) and a QR code of its verification page in the portal, where
// the hash is compared with the one the service computes from the record as it stands now.
import { IsoDateSchema } from './values';
import { z } from './zod';

/** The vouchers whose record answers a verification, as the page's path names them. */
export const DocumentKindSchema = z.enum(['contract', 'payment-order', 'remittance-notice']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** Each kind by the name printed at the top of the voucher. */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  contract: '支出負担行為決議書',
  'payment-order': '支出命令書',
  'remittance-notice': '振込通知書',
};

/**
 * A verification hash as a person may type it from paper: blanks, line breaks and upper case
 * are forgiven; anything but 64 hex digits is refused.
 */
export const VerificationHashSchema = z
  .string()
  .transform((hash) => hash.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64 hex digits of a SHA-256 hash'));

/** `?hash=`: the hash printed on the voucher, to be compared with the record's. */
export const VerificationQuerySchema = z.strictObject({ hash: VerificationHashSchema.optional() });
export type VerificationQuery = z.infer<typeof VerificationQuerySchema>;

/** The 振込先口座 as a remittance notice prints it (formal bank and branch names). */
export const PrintedBankAccountSchema = z.object({
  bankName: z.string(),
  branchName: z.string(),
  /** 普通, 当座, … */
  type: z.string(),
  number: z.string(),
  holderKana: z.string(),
});

/**
 * The hash is printed on the paper itself, so a paper altered but still carrying its hash would
 * match: the answer therefore gives the record's key figures, which the reader compares with the
 * paper. The match only says the paper was printed from this record.
 */
export const DocumentVerificationSchema = z.object({
  documentKind: DocumentKindSchema,
  documentNumber: z.string(),
  /** What the document concerns: the contract's title (件名); a remittance notice's payee. */
  title: z.string(),
  /** The date the voucher prints. */
  issuedOn: IsoDateSchema,
  /**
   * The amount the voucher is about, in yen: the contract's 契約金額 (tax included); the payment
   * order's 支払金額 (its total); the remittance notice's 振込金額.
   */
  amount: z.number().int(),
  /** The counterparty (相手方) as printed: the vendor, or the payee of a remittance notice. */
  counterparty: z.string(),
  /** A remittance notice's 振込予定日 (振込日 once settled). */
  transferDate: IsoDateSchema.optional(),
  /** A remittance notice's 振込先口座. */
  bankAccount: PrintedBankAccountSchema.optional(),
  /** The hash of the voucher the record gives now: a print made before a change differs. */
  hash: z.string(),
  /** Whether the given `?hash=` is this one; absent when none was given. */
  matches: z.boolean().optional(),
});
export type DocumentVerification = z.infer<typeof DocumentVerificationSchema>;

/** The answer for a voucher whose current hash is `record.hash`, compared with `claimed`. */
export function documentVerification(
  record: Omit<DocumentVerification, 'matches'>,
  claimed: string | undefined,
): DocumentVerification {
  return claimed === undefined ? record : { ...record, matches: claimed === record.hash };
}

/**
 * A remittance notice is the one of a vendor in a transfer batch: its page names both, joined by
 * `~` (outside a UUID's alphabet, and left as it is in a URL).
 */
export function remittanceNoticeId(notice: { batchId: string; vendorId: string }): string {
  return `${notice.batchId}~${notice.vendorId}`;
}

/** The batch and vendor a remittance notice's page names; undefined when it names no such pair. */
export function parseRemittanceNoticeId(
  id: string,
): { batchId: string; vendorId: string } | undefined {
  const [batchId, vendorId, ...rest] = id.split('~');
  return batchId && vendorId && rest.length === 0 ? { batchId, vendorId } : undefined;
}

/** The portal page a voucher's QR code opens: `<publicUrl>/verify/<kind>/<id>?h=<hash>`. */
export function verificationUrl(
  publicUrl: string,
  document: { kind: DocumentKind; id: string; hash: string },
): string {
  const url = new URL(
    `verify/${document.kind}/${encodeURIComponent(document.id)}`,
    publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
  );
  url.searchParams.set('h', document.hash);
  return url.toString();
}
