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
