import {
  documentVerification,
  verificationUrl,
  type DocumentKind,
  type DocumentVerification,
} from '@denpyo/schemas';
import { verificationHash } from './hash';

/**
 * What the verification page shows of a document besides its hash: its number, subject and date,
 * and the key figures (amount, counterparty, …) a reader compares with the paper.
 */
export type DocumentHeading = Omit<DocumentVerification, 'documentKind' | 'hash' | 'matches'>;

/**
 * A voucher's two faces, one per kind of document: the PDF, whose QR code opens the verification
 * page of this very print, and the answer that page gets — the hash of the voucher's data as the
 * record gives it now, compared with the one printed (`claimed`). Both hash the same data, so a
 * print matches until the record moves on.
 */
export interface PrintedDocument<V> {
  print(id: string, voucher: V): Promise<Buffer>;
  verify(voucher: V, claimed?: string): DocumentVerification;
}

export function printedDocument<V>(spec: {
  kind: DocumentKind;
  /** Where people reach the portal (PUBLIC_URL). */
  publicUrl: string;
  render(voucher: V, verificationUrl: string): Promise<Buffer>;
  heading(voucher: V): DocumentHeading;
}): PrintedDocument<V> {
  return {
    print: (id, voucher) =>
      spec.render(
        voucher,
        verificationUrl(spec.publicUrl, { kind: spec.kind, id, hash: verificationHash(voucher) }),
      ),
    verify: (voucher, claimed) =>
      documentVerification(
        { documentKind: spec.kind, ...spec.heading(voucher), hash: verificationHash(voucher) },
        claimed,
      ),
  };
}
