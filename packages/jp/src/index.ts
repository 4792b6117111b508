export { formatWarekiDate } from './wareki';
export { formatYen } from './money';
export { acceptedTaxes, computeInvoiceTotals } from './tax';
export type {
  AcceptedTaxes,
  AmountsInclude,
  InvoiceLine,
  InvoiceTotals,
  RateTotal,
  StatedTax,
  TaxOptions,
  TaxProblem,
  TaxRate,
} from './tax';
export { WITHHOLDING_LOWER_BRACKET, computeWithholding, withholdingTax } from './withholding';
export type { Withholding, WithholdingLine } from './withholding';
export {
  STATUTORY_DEADLINES,
  deadlineTerms,
  dueDateAfterInspection,
  inspectionDueDate,
  invoiceDueDate,
} from './payment-deadlines';
export type {
  DeadlineContractKind,
  DeadlineTerms,
  InspectionDeadlineOutcome,
} from './payment-deadlines';
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
export { monthRange, nationalTaxDeadline, nextMonth, withholdingTaxDueDate } from './months';
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
export { daysBetween, isoDateToUtc, utcToIsoDate } from './iso-date';
export {
  closingPeriodEnd,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  fiscalYearsOfPeriod,
  mayCloseFiscalYear,
} from './fiscal-year';
export {
  DEFAULT_LATE_INTEREST_RATES,
  LATE_INTEREST_UNIT,
  daysLate,
  lateInterest,
  lateInterestRateOn,
  percentToScaled,
} from './late-interest';
export type { LateInterestRate } from './late-interest';
