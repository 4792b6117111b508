import {
  pageWindow,
  type Budget,
  type BudgetCreateRequest,
  type BudgetListQuery,
} from '@denpyo/schemas';
import type { Prisma, Budget as BudgetRow } from '../generated/prisma/client';
import { yenFromBigInt, type ListPage } from '@denpyo/platform';
import type { Db, Tx } from './prisma';

export interface BudgetKey {
  fiscalYear: number;
  code: string;
}

export async function insertBudget(
  tx: Tx,
  budget: BudgetCreateRequest,
  createdAt: Date,
): Promise<Budget> {
  const row = await tx.budget.create({
    data: { ...budget, amount: BigInt(budget.amount), createdAt },
  });
  return toBudget(row);
}

export async function findBudget(db: Db | Tx, key: BudgetKey): Promise<Budget | undefined> {
  const row = await db.budget.findUnique({ where: { fiscalYear_code: key } });
  return row ? toBudget(row) : undefined;
}

/**
 * One page of budget lines (of one fiscal year, or all) whose code or name contains `q`, by code
 * (newest year first among equal codes) or by year (code order within it), and the count.
 */
export async function listBudgets(db: Db, query: BudgetListQuery): Promise<ListPage<Budget>> {
  const where: Prisma.BudgetWhereInput = {
    fiscalYear: query.fiscalYear,
    ...(query.q
      ? {
          OR: [
            { code: { contains: query.q } },
            { name: { contains: query.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const orderBy: Prisma.BudgetOrderByWithRelationInput[] =
    query.sort === 'fiscalYear'
      ? [{ fiscalYear: query.order }, { code: 'asc' }]
      : [{ code: query.order }, { fiscalYear: 'desc' }];
  const [rows, total] = await Promise.all([
    db.budget.findMany({
      where,
      orderBy,
      ...pageWindow(query, (key) => ({
        fiscalYear_code: { fiscalYear: Number(key.fiscalYear), code: String(key.code) },
      })),
    }),
    db.budget.count({ where }),
  ]);
  return { items: rows.map(toBudget), total };
}

/**
 * Commits `amount` of the line's available money (予算現額 − encumbered), race-free: one
 * conditional UPDATE, so of concurrent approvals only those that still fit succeed. False
 * (nothing changed) when it does not fit or the line does not exist.
 */
export async function encumber(tx: Tx, key: BudgetKey, amount: number): Promise<boolean> {
  const updated = await tx.$executeRaw`
    UPDATE budgets SET encumbered = encumbered + ${BigInt(amount)}
    WHERE fiscal_year = ${key.fiscalYear} AND code = ${key.code}
      AND amount + transfers_in - transfers_out - encumbered >= ${BigInt(amount)}`;
  return updated === 1;
}

/** Gives `amount` of the line's encumbrance back (completion, cancellation, a decrease). */
export async function release(tx: Tx, key: BudgetKey, amount: number): Promise<void> {
  await tx.budget.update({
    where: { fiscalYear_code: key },
    data: { encumbered: { decrement: BigInt(amount) } },
  });
}

/**
 * Locks budget lines of one year for a change that reads and writes several (流用), in code
 * order so two transfers over the same lines cannot deadlock; the lines as they are now.
 */
export async function lockBudgets(
  tx: Tx,
  fiscalYear: number,
  codes: readonly string[],
): Promise<Budget[]> {
  const sorted = [...new Set(codes)].sort();
  await tx.$queryRaw`
    SELECT code FROM budgets WHERE fiscal_year = ${fiscalYear} AND code = ANY(${sorted}::text[])
    ORDER BY code FOR UPDATE`;
  return findBudgets(tx, fiscalYear, sorted);
}

/** The lines of a year with these codes (read again after a change, under locks already held). */
export async function findBudgets(
  tx: Tx,
  fiscalYear: number,
  codes: readonly string[],
): Promise<Budget[]> {
  const rows = await tx.budget.findMany({ where: { fiscalYear, code: { in: [...codes] } } });
  return rows.map(toBudget);
}

/** 流用: moves `amount` from one line's 予算現額 to another's (same year). */
export async function moveBudget(
  tx: Tx,
  fiscalYear: number,
  transfer: { fromCode: string; toCode: string; amount: number },
): Promise<void> {
  const amount = BigInt(transfer.amount);
  await tx.budget.update({
    where: { fiscalYear_code: { fiscalYear, code: transfer.fromCode } },
    data: { transfersOut: { increment: amount } },
  });
  await tx.budget.update({
    where: { fiscalYear_code: { fiscalYear, code: transfer.toCode } },
    data: { transfersIn: { increment: amount } },
  });
}

/**
 * Adds a payment to what the line has spent. A line that does not exist throws (the event is
 * retried, then dead-lettered with this message), so a payment is never silently dropped.
 */
export async function addSpent(tx: Tx, key: BudgetKey, amount: number): Promise<void> {
  const updated = await tx.budget.updateMany({
    where: { fiscalYear: key.fiscalYear, code: key.code },
    data: { spent: { increment: BigInt(amount) } },
  });
  if (updated.count !== 1) {
    throw new Error(
      `Budget line ${key.code} of fiscal year ${key.fiscalYear} does not exist: the payment cannot be recorded as spent on it`,
    );
  }
}

function toBudget(row: BudgetRow): Budget {
  const amount = yenFromBigInt(row.amount);
  const transfersIn = yenFromBigInt(row.transfersIn);
  const transfersOut = yenFromBigInt(row.transfersOut);
  const currentAmount = amount + transfersIn - transfersOut;
  const encumbered = yenFromBigInt(row.encumbered);
  return {
    fiscalYear: row.fiscalYear,
    code: row.code,
    name: row.name,
    ...(row.kanName !== null ? { kanName: row.kanName } : {}),
    ...(row.kouName !== null ? { kouName: row.kouName } : {}),
    ...(row.mokuName !== null ? { mokuName: row.mokuName } : {}),
    amount,
    transfersIn,
    transfersOut,
    currentAmount,
    encumbered,
    spent: yenFromBigInt(row.spent),
    available: currentAmount - encumbered,
  };
}
