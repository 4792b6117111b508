// Dates in 令和 (the city's documents are all from 令和 onward), with the ISO date kept available.
import { formatWarekiDate } from '@denpyo/jp';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** '2026-11-26' → '令和8年11月26日'; before 令和 (or not a date) the ISO text is returned as is. */
export function formatReiwa(iso: string): string {
  if (!ISO_DATE.test(iso)) return iso;
  try {
    return formatWarekiDate(iso);
  } catch {
    return iso;
  }
}

/** '2026-11-26' → '2026年11月26日' (the vendor's words for a payment date). */
export function formatSeireki(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

/** The Japan calendar date of an instant: '2026-11-26T15:30:00Z' → '2026-11-27'. */
export function japanDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant in Japan time: '2026-11-26T06:05:00Z' → '令和8年11月26日 15:05'. */
export function formatReiwaDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const japan = new Date(ms + JST_OFFSET_MS).toISOString();
  return `${formatReiwa(japan.slice(0, 10))} ${japan.slice(11, 16)}`;
}

/** Calendar arithmetic on ISO dates (no time zone involved). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}
