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
  netAmount: number;
  dueDate: string;
  fiscalYear: number;
}

/**
 * Every requested payment must exist, be confirmed by a treasurer (in no batch), belong to an
 * open fiscal year (出納閉鎖, 地方自治法 Art. 235-5) and go to a vendor whose bank account is known
 * and valid. Returns one error per offending payment, at its index.
 */
export function batchMembershipErrors(
  requestedIds: readonly string[],
  found: readonly BatchCandidate[],
  accountProblemOf: (vendorId: string) => string | undefined,
  closedYears: ReadonlySet<number> = new Set(),
): FieldError[] {
  const byId = new Map(found.map((payment) => [payment.id, payment]));
  return requestedIds.flatMap((id, index) => {
    const path = `paymentIds.${index}`;
    const payment = byId.get(id);
    if (!payment) return [{ path, message: `payment ${id} does not exist` }];
    if (payment.status !== 'confirmed') {
      return [
        {
          path,
          message:
            payment.status === 'scheduled'
              ? `payment ${id} is not yet confirmed by a treasurer`
              : `payment ${id} is ${payment.status}, not confirmed`,
        },
      ];
    }
    if (closedYears.has(payment.fiscalYear)) {
      return [{ path, message: `payment ${id}: fiscal year ${payment.fiscalYear} is closed` }];
    }
    const accountProblem = accountProblemOf(payment.vendorId);
    return accountProblem ? [{ path, message: `payment ${id}: ${accountProblem}` }] : [];
  });
}

/**
 * A transfer after a payment's due date owes interest (支払遅延防止法 Art. 8), so it needs a
 * stated reason: without one, a 422 naming each late payment.
 */
export function lateTransferErrors(
  requestedIds: readonly string[],
  found: readonly Pick<BatchCandidate, 'id' | 'dueDate'>[],
  transferDate: string,
  lateReason: string | undefined,
): FieldError[] {
  if (lateReason) return [];
  const dueDateOf = new Map(found.map((payment) => [payment.id, payment.dueDate]));
  return requestedIds.flatMap((id, index) => {
    const dueDate = dueDateOf.get(id);
    return dueDate !== undefined && transferDate > dueDate
      ? [
          {
            path: `paymentIds.${index}`,
            message: `payment ${id} is due ${dueDate}, before the transfer date ${transferDate}: give a lateReason`,
          },
        ]
      : [];
  });
}

/** What the file carries: the net amounts (after withholding). */
export function batchTotal(payments: readonly { netAmount: number }[]): number {
  return payments.reduce((sum, payment) => sum + payment.netAmount, 0);
}

/** Errors for amounts a Zengin file cannot carry, so an approved batch can always be written. */
export function zenginLimitErrors(
  requestedIds: readonly string[],
  payments: readonly BatchCandidate[],
): FieldError[] {
  const amountOf = new Map(payments.map((payment) => [payment.id, payment.netAmount]));
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
 * (batchMembershipErrors), late ones only with a reason (lateTransferErrors), and within what one
 * Zengin file can carry (zenginLimitErrors), or a 422 naming each offending payment. The value is
 * the batch total.
 */
export function decideBatchMembers(
  requestedIds: readonly string[],
  found: readonly BatchCandidate[],
  accountProblemOf: (vendorId: string) => string | undefined,
  closedYears: ReadonlySet<number>,
  transfer: { transferDate: string; lateReason?: string | undefined },
): Outcome<number> {
  const errors = [
    ...batchMembershipErrors(requestedIds, found, accountProblemOf, closedYears),
    ...lateTransferErrors(requestedIds, found, transfer.transferDate, transfer.lateReason),
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
 * Four eyes: a draft batch is approved by a treasurer other than the one who created it, and
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

/** What a 振込通知書 can say of its batch: a transfer to come (振込予定日), or one done (振込日). */
export type AnnouncedBatch = 'scheduled' | 'settled';

/**
 * A vendor learns of a transfer (振込通知書) once its batch is approved, i.e. really going out;
 * after settlement the notice reports what the bank did. A draft may still change, and a
 * cancelled batch pays nothing.
 */
export function decideRemittanceNotice<Batch extends Pick<BatchState, 'status'>>(
  batch: Batch | undefined,
): Outcome<{ batch: Batch; announced: AnnouncedBatch }> {
  if (batch?.status === 'approved') return ok({ batch, announced: 'scheduled' });
  if (batch?.status === 'settled') return ok({ batch, announced: 'settled' });
  return refuse(
    'conflict',
    batch?.status === 'cancelled'
      ? 'The transfer batch was cancelled: nothing is transferred in it'
      : 'The payment is not yet in an approved transfer batch',
  );
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

/** Settlement as the bank reported it: which payments of the batch were not transferred. */
export interface SettlementInput {
  batch: OutgoingBatch & { paymentIds: readonly string[] };
  today: string;
  failures: readonly { paymentId: string; reason: string }[];
}

/**
 * Settling records what the bank did with an approved batch, once, and only from its transfer
 * date on (before it the bank has done nothing yet); the failures named must be the batch's.
 */
export function decideSettlement({ batch, today, failures }: SettlementInput): Outcome<void> {
  if (batch.status !== 'approved') {
    return refuse(
      'conflict',
      `The batch is ${batch.status}, only an approved batch can be settled`,
    );
  }
  if (today < batch.transferDate) {
    return refuse(
      'unprocessable',
      `The batch cannot be settled before its transfer date ${batch.transferDate} (today is ${today})`,
    );
  }
  const members = new Set(batch.paymentIds);
  const strangers: FieldError[] = failures.flatMap(({ paymentId }, index) =>
    members.has(paymentId)
      ? []
      : [
          {
            path: `failures.${index}.paymentId`,
            message: `payment ${paymentId} is not in this batch`,
          },
        ],
  );
  return strangers.length > 0
    ? refuse('unprocessable', 'Only payments of the batch can have failed', strangers)
    : ok(undefined);
}

/** Only a draft can be cancelled or re-dated: an approved batch is what the bank will get. */
export function decideDraftChange(
  batch: BatchState,
  change: 'cancelled' | 're-dated',
): Outcome<void> {
  return batch.status === 'draft'
    ? ok(undefined)
    : refuse('conflict', `The batch is ${batch.status}, only a draft can be ${change}`);
}

/** The fiscal years a batch's payments belong to must all be open; else 422 naming them. */
export function decideOpenYears(
  years: Iterable<number>,
  closedYears: ReadonlySet<number>,
): Outcome<void> {
  const closed = [...new Set(years)].filter((year) => closedYears.has(year)).sort();
  return closed.length > 0
    ? refuse(
        'unprocessable',
        `Fiscal year ${closed.join(', ')} is closed (出納閉鎖): nothing more is paid in it`,
      )
    : ok(undefined);
}
