import { parseIsoDate } from './iso-date';

// Japanese era (和暦) formatting. Only 令和 is supported: the system handles documents dated
// from its launch onward, so earlier eras would be untested code.
const REIWA_START = '2019-05-01';
const REIWA_FIRST_GREGORIAN_YEAR = 2019;

/** Formats an ISO date 'YYYY-MM-DD' as 令和N年M月D日 (令和1年 is written 令和元年). */
export function formatWarekiDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  if (iso < REIWA_START) throw new RangeError(`dates before 令和 are not supported: ${iso}`);
  const reiwaYear = year - REIWA_FIRST_GREGORIAN_YEAR + 1;
  const yearText = reiwaYear === 1 ? '元' : String(reiwaYear);
  return `令和${yearText}年${month}月${day}日`;
}
