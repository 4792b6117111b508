// What the browser uses of @denpyo/jp, straight from its pure modules: the registration-number
// check digits, tax per rate, 令和 dates, Zengin kana. The package's index also loads the Zengin
// bank list (megabytes) and iconv for the transfer file, which never belong in the bundle; the
// bank list is searched through GET /api/banks instead. Bank business days (with the holiday
// table) are '@denpyo/jp/business-days', for the screens that need them.
export { formatWarekiDate } from '../../../jp/src/wareki';
export { acceptedTaxes, computeInvoiceTotals } from '../../../jp/src/tax';
export type {
  AcceptedTaxes,
  AmountsInclude,
  InvoiceLine,
  InvoiceTotals,
  RateTotal,
  StatedTax,
  TaxProblem,
  TaxRate,
} from '../../../jp/src/tax';
export { computeWithholding, withholdingTax } from '../../../jp/src/withholding';
export type { Withholding } from '../../../jp/src/withholding';
export {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  isValidRegistrationNumber,
} from '../../../jp/src/registration-number';
export { KanaError, fitZenginField, isZenginKana, toZenginKana } from '../../../jp/src/kana';
export { isoDateToUtc, utcToIsoDate } from '../../../jp/src/iso-date';
export {
  closingPeriodEnd,
  fiscalYearOf,
  fiscalYearsOfPeriod,
  mayCloseFiscalYear,
} from '../../../jp/src/fiscal-year';
// The holder name as the services store it and the transfer file carries it (略語, 30-byte cut).
export {
  ZENGIN_HOLDER_NAME_BYTES,
  zenginHolderName as previewZenginHolderName,
} from '../../../jp/src/holder-name';
export type { HolderNameResult as ZenginNamePreview } from '../../../jp/src/holder-name';
