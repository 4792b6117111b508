import {
  daysLate,
  fiscalYearOf,
  lateInterest,
  lateInterestRateOn,
  paymentDueDate,
  type LateInterestRate,
} from '@denpyo/jp';
import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import type { BankAccount, LateInterestBasis, PaymentStatus } from '@denpyo/schemas';

export interface ConfirmCandidate {
  status: PaymentStatus;
  orderedBy: string;
  fiscalYear: number;
}

/**
 * The 会計管理者's examination of a payment order (地方自治法 Art. 232-4): never by the one who
 * ordered it (Art. 170's separation of ordering and paying), once, and only in an open year.
 */
export function decideConfirmation(
  payment: ConfirmCandidate,
  confirmer: string,
  closedYears: ReadonlySet<number>,
): Outcome<void> {
  if (payment.orderedBy === confirmer) {
    return refuse('forbidden', 'The user who ordered a payment cannot confirm it');
  }
  if (payment.status !== 'scheduled') {
    return refuse(
      'conflict',
      `The payment is ${payment.status}, only a scheduled one is confirmed`,
    );
  }
  if (closedYears.has(payment.fiscalYear)) {
    return refuse(
      'unprocessable',
      `Fiscal year ${payment.fiscalYear} is closed (出納閉鎖): its payments cannot be confirmed`,
    );
  }
  return ok(undefined);
}

const sameAccount = (a: BankAccount, b: BankAccount) =>
  a.bankCode === b.bankCode &&
  a.branchCode === b.branchCode &&
  a.type === b.type &&
  a.number === b.number &&
  a.holderKana === b.holderKana;

/**
 * A failed transfer is paid again once the vendor's account has been corrected (a change
 * approved under four eyes), so the same refusal does not repeat; if the account is still the
 * one the bank refused, only when the treasurer states it was checked (`sameAccount`).
 */
export function decideRetry(
  payment: { status: PaymentStatus },
  refusedAccount: BankAccount | undefined,
  currentAccount: BankAccount | undefined,
  confirmedSameAccount: boolean,
): Outcome<void> {
  if (payment.status !== 'failed') {
    return refuse('conflict', `The payment is ${payment.status}, only a failed one is retried`);
  }
  const unchanged =
    !currentAccount || !refusedAccount || sameAccount(refusedAccount, currentAccount);
  if (unchanged && !confirmedSameAccount) {
    return refuse(
      'unprocessable',
      "The vendor's bank account has not changed since the bank refused the transfer: correct it first, or confirm with sameAccount: true that it is right",
      [{ path: 'sameAccount', message: 'the account is the one the bank refused' }],
    );
  }
  return ok(undefined);
}

export interface PaidPayment {
  id: string;
  kind: 'invoice' | 'late-interest';
  amount: number;
  dueDate: string;
  /** Absent on orders from before v2: the rate of the due date is used then. */
  contractConcludedOn?: string | undefined;
}

export interface LateInterestOrder {
  amount: number;
  dueDate: string;
  fiscalYear: number;
  basis: LateInterestBasis;
}

/**
 * The interest a payment paid on `paidOn` owes (支払遅延防止法 Art. 8), or undefined when none:
 * on time, under ¥100, or itself an interest payment (interest is not charged on interest).
 * The rate is the one in force when the contract was concluded. The interest is a new claim
 * arising on the payment day: it is due 30 days later (Art. 6, on the previous bank business
 * day) and borne by the fiscal year of that day.
 */
export function lateInterestOrder(
  payment: PaidPayment,
  paidOn: string,
  rates: readonly LateInterestRate[],
): LateInterestOrder | undefined {
  if (payment.kind !== 'invoice') return undefined;
  const days = daysLate(payment.dueDate, paidOn);
  if (days === 0) return undefined;
  const rateDay = payment.contractConcludedOn ?? payment.dueDate;
  const rate = lateInterestRateOn(rates, rateDay);
  if (!rate) throw new RangeError(`No late-interest rate is configured for ${rateDay}`);
  const amount = lateInterest(payment.amount, rate.percent, days);
  if (amount === 0) return undefined;
  return {
    amount,
    dueDate: paymentDueDate(paidOn),
    fiscalYear: fiscalYearOf(paidOn),
    basis: {
      paymentId: payment.id,
      principal: payment.amount,
      dueDate: payment.dueDate,
      paidOn,
      days,
      ratePercent: rate.percent,
    },
  };
}
