import type { SqlExecutor } from './pool';

/**
 * The next number of a kind of document in a fiscal year. The counter row is updated in the
 * caller's transaction: a rolled-back write gives its number back, so numbers stay gapless,
 * and concurrent takers of the same kind and year wait for each other.
 */
export async function nextDocumentSequence(
  tx: SqlExecutor,
  kind: string,
  fiscalYear: number,
): Promise<number> {
  const [row] = await tx.query<{ last_value: string }>(
    `INSERT INTO document_sequences (kind, fiscal_year, last_value) VALUES ($1, $2::int, 1)
     ON CONFLICT (kind, fiscal_year) DO UPDATE SET last_value = document_sequences.last_value + 1
     RETURNING last_value::text`,
    [kind, fiscalYear],
  );
  if (!row) throw new Error(`No document sequence for ${kind} ${fiscalYear}`);
  return Number(row.last_value);
}
