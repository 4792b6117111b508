import { isBankBusinessDay, MAX_FILE_TOTAL, MAX_TRANSFER_AMOUNT } from '@denpyo/jp';
import { ok, refuse, refuseField, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { PaymentStatus, TransferBatchStatus } from '@denpyo/schemas';

/**
 * Why a transfer date cannot be used, or undefined when it can: it must be a day the banks
 * execute transfers, and not before today (Japan date), as the bank rejects a back-dated file.
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

/** The transfer date a new batch asks for, or a 422 naming the field. */
export function decideTransferDate(transferDate: string, today: string): Outcome<string> {
  const problem = transferDateProblem(transferDate, today);
  return problem ? refuseField('unprocessable', 'transferDate', problem) : ok(transferDate);
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
): FieldError[] {
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
): FieldError[] {
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

/**
 * The payments a new batch may hold, checked after they are locked: all of them batchable
 * (batchMembershipErrors) and within what one Zengin file can carry (zenginLimitErrors), or a
 * 422 naming each offending payment. The value is the batch total.
 */
export function decideBatchMembers(
  requestedIds: readonly string[],
  found: readonly BatchCandidate[],
  accountProblemOf: (vendorId: string) => string | undefined,
): Outcome<number> {
  const errors = [
    ...batchMembershipErrors(requestedIds, found, accountProblemOf),
    ...zenginLimitErrors(requestedIds, found),
  ];
  return errors.length > 0
    ? refuse('unprocessable', 'These payments cannot be put in a transfer batch', errors)
    : ok(batchTotal(found));
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
export function decideApproval(
  batch: OutgoingBatch,
  approver: string,
  today: string,
): Outcome<void> {
  if (batch.createdBy === approver) {
    return refuse('forbidden', 'The creator of a transfer batch cannot approve it');
  }
  if (batch.status !== 'draft') {
    return refuse('conflict', `The batch is ${batch.status}, only a draft can be approved`);
  }
  return decideStillDatable(batch, today);
}

/** A vendor learns of a transfer (振込通知書) once its batch is approved, i.e. really going out. */
export function decideRemittanceNotice(
  payment: { status: PaymentStatus },
  batch: BatchState | undefined,
): Outcome<void> {
  if (payment.status === 'paid') return ok(undefined);
  if (payment.status === 'batched' && batch && batch.status !== 'draft') return ok(undefined);
  return refuse('conflict', 'The payment is not yet in an approved transfer batch');
}

/**
 * Only an approved batch goes to the bank, and only while its transfer date has not passed; a
 * settled one may be downloaded again for the record whatever its date.
 */
export function decideZenginIssue(batch: OutgoingBatch, today: string): Outcome<void> {
  if (batch.status === 'settled') return ok(undefined);
  if (batch.status !== 'approved') {
    return refuse('conflict', 'The batch must be approved before its Zengin file is issued');
  }
  return decideStillDatable(batch, today);
}

/** The bank rejects a file whose transfer date has passed, so none is approved or issued. */
function decideStillDatable(batch: OutgoingBatch, today: string): Outcome<void> {
  const problem = transferDateProblem(batch.transferDate, today);
  return problem
    ? refuse('unprocessable', `The batch's transfer date cannot be used: ${problem}`)
    : ok(undefined);
}

/** Settling records that the bank executed an approved batch; it happens once. */
export function decideSettlement(batch: BatchState): Outcome<void> {
  return batch.status === 'approved'
    ? ok(undefined)
    : refuse('conflict', `The batch is ${batch.status}, only an approved batch can be settled`);
}
