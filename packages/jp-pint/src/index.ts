export { JP_PINT_MAX_BYTES, JP_PINT_SPECIFICATIONS, readJpPint } from './read';
export type {
  EInvoiceDocument,
  EInvoiceLine,
  EInvoicePeriod,
  EInvoiceTax,
  JpPintReading,
  JpPintSpecification,
  RuleViolation,
} from './types';
