import { hasMessage, t } from '../i18n';

export type StatusKind = 'contract' | 'invoice' | 'payment' | 'batch' | 'vendor';
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

// The tone of each status: waiting on someone (warning), done (success), refused (danger).
const TONES: Record<string, Tone> = {
  'contract.draft': 'neutral',
  'contract.submitted': 'warning',
  'contract.approved': 'success',
  'contract.rejected': 'danger',
  'invoice.received': 'info',
  'invoice.inspected': 'warning',
  'invoice.approved': 'success',
  'invoice.rejected': 'danger',
  'payment.scheduled': 'info',
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

/** The Japanese word for a status (受付済, 承認待ち, …); unknown statuses are shown as sent. */
export function statusLabel(kind: StatusKind, status: string): string {
  const key = `status.${kind}.${status}`;
  return hasMessage(key) ? t(key) : status;
}

export interface StatusBadgeProps {
  kind: StatusKind;
  status: string;
  /** Overrides the word (e.g. the vendor's 支払予定日 …) while keeping the tone. */
  label?: string;
  tone?: Tone;
}

export function StatusBadge({ kind, status, label, tone }: StatusBadgeProps) {
  const resolved = tone ?? TONES[`${kind}.${status}`] ?? 'neutral';
  return (
    <span className={`ui-badge ui-badge--${resolved}`}>{label ?? statusLabel(kind, status)}</span>
  );
}
