import { isBankBusinessDay, MAX_FILE_TOTAL, MAX_TRANSFER_AMOUNT } from '@denpyo/jp';
import type { PaymentStatus, TransferBatchStatus } from '@denpyo/schemas';

/** Why a request is refused, in terms the HTTP layer maps to a status code. */
export type Refusal =
  | { kind: 'forbidden'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'unprocessable'; message: string; errors?: { path: string; message: string }[] };

/**
 * A transfer date must be a day the banks execute transfers, and not before today (Japan date):
 * a file dated in the past is rejected by the bank.
 */
export function transferDateProblem(transferDate: string, today: string): string | undefined {
  if (transferDate < today) return `${transferDate} is in the past (today is ${today})`;
  let businessDay: boolean;
  try {
    businessDay = isBankBusinessDay(transferDate);
  } catch (error) {
    // Outside the years the holiday calendar covers: we cannot tell, so we refuse.
    return (error as Error).message;
  }
  return businessDay
    ? undefined
    : `${transferDate} is not a bank business day (weekend, holiday or year end)`;
}

export interface BatchCandidate {
  id: string;
  status: PaymentStatus;
  vendorId: string;
  amount: number;
}

/**
 * Every requested payment must exist, be scheduled (in no other batch) and go to a vendor whose
 * bank account is known and valid. Returns one error per offending payment, at its index.
 */
export function batchMembershipErrors(
  requestedIds: readonly string[],
  found: readonly BatchCandidate[],
  accountProblemOf: (vendorId: string) => string | undefined,
): { path: string; message: string }[] {
  const byId = new Map(found.map((payment) => [payment.id, payment]));
  return requestedIds.flatMap((id, index) => {
    const path = `paymentIds.${index}`;
    const payment = byId.get(id);
    if (!payment) return [{ path, message: `payment ${id} does not exist` }];
    if (payment.status !== 'scheduled') {
      return [{ path, message: `payment ${id} is ${payment.status}, not scheduled` }];
    }
    const accountProblem = accountProblemOf(payment.vendorId);
    return accountProblem ? [{ path, message: `payment ${id}: ${accountProblem}` }] : [];
  });
}

export function batchTotal(payments: readonly { amount: number }[]): number {
  return payments.reduce((sum, payment) => sum + payment.amount, 0);
}

/** Errors for amounts a Zengin file cannot carry, so an approved batch can always be written. */
export function zenginLimitErrors(
  requestedIds: readonly string[],
  payments: readonly BatchCandidate[],
): { path: string; message: string }[] {
  const amountOf = new Map(payments.map((payment) => [payment.id, payment.amount]));
  const tooLarge = requestedIds.flatMap((id, index) =>
    (amountOf.get(id) ?? 0) > MAX_TRANSFER_AMOUNT
      ? [
          {
            path: `paymentIds.${index}`,
            message: `payment ${id} exceeds ${MAX_TRANSFER_AMOUNT} yen, the most one transfer can carry`,
          },
        ]
      : [],
  );
  const total = batchTotal(payments);
  return total > MAX_FILE_TOTAL
    ? [
        ...tooLarge,
        {
          path: 'paymentIds',
          message: `the total ${total} exceeds ${MAX_FILE_TOTAL} yen, the most one file can carry`,
        },
      ]
    : tooLarge;
}

export interface BatchState {
  status: TransferBatchStatus;
  createdBy: string;
}

/** A batch about to go to the bank: its transfer date must still be one the bank accepts. */
export interface OutgoingBatch extends BatchState {
  transferDate: string;
}

/**
 * Four eyes: a draft batch is approved by an accountant other than the one who created it, and
 * only while its transfer date has not passed (the bank rejects a back-dated file).
 */
export function approvalRefusal(
  batch: OutgoingBatch,
  approver: string,
  today: string,
): Refusal | undefined {
  if (batch.createdBy === approver) {
    return { kind: 'forbidden', message: 'The creator of a transfer batch cannot approve it' };
  }
  if (batch.status !== 'draft') {
    return {
      kind: 'conflict',
      message: `The batch is ${batch.status}, only a draft can be approved`,
    };
  }
  return staleTransferDate(batch, today);
}

/** A vendor learns of a transfer (振込通知書) once its batch is approved, i.e. really going out. */
export function remittanceRefusal(
  payment: { status: PaymentStatus },
  batch: BatchState | undefined,
): Refusal | undefined {
  if (payment.status === 'paid') return undefined;
  if (payment.status === 'batched' && batch && batch.status !== 'draft') return undefined;
  return { kind: 'conflict', message: 'The payment is not yet in an approved transfer batch' };
}

/**
 * Only an approved batch goes to the bank, and only while its transfer date has not passed; a
 * settled one may be downloaded again for the record whatever its date.
 */
export function zenginRefusal(batch: OutgoingBatch, today: string): Refusal | undefined {
  if (batch.status === 'settled') return undefined;
  if (batch.status !== 'approved') {
    return {
      kind: 'conflict',
      message: 'The batch must be approved before its Zengin file is issued',
    };
  }
  return staleTransferDate(batch, today);
}

/** The bank rejects a file whose transfer date has passed, so none is approved or issued. */
function staleTransferDate(batch: OutgoingBatch, today: string): Refusal | undefined {
  const problem = transferDateProblem(batch.transferDate, today);
  return problem
    ? { kind: 'unprocessable', message: `The batch's transfer date cannot be used: ${problem}` }
    : undefined;
}

/** Settling records that the bank executed an approved batch; it happens once. */
export function settlementRefusal(batch: BatchState): Refusal | undefined {
  return batch.status === 'approved'
    ? undefined
    : {
        kind: 'conflict',
        message: `The batch is ${batch.status}, only an approved batch can be settled`,
      };
}
