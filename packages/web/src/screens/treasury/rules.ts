// The treasurer's office rules as the screens apply them before the server does (the server
// checks each again): who may confirm an order, when a batch may be settled, which payments a
// transfer date makes late, when a fiscal year may be closed. Pure, unit-tested.
import { closingPeriodEnd, mayCloseFiscalYear } from '@denpyo/jp';
import type { Signature } from '@denpyo/schemas';

/**
 * A person as a screen shows them: 表示名（職名） from the signature recorded when they acted;
 * the username only for records made before signatures existed.
 */
export function signerLabel(
  username: string | undefined,
  signature?: Pick<Signature, 'displayName' | 'title'> | undefined,
): string {
  if (signature) {
    return signature.title
      ? `${signature.displayName}（${signature.title}）`
      : signature.displayName;
  }
  return username ?? '—';
}

/**
 * Why this user may not confirm the payment order, or undefined when they may. The one who
 * ordered a payment never confirms it (地方自治法 Art. 232-4: the 会計管理者 examines what the
 * 長's delegate ordered; separation of duties).
 */
export function confirmBlock(
  payment: { status: string; orderedBy: string },
  username: string,
): 'own-order' | 'not-scheduled' | undefined {
  if (payment.status !== 'scheduled') return 'not-scheduled';
  if (payment.orderedBy === username) return 'own-order';
  return undefined;
}

/**
 * Why a batch may not be settled today, or undefined when it may: only an approved batch, and
 * only on or after its transfer date (the bank executes it that day).
 */
export function settleBlock(
  batch: { status: string; transferDate: string },
  today: string,
): 'not-approved' | 'before-transfer-date' | undefined {
  if (batch.status !== 'approved') return 'not-approved';
  if (today < batch.transferDate) return 'before-transfer-date';
  return undefined;
}

/** Why a draft batch may not be approved by this user: its creator may not (four eyes). */
export function approveBlock(
  batch: { status: string; createdBy: string },
  username: string,
): 'own-batch' | 'not-draft' | undefined {
  if (batch.status !== 'draft') return 'not-draft';
  if (batch.createdBy === username) return 'own-batch';
  return undefined;
}

/**
 * The payments a transfer date pays late: due before it (支払遅延防止法 Art. 6; a late payment
 * needs a stated reason and owes interest, Art. 8). Earliest due date first.
 */
export function lateFor<P extends { dueDate: string }>(
  payments: Iterable<P>,
  transferDate: string,
): P[] {
  return [...payments]
    .filter((payment) => payment.dueDate < transferDate)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** Days a payment is paid late: from the day after its due date to the transfer date. */
export function daysLate(dueDate: string, transferDate: string): number {
  const days =
    (Date.parse(`${transferDate}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round(days));
}

/**
 * Whether a fiscal year may be closed (出納閉鎖) on `today`: from June 1 of the next year, once
 * the 出納整理期間 has ended on May 31 (地方自治法 Art. 235-5).
 */
export function closeBlock(
  year: { fiscalYear: number; closed: boolean },
  today: string,
): 'closed' | 'closing-period' | undefined {
  if (year.closed) return 'closed';
  if (!mayCloseFiscalYear(year.fiscalYear, today)) return 'closing-period';
  return undefined;
}

/** The first day a fiscal year may be closed (June 1 of the next calendar year). */
export function closableFrom(fiscalYear: number): string {
  const end = closingPeriodEnd(fiscalYear);
  return `${end.slice(0, 4)}-06-01`;
}

/** The month before / after 'YYYY-MM'. */
export function shiftYearMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The withholding ledger's month to open first: until the 10th, last month's (its tax is due to
 * the tax office by the 10th, 所得税法 Art. 204 (1)); afterwards, this month's.
 */
export function defaultLedgerMonth(today: string): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) <= 10 ? shiftYearMonth(month, -1) : month;
}
