import holidayJp from '@holiday-jp/holiday_jp';
import { addDaysUtc, isoDateToUtc, parseIsoDate, utcToIsoDate } from './iso-date';

// Bank business days: banks are closed on weekends, national holidays and over the year end
// (12/31–1/3, 銀行法施行令 第5条).
const YEAR_END_CLOSURE = new Set(['12-31', '01-01', '01-02', '01-03']);
const SATURDAY = 6;
const SUNDAY = 0;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has had no daylight saving time since 1951

// The package's isHoliday scans every key on each call; a set makes the check O(1).
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));
const HOLIDAY_YEARS = [...HOLIDAYS].map((date) => Number(date.slice(0, 4)));
const FIRST_COVERED_YEAR = Math.min(...HOLIDAY_YEARS);
const LAST_COVERED_YEAR = Math.max(...HOLIDAY_YEARS);

/** True on days Japanese banks are open. Throws RangeError outside the holiday data's years. */
export function isBankBusinessDay(date: string): boolean {
  const { year } = parseIsoDate(date);
  if (year < FIRST_COVERED_YEAR || year > LAST_COVERED_YEAR) {
    throw new RangeError(
      `no holiday data for ${date}: known years are ${FIRST_COVERED_YEAR}–${LAST_COVERED_YEAR}`,
    );
  }
  const weekday = isoDateToUtc(date).getUTCDay();
  return (
    weekday !== SATURDAY &&
    weekday !== SUNDAY &&
    !HOLIDAYS.has(date) &&
    !YEAR_END_CLOSURE.has(date.slice(5))
  );
}

/** The date itself when it is a bank business day, otherwise the closest earlier one. */
export function previousBankBusinessDay(date: string): string {
  let candidate = date;
  while (!isBankBusinessDay(candidate)) candidate = addCalendarDays(candidate, -1);
  return candidate;
}

export function addCalendarDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return utcToIsoDate(addDaysUtc(isoDateToUtc(date), n));
}

/**
 * Payment deadline (支払遅延防止法: 30 days after a proper invoice is received), moved back to
 * the previous bank business day so the payment never lands after the deadline.
 */
export function paymentDueDate(receivedOn: string, days = 30): string {
  return previousBankBusinessDay(addCalendarDays(receivedOn, days));
}

/** Today's calendar date in Japan (Asia/Tokyo). */
export function japanToday(now: Date = new Date()): string {
  return utcToIsoDate(new Date(now.getTime() + JST_OFFSET_MS));
}
