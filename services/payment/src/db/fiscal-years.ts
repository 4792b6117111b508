import { closingPeriodEnd } from '@denpyo/jp';
import { SignatureSchema, type FiscalYearStatus, type Signature } from '@denpyo/schemas';
import type { Db, Tx } from './prisma';

/** The advisory-lock namespace of fiscal years (Art. 235-5, hence 235). */
const FISCAL_YEAR_LOCK = 235;

/**
 * Which of these fiscal years are closed, holding each year's shared lock until commit: a close
 * (which takes the exclusive lock) waits for the work in flight, and work after it sees it.
 */
export async function closedYearsOf(tx: Tx, years: Iterable<number>): Promise<Set<number>> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  for (const year of sorted) {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock_shared(${FISCAL_YEAR_LOCK}::int, ${year}::int)::text`;
  }
  const rows = await tx.fiscalYear.findMany({
    where: { fiscalYear: { in: sorted } },
    select: { fiscalYear: true },
  });
  return new Set(rows.map((row) => row.fiscalYear));
}

/**
 * Holds a year's exclusive lock until commit: it waits for the work in flight in the year (which
 * holds the shared lock, see closedYearsOf), and work that comes later sees what the close did.
 */
export async function lockYearForClose(tx: Tx, fiscalYear: number): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${FISCAL_YEAR_LOCK}::int, ${fiscalYear}::int)::text`;
}

/** Closes a year once (false when it was closed already); hold lockYearForClose first. */
export async function insertClosedYear(
  tx: Tx,
  fiscalYear: number,
  by: Signature,
  at: Date,
): Promise<boolean> {
  const { count } = await tx.fiscalYear.createMany({
    data: [{ fiscalYear, closedBy: by.username, closedBySignature: by, closedAt: at }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Every fiscal year that has payments or is closed, the earliest first. */
export async function listFiscalYears(db: Db): Promise<FiscalYearStatus[]> {
  const [closed, used] = await Promise.all([
    db.fiscalYear.findMany(),
    db.payment.findMany({ select: { fiscalYear: true }, distinct: ['fiscalYear'] }),
  ]);
  const closedBy = new Map(closed.map((row) => [row.fiscalYear, row]));
  const years = [...new Set([...used.map((row) => row.fiscalYear), ...closedBy.keys()])];
  return years
    .sort((a, b) => a - b)
    .map((fiscalYear) => {
      const row = closedBy.get(fiscalYear);
      return {
        fiscalYear,
        status: row ? 'closed' : 'open',
        closingPeriodEnd: closingPeriodEnd(fiscalYear),
        ...(row
          ? {
              closedBy: row.closedBy,
              closedBySignature: SignatureSchema.parse(row.closedBySignature),
              closedAt: row.closedAt.toISOString(),
            }
          : {}),
      };
    });
}
