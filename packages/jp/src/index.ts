export { formatWarekiDate } from './wareki';
export { formatGuardedYen, formatYen } from './money';
export {
  MUNICIPAL_KAN_NAMES,
  SETSU_NAMES,
  budgetAccountLabel,
  type BudgetAccountNames,
} from './budget-accounts';
export { accountTypeName, formalBankName, formalBranchName } from './bank-names';
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
  DEFAULT_TRANSFER_DESIGNATION,
  MAX_FILE_TOTAL,
  MAX_TRANSFER_AMOUNT,
  ZenginError,
  ediReference,
  lookupBank,
  lookupBranch,
  searchBanks,
  searchBranches,
  writeZenginTransferFile,
} from './zengin';
export type {
  AccountType,
  BankInfo,
  Requester,
  Transfer,
  TransferDesignation,
  ZenginFileOptions,
  ZenginTransferInput,
} from './zengin';
export { bankAccountProblems, toZenginName } from './bank-account';
export { ZENGIN_HOLDER_NAME_BYTES, zenginHolderName } from './holder-name';
export type { HolderNameResult } from './holder-name';
export { CORPORATE_ABBREVIATIONS, abbreviateCorporateKinds } from './corporate-abbreviation';
export type { CorporateAbbreviation } from './corporate-abbreviation';
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
