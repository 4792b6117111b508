import { join } from 'node:path';
import { nextDocumentSequence, pgExecutor } from '@denpyo/platform';
import { upgradeAcross } from '@denpyo/platform/testing';

// A database numbered by the service's own counters keeps its numbers after the upgrade.
it('carries the last invoice and payment order numbers over and drops the old counters', async () => {
  const { pool, schema } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261126010000_document_sequences',
    (before) =>
      before.query(
        "INSERT INTO document_counters (kind, fiscal_year, last_value) VALUES ('IV', 2026, 41), ('PO', 2026, 7)",
      ),
  );
  try {
    const { rows } = await pool.query(
      'SELECT kind, fiscal_year, last_value::int FROM document_sequences ORDER BY kind',
    );
    expect(rows).toEqual([
      { kind: 'IV', fiscal_year: 2026, last_value: 41 },
      { kind: 'PO', fiscal_year: 2026, last_value: 7 },
    ]);
    expect(await nextDocumentSequence(pgExecutor(pool), 'PO', 2026)).toBe(8);
    const old = await pool.query("SELECT to_regclass($1 || '.document_counters') IS NULL AS gone", [
      schema,
    ]);
    expect(old.rows).toEqual([{ gone: true }]);
  } finally {
    await pool.end();
  }
});
