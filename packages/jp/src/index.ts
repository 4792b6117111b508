export { formatWarekiDate } from './wareki';
export { formatYen } from './money';
export { computeInvoiceTotals } from './tax';
export type { InvoiceLine, InvoiceTotals, RateTotal, TaxRate } from './tax';
export {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  isValidRegistrationNumber,
} from './registration-number';
export {
  addCalendarDays,
  isBankBusinessDay,
  japanToday,
  paymentDueDate,
  previousBankBusinessDay,
} from './business-days';
export { KanaError, fitZenginField, isZenginKana, toZenginKana } from './kana';
export {
  MAX_FILE_TOTAL,
  MAX_TRANSFER_AMOUNT,
  ZenginError,
  lookupBank,
  lookupBranch,
  searchBanks,
  searchBranches,
  writeZenginTransferFile,
} from './zengin';
export type { AccountType, BankInfo, Requester, Transfer, ZenginTransferInput } from './zengin';
export {
  ZENGIN_HOLDER_NAME_BYTES,
  bankAccountProblems,
  toZenginName,
  zenginHolderName,
} from './bank-account';
export type { BankAccountFields, BankAccountProblem, ZenginNameResult } from './bank-account';
export { isoDateToUtc, utcToIsoDate } from './iso-date';
export {
  closingPeriodEnd,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  fiscalYearsOfPeriod,
  mayCloseFiscalYear,
} from './fiscal-year';
