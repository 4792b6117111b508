import type {
  ContractStatus,
  InvoiceStatus,
  PaymentStatus,
  TransferBatchStatus,
  VendorStatus,
} from '@denpyo/schemas';
import { statusLabel, type StatusKind } from './status-words';

export { statusLabel, type StatusKind };
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

type StatusKey =
  | `contract.${ContractStatus}`
  | `invoice.${InvoiceStatus}`
  | `payment.${PaymentStatus}`
  | `batch.${TransferBatchStatus}`
  | `vendor.${VendorStatus}`;

// The tone of each status the schemas define (no more, no fewer): waiting on someone (warning),
// done (success), refused (danger). The words are the schemas' too (status-words.ts).
const TONES: Record<StatusKey, Tone> = {
  'contract.draft': 'neutral',
  'contract.submitted': 'warning',
  'contract.approved': 'success',
  'contract.rejected': 'danger',
  'contract.completed': 'success',
  'contract.cancelled': 'neutral',
  'invoice.received': 'info',
  'invoice.inspected': 'warning',
  'invoice.approved': 'success',
  'invoice.rejected': 'danger',
  'payment.scheduled': 'warning',
  'payment.confirmed': 'info',
  'payment.batched': 'warning',
  'payment.paid': 'success',
  'payment.failed': 'danger',
  'batch.draft': 'warning',
  'batch.approved': 'info',
  'batch.settled': 'success',
  'batch.cancelled': 'neutral',
  'vendor.active': 'success',
};

export interface StatusBadgeProps {
  kind: StatusKind;
  status: string;
  /** Overrides the word (e.g. the vendor's 支払予定日 …) while keeping the tone. */
  label?: string;
  tone?: Tone;
}

export function StatusBadge({ kind, status, label, tone }: StatusBadgeProps) {
  const resolved =
    tone ?? (TONES as Partial<Record<string, Tone>>)[`${kind}.${status}`] ?? 'neutral';
  return (
    <span className={`ui-badge ui-badge--${resolved}`}>{label ?? statusLabel(kind, status)}</span>
  );
}
