// Transfer dates a batch may use: bank business days (no weekend, national holiday or year-end
// closure), from today on. @denpyo/jp's own rule, so the browser offers exactly the days the
// payment service accepts.
import { addCalendarDays, isBankBusinessDay } from '@denpyo/jp/business-days';

/**
 * The next `count` bank business days from `from` (inclusive). Stops early where the holiday
 * table ends (the service refuses such dates too).
 */
export function nextBankBusinessDays(from: string, count: number): string[] {
  const days: string[] = [];
  let day = from;
  // A run of closed days is never longer than a couple of weeks; 400 bounds a year and more.
  for (let guard = 0; days.length < count && guard < 400; guard++) {
    let open: boolean;
    try {
      open = isBankBusinessDay(day);
    } catch {
      break; // outside the years the holiday table covers
    }
    if (open) days.push(day);
    day = addCalendarDays(day, 1);
  }
  return days;
}

/** Whether a date may be chosen as a transfer date today (a business day, not in the past). */
export function isUsableTransferDate(date: string, today: string): boolean {
  if (date < today) return false;
  try {
    return isBankBusinessDay(date);
  } catch {
    return false;
  }
}

/** The transfer date to suggest: the last business day on or before the earliest due date,
 * when that is still ahead; otherwise the first usable day. */
export function suggestTransferDate(
  options: readonly string[],
  earliestDueDate: string | undefined,
): string | undefined {
  if (options.length === 0) return undefined;
  if (!earliestDueDate) return options[0];
  const onTime = options.filter((day) => day <= earliestDueDate);
  return onTime.length > 0 ? onTime[onTime.length - 1] : options[0];
}
