import { formatWarekiDate } from '@denpyo/jp';

// 'en-CA' gives ISO-like numeric parts; h23 avoids the '24:05' some ICU versions print at midnight.
const JAPAN_TIME_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Formats an ISO timestamp in Japan time as 令和8年11月24日 10:32. */
export function formatWarekiDateTime(timestamp: string): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO timestamp: ${timestamp}`);
  const parts = JAPAN_TIME_PARTS.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = formatWarekiDate(`${part('year')}-${part('month')}-${part('day')}`);
  return `${date} ${part('hour')}:${part('minute')}`;
}

/** The start of an ISO date in Japan time, used as the PDF creation date. */
export function japanMidnight(isoDate: string): Date {
  const instant = new Date(`${isoDate}T00:00:00+09:00`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO date: ${isoDate}`);
  return instant;
}

/** 令和8年度 for fiscal year 2026 (April 2026 – March 2027). */
export function formatWarekiFiscalYear(fiscalYear: number): string {
  return formatWarekiDate(`${fiscalYear}-12-31`).replace(/年.*$/, '年度');
}
