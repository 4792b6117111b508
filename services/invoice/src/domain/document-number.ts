/** Kinds of numbered documents this service issues: invoice receipts and payment orders. */
export type DocumentKind = 'IV' | 'PO';

/** Digits of the sequence within a year: 000045. */
export const DOCUMENT_SEQUENCE_DIGITS = 6;

/**
 * `PO-2026-`: what comes before the sequence (`PO-2026-000045`). The database writes the number
 * where it takes the sequence, in the statement that uses it (db/invoices.ts).
 */
export function documentNumberPrefix(kind: DocumentKind, fiscalYear: number): string {
  return `${kind}-${fiscalYear}-`;
}
