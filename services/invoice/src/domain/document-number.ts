/** Kinds of numbered documents this service issues: invoice receipts and payment orders. */
export type DocumentKind = 'IV' | 'PO';

/** `PO-2026-000045`: kind, fiscal year, six-digit sequence within that year. */
export function formatDocumentNumber(
  kind: DocumentKind,
  fiscalYear: number,
  sequence: number,
): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`document sequence must be a positive integer, got ${sequence}`);
  }
  return `${kind}-${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}
