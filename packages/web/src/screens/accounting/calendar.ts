// A month's calendar grid (weeks from Sunday, as Japanese calendars print them) and the
// payments that fall on each day. Pure, unit-tested.

export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  date: string;
  day: number;
  inMonth: boolean;
  weekday: number; // 0 = Sunday
}

function iso(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

/** The weeks (each 7 days, Sunday first) covering the month; days of the neighbours fill the ends. */
export function monthGrid(year: number, month: number): CalendarDay[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = first.getUTCDay();
  const cells = Math.ceil((lead + daysInMonth) / 7) * 7;
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells; i++) {
    const date = iso(year, month, 1 - lead + i);
    const day = Number(date.slice(8, 10));
    const cell: CalendarDay = {
      date,
      day,
      inMonth: date.slice(0, 7) === `${year}-${String(month).padStart(2, '0')}`,
      weekday: i % 7,
    };
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push(cell);
  }
  return weeks;
}

/** First and last ISO dates of a month (the due-date filter of the calendar's query). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: iso(year, month, 1), to: iso(year, month, last) };
}

export function shiftMonth(
  year: number,
  month: number,
  by: number,
): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Groups items by a date key, e.g. payments by dueDate. */
export function byDate<T>(items: readonly T[], dateOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = dateOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** A payment not yet paid whose due date has passed. */
export function isOverdue(payment: { status: string; dueDate: string }, today: string): boolean {
  return (
    (payment.status === 'scheduled' ||
      payment.status === 'confirmed' ||
      payment.status === 'batched' ||
      payment.status === 'failed') &&
    payment.dueDate < today
  );
}
