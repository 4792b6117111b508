// Calendar-date helpers. An ISO date string names a Japan calendar day; it is handled as a UTC
// midnight internally only so that arithmetic never meets a time-zone or DST shift.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function utcMidnight({ year, month, day }: CalendarDate): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 literal
  return date;
}

/** Parses 'YYYY-MM-DD', rejecting malformed strings and impossible days such as 2026-02-30. */
export function parseIsoDate(iso: string): CalendarDate {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const parsed = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    const asUtc = utcMidnight(parsed);
    if (asUtc.getUTCMonth() === parsed.month - 1 && asUtc.getUTCDate() === parsed.day) {
      return parsed;
    }
  }
  throw new RangeError(`not a valid ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
}

export function isoDateToUtc(iso: string): Date {
  return utcMidnight(parseIsoDate(iso));
}

export function utcToIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDaysUtc(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoDateToUtc(to).getTime() - isoDateToUtc(from).getTime()) / MS_PER_DAY);
}
