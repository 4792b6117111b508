import { closingPeriodEnd, mayCloseFiscalYear } from '@denpyo/jp';
import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';

/**
 * 出納閉鎖 (地方自治法 Art. 235-5): a fiscal year's accounts stay open for its payments until
 * May 31 of the next year (出納整理期間) and may be closed from June 1.
 */
export function decideClose(fiscalYear: number, today: string): Outcome<void> {
  return mayCloseFiscalYear(fiscalYear, today)
    ? ok(undefined)
    : refuse(
        'unprocessable',
        `Fiscal year ${fiscalYear} can be closed from the day after ${closingPeriodEnd(fiscalYear)} (出納整理期間); today is ${today}`,
      );
}

/** An approved batch not yet settled: the bank has its file, and its result is not recorded. */
export interface BatchInFlight {
  id: string;
  transferDate: string;
}

/**
 * A year is not closed under a batch the bank has been told to pay: once closed, its payments
 * could be neither recorded as paid nor as failed. Settle those batches first (422 naming them).
 */
export function decideNoBatchInFlight(
  fiscalYear: number,
  inFlight: readonly BatchInFlight[],
): Outcome<void> {
  if (inFlight.length === 0) return ok(undefined);
  const named = inFlight.map((batch) => `${batch.id} (transfer date ${batch.transferDate})`);
  return refuse(
    'unprocessable',
    `Fiscal year ${fiscalYear} has payments in approved batches not yet settled: ${named.join(', ')}; settle them before the close`,
  );
}
