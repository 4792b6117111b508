import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { upgradeAcross } from '@denpyo/platform/testing';

// Contracts made under v1 keep working: each gets a route and its commitment, vendors a kind.
it('gives v1 contracts a route and a commitment, and v1 vendors the kind corporation', async () => {
  const vendor = randomUUID();
  const ids = {
    draft: randomUUID(),
    pendingLarge: randomUUID(),
    approvedSmall: randomUUID(),
    approvedLarge: randomUUID(),
  };
  const { pool } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261127100000_v2_city_rules',
    async (before) => {
      await before.query(
        `INSERT INTO vendors (id, name, name_kana, bank_code, branch_code, account_type,
           account_number, holder_kana, status, created_by, created_at)
         VALUES ($1, 'v', 'v', '0001', '001', 'ordinary', '1', 'ｶ', 'active', 'p', now())`,
        [vendor],
      );
      await before.query(
        `INSERT INTO budgets (fiscal_year, code, name, amount, encumbered, created_at)
         VALUES (2026, '01.01.01.01', 'b', 10000000000, 9001000000, now())`,
      );
      const contracts: [string, string, number][] = [
        [ids.draft, 'draft', 500_000],
        [ids.pendingLarge, 'submitted', 9_000_000_000],
        [ids.approvedSmall, 'approved', 1_000_000],
        [ids.approvedLarge, 'approved', 9_000_000_000],
      ];
      for (const [index, [id, status, amount]] of contracts.entries()) {
        await before.query(
          `INSERT INTO contracts (id, document_number, vendor_id, title, fiscal_year, budget_code,
             amount, tax_rate, start_date, end_date, status, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, 't', 2026, '01.01.01.01', $4, 10, '2026-06-01', '2027-03-31',
             $5, 'p', now(), now())`,
          [id, `CT-2026-00000${index}`, vendor, amount, status],
        );
      }
    },
  );
  try {
    const { rows } = await pool.query<{ id: string; route: string }>(
      'SELECT id, route::text FROM contracts',
    );
    const route = (id: string) => rows.find((row) => row.id === id)?.route;
    expect(route(ids.draft)).toBe('{kacho}');
    // Still waiting: the v2 table, so two kacho no longer clear ¥9,000,000,000.
    expect(route(ids.pendingLarge)).toBe('{kacho,bucho,fukushicho,shicho}');
    // Decided under v1: what v1 asked of it.
    expect(route(ids.approvedLarge)).toBe('{kacho,kacho}');
    const commitments = await pool.query(
      `SELECT contract_id, fiscal_year, amount::int8::text, encumbered::int8::text
       FROM contract_commitments WHERE contract_id = $1`,
      [ids.approvedSmall],
    );
    expect(commitments.rows).toEqual([
      {
        contract_id: ids.approvedSmall,
        fiscal_year: 2026,
        amount: '1000000',
        encumbered: '1000000',
      },
    ]);
    const planned = await pool.query(
      'SELECT encumbered::int8::text FROM contract_commitments WHERE contract_id = $1',
      [ids.draft],
    );
    expect(planned.rows).toEqual([{ encumbered: '0' }]);
    const kinds = await pool.query('SELECT kind FROM vendors');
    expect(kinds.rows).toEqual([{ kind: 'corporation' }]);
  } finally {
    await pool.end();
  }
});
