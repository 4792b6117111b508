import { formatDocumentNumber, type DocumentKind } from '../domain/document-number';
import type { Tx } from './prisma';

/**
 * The next number of a kind in a fiscal year. The counter row is updated in the caller's
 * transaction, so numbers are gapless and concurrent takers wait for each other.
 */
export async function nextDocumentNumber(
  tx: Tx,
  kind: DocumentKind,
  fiscalYear: number,
): Promise<string> {
  const [row] = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO document_counters (kind, fiscal_year, last_value) VALUES (${kind}, ${fiscalYear}, 1)
    ON CONFLICT (kind, fiscal_year) DO UPDATE SET last_value = document_counters.last_value + 1
    RETURNING last_value`;
  return formatDocumentNumber(kind, fiscalYear, Number(row.last_value));
}
