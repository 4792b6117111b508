export { formatNumber, formatYen, parseYen } from './yen';
export {
  addDays,
  fiscalYearOf,
  formatReiwa,
  formatReiwaDateTime,
  formatSeireki,
  japanDate,
  japanToday,
} from './date';
export { formatPercent, formatTaxRate } from './percent';
