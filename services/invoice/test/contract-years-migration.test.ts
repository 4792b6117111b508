import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { upgradeAcross } from '@denpyo/platform/testing';

const single = randomUUID();
const multiYear = randomUUID();
const completed = randomUUID();
const cancelled = randomUUID();

async function contract(
  pool: Pool,
  id: string,
  fields: {
    amount: number;
    fiscalYear: number;
    invoiced: number;
    schedule?: object;
    closed?: string;
  },
) {
  await pool.query(
    `INSERT INTO approved_contracts (contract_id, document_number, vendor_id, title, amount, tax_rate,
       fiscal_year, budget_code, approved_at, kind, schedule, closed_outcome, invoiced_total)
     VALUES ($1::uuid, $1::text, $1::uuid, '業務', $2, 10, $3, '01', now(), 'services', $4, $5, $6)`,
    [
      id,
      fields.amount,
      fields.fiscalYear,
      fields.schedule ? JSON.stringify(fields.schedule) : null,
      fields.closed ?? null,
      fields.invoiced,
    ],
  );
}

const byId = (a: { contract_id: string }, b: { contract_id: string }) =>
  a.contract_id < b.contract_id ? -1 : a.contract_id > b.contract_id ? 1 : 0;

let invoiceNo = 0;
async function invoice(
  pool: Pool,
  contractId: string,
  fiscalYear: number,
  total: number,
  status = 'received',
) {
  invoiceNo += 1;
  await pool.query(
    `INSERT INTO invoices (id, document_number, contract_id, vendor_id, invoice_number, issue_date,
       qualified, amounts_include, contract_kind, fiscal_year, status, received_on, subtotal, total,
       net_amount, due_date, original_due_date, inspection_due_date, created_by)
     VALUES ($1, $2::text, $3::uuid, $3::uuid, $2::text, '2026-11-01', false, 'tax-excluded', 'services', $4, $5,
       '2026-11-01', $6, $6, $6, '2026-12-01', '2026-12-01', '2026-11-11', 'alice')`,
    [randomUUID(), `IV-${invoiceNo}`, contractId, fiscalYear, status, total],
  );
}

// Contracts projected before contract_years: their years from the schedule column (or their own
// year for a single-year contract) with what their invoices not rejected took of each; closures
// with what they released.
it('fills each contract’s years from its schedule and invoices, and what closures released', async () => {
  const { pool } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261127020000_contract_years',
    async (before) => {
      await contract(before, single, { amount: 1_000_000, fiscalYear: 2026, invoiced: 110_000 });
      await invoice(before, single, 2026, 110_000);
      await invoice(before, single, 2026, 50_000, 'rejected');
      await contract(before, multiYear, {
        amount: 800_000,
        fiscalYear: 2025,
        invoiced: 300_000,
        schedule: [
          { fiscalYear: 2025, amount: 500_000 },
          { fiscalYear: 2026, amount: 300_000 },
        ],
      });
      await invoice(before, multiYear, 2025, 100_000, 'approved');
      await invoice(before, multiYear, 2026, 200_000, 'inspected');
      await invoice(before, multiYear, 2026, 70_000, 'rejected');
      await contract(before, completed, {
        amount: 500_000,
        fiscalYear: 2026,
        invoiced: 200_000,
        closed: 'completed',
      });
      await invoice(before, completed, 2026, 200_000, 'approved');
      await contract(before, cancelled, {
        amount: 300_000,
        fiscalYear: 2026,
        invoiced: 0,
        closed: 'cancelled',
      });
    },
  );
  try {
    const { rows: years } = await pool.query(
      `SELECT contract_id, fiscal_year, amount::int, invoiced_total::int FROM contract_years
       ORDER BY contract_id::text, fiscal_year`,
    );
    expect(years).toEqual(
      [
        { contract_id: single, fiscal_year: 2026, amount: 1_000_000, invoiced_total: 110_000 },
        { contract_id: multiYear, fiscal_year: 2025, amount: 500_000, invoiced_total: 100_000 },
        { contract_id: multiYear, fiscal_year: 2026, amount: 300_000, invoiced_total: 200_000 },
        { contract_id: completed, fiscal_year: 2026, amount: 500_000, invoiced_total: 200_000 },
        { contract_id: cancelled, fiscal_year: 2026, amount: 300_000, invoiced_total: 0 },
      ].sort((a, b) => byId(a, b) || a.fiscal_year - b.fiscal_year),
    );
    const { rows: released } = await pool.query(
      `SELECT contract_id, released_amount::int FROM approved_contracts ORDER BY contract_id::text`,
    );
    expect(released).toEqual(
      [
        { contract_id: single, released_amount: 0 },
        { contract_id: multiYear, released_amount: 0 },
        { contract_id: completed, released_amount: 300_000 },
        { contract_id: cancelled, released_amount: 300_000 },
      ].sort(byId),
    );
  } finally {
    await pool.end();
  }
});
