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
    db.budget.findMany({ where, orderBy, ...pageWindow(query) }),
    db.budget.count({ where }),
  ]);
  return { items: rows.map(toBudget), total };
}

/**
 * Commits `amount` of the line's available money, race-free: one conditional UPDATE, so of
 * concurrent approvals only those that still fit succeed. False (nothing changed) when it does not fit.
 */
export async function encumber(tx: Tx, key: BudgetKey, amount: number): Promise<boolean> {
  const updated = await tx.$executeRaw`
    UPDATE budgets SET encumbered = encumbered + ${BigInt(amount)}
    WHERE fiscal_year = ${key.fiscalYear} AND code = ${key.code} AND amount - encumbered >= ${BigInt(amount)}`;
  return updated === 1;
}

export async function addSpent(tx: Tx, key: BudgetKey, amount: number): Promise<void> {
  await tx.budget.update({
    where: { fiscalYear_code: key },
    data: { spent: { increment: BigInt(amount) } },
  });
}

function toBudget(row: BudgetRow): Budget {
  const amount = yenFromBigInt(row.amount);
  const encumbered = yenFromBigInt(row.encumbered);
  return {
    fiscalYear: row.fiscalYear,
    code: row.code,
    name: row.name,
    amount,
    encumbered,
    spent: yenFromBigInt(row.spent),
    available: amount - encumbered,
  };
}
