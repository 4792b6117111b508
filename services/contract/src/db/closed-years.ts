import type { Db, Tx } from './prisma';

/** The fiscal years the payment service has closed (出納閉鎖). */
export async function closedFiscalYears(db: Db | Tx): Promise<number[]> {
  const rows = await db.closedFiscalYear.findMany({ select: { fiscalYear: true } });
  return rows.map((row) => row.fiscalYear);
}

/** Records a close; a second announcement of the same year keeps the first. */
export async function recordClosedFiscalYear(
  tx: Tx,
  close: { fiscalYear: number; closedBy: string; closedAt: Date },
): Promise<boolean> {
  const created = await tx.closedFiscalYear.createMany({ data: [close], skipDuplicates: true });
  return created.count === 1;
}
