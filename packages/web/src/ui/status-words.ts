// The word for a status. Contracts, invoices, payments and transfer batches take @denpyo/schemas'
// tables, the ones the CSV downloads write, so a clerk or a vendor reads the same word on screen
// and in Excel; the vendor's status (no CSV column) is in the catalogue. Read here rather than
// copied into ja.ts: the catalogue is loaded before sign-in, and reading the schemas there would
// put them (and zod) on that path.
import {
  CONTRACT_STATUS_LABELS,
  INVOICE_STATUS_LABELS,
  PAYMENT_STATUS_LABELS,
  TRANSFER_BATCH_STATUS_LABELS,
} from '@denpyo/schemas';
import { hasMessage, t } from '../i18n';

export type StatusKind = 'contract' | 'invoice' | 'payment' | 'batch' | 'vendor';

const SCHEMA_WORDS: Record<Exclude<StatusKind, 'vendor'>, Readonly<Record<string, string>>> = {
  contract: CONTRACT_STATUS_LABELS,
  invoice: INVOICE_STATUS_LABELS,
  payment: PAYMENT_STATUS_LABELS,
  batch: TRANSFER_BATCH_STATUS_LABELS,
};

/** The Japanese word for a status (受付済, 承認待ち, …); unknown statuses are shown as sent. */
export function statusLabel(kind: StatusKind, status: string): string {
  if (kind !== 'vendor') {
    const words = SCHEMA_WORDS[kind];
    return Object.prototype.hasOwnProperty.call(words, status) ? words[status]! : status;
  }
  const key = `status.${kind}.${status}`;
  return hasMessage(key) ? t(key) : status;
}
