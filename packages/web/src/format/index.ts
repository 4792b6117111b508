export { formatNumber, formatYen, parseYen } from './yen';
export { addDays, formatReiwa, formatReiwaDateTime, formatSeireki, japanDate } from './date';
export { formatPercent } from './percent';
// One rule for the fiscal year, @denpyo/jp's (the services use it too).
export { fiscalYearOf } from '../jp';
