import { ok, type Caller, type Outcome, type Work } from '@denpyo/platform';
import type { Contract, ContractCancelRequest, Schedule } from '@denpyo/schemas';
import { changeStatus } from '../db/contracts';
import type { Tx } from '../db/prisma';
import { keepInvoiced, planCommitments } from '../domain/commitment';
import { decideCancel, decideComplete } from '../domain/contract';
import { carryOutPlan } from './commitments';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/**
 * Completes an approved contract: it keeps what has been invoiced and releases the rest of its
 * encumbrance; announces ContractClosed. No more invoices against it.
 */
export function makeCompleteContract({ uow, today }: ContractDeps) {
  return (id: string, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const released = decideComplete(before);
      if (!released.ok) return released;
      return closeContract(unit, before, {
        outcome: 'completed',
        target: keepInvoiced(before.commitments, before.invoicedAmount),
        releasedAmount: released.value,
        today: today(),
      });
    });
}

/**
 * Cancels a draft, a submitted contract, or an approved one with nothing invoiced: all of its
 * encumbrance is released; announces ContractClosed.
 */
export function makeCancelContract({ uow, today }: ContractDeps) {
  return (
    id: string,
    { reason }: ContractCancelRequest,
    caller: Caller,
  ): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const cancellable = decideCancel(before);
      if (!cancellable.ok) return cancellable;
      return closeContract(unit, before, {
        outcome: 'cancelled',
        target: before.commitments.map(({ fiscalYear }) => ({ fiscalYear, amount: 0 })),
        // Only an approved contract had committed anything.
        releasedAmount: before.status === 'approved' ? before.amount : 0,
        reason,
        today: today(),
      });
    });
}

async function closeContract(
  unit: Work<Tx>,
  before: Contract,
  close: {
    outcome: 'completed' | 'cancelled';
    target: Schedule;
    releasedAmount: number;
    reason?: string;
    today: string;
  },
): Promise<Outcome<Contract>> {
  // A year not yet encumbered (not begun, or its line short) keeps only its new amount due.
  const plan = planCommitments(before.commitments, close.target, {
    firstYear: before.fiscalYear,
    today: close.today,
    mode: 'release',
  });
  const released = await carryOutPlan(unit, before, plan);
  if (!released.ok) return released;
  const after = await changeStatus(unit.tx, before.id, {
    status: close.outcome,
    releasedAmount: close.releasedAmount,
    ...(close.reason ? { closingReason: close.reason } : {}),
    at: unit.now,
  });
  unit.audit(
    contractAudit(
      close.outcome === 'completed' ? 'contract.completed' : 'contract.cancelled',
      before,
      after,
    ),
  );
  unit.publish('ContractClosed', before.id, {
    contractId: before.id,
    outcome: close.outcome,
    releasedAmount: close.releasedAmount,
    ...(close.reason ? { reason: close.reason } : {}),
  });
  return ok(after);
}
