import { randomUUID } from 'node:crypto';
import {
  notFound,
  ok,
  signatureOf,
  type Caller,
  type ListPage,
  type Outcome,
} from '@denpyo/platform';
import type {
  BudgetTransfer,
  BudgetTransferCreateRequest,
  BudgetTransferListQuery,
  RejectRequest,
} from '@denpyo/schemas';
import { findBudgets, lockBudgets, moveBudget } from '../db/budgets';
import {
  decideBudgetTransfer,
  findBudgetTransfer,
  insertBudgetTransfer,
  listBudgetTransfers,
} from '../db/budget-transfers';
import { closedFiscalYears } from '../db/closed-years';
import { checkTransfer, decideTransferDecision } from '../domain/budget-transfer';
import { refuseIfClosed } from '../domain/fiscal-year';
import { applyBegunYears, lockContractsWithBegunYears } from './commitments';
import type { ContractDeps } from './deps';

function transferAudit(action: string, before: BudgetTransfer | null, after: BudgetTransfer) {
  return {
    action,
    entityType: 'budget',
    entityId: `${after.fiscalYear}/${after.fromCode}`,
    amount: after.amount,
    before,
    after,
  };
}

/** Requests a 流用 between 節 of the same 目, checked against the source's available amount now. */
export function makeRequestBudgetTransfer({ uow }: ContractDeps) {
  return (request: BudgetTransferCreateRequest, caller: Caller): Promise<Outcome<BudgetTransfer>> =>
    uow.run(caller, async ({ tx, now, audit }) => {
      const open = refuseIfClosed(await closedFiscalYears(tx), request.fiscalYear);
      if (!open.ok) return open;
      const lines = await lockBudgets(tx, request.fiscalYear, [request.fromCode, request.toCode]);
      const allowed = checkTransfer(request, {
        from: lines.find((line) => line.code === request.fromCode),
        to: lines.find((line) => line.code === request.toCode),
      });
      if (!allowed.ok) return allowed;
      const transfer = await insertBudgetTransfer(tx, {
        ...request,
        id: randomUUID(),
        requestedBy: signatureOf(caller.user),
        requestedAt: now,
      });
      audit(transferAudit('budget.transferRequested', null, transfer));
      return ok(transfer);
    });
}

/**
 * Approves a 流用 (an approver of the configured rank or above, not its requester). Locks, in
 * the order every use case takes them: the contracts with a year due on either line, then both
 * lines (code order); then the source's available amount is checked again and the amount moves.
 */
export function makeApproveBudgetTransfer({ uow, today, transferApproverRank }: ContractDeps) {
  return (id: string, caller: Caller): Promise<Outcome<BudgetTransfer>> =>
    uow.run(caller, async (unit) => {
      const { tx, now, lock, audit } = unit;
      await lock('budget_transfers', [id]);
      const before = await findBudgetTransfer(tx, id);
      if (!before) return notFound('Budget transfer', id);
      const allowed = decideTransferDecision(
        { status: before.status, requestedBy: before.requestedBy.username },
        caller.user,
        transferApproverRank,
      );
      if (!allowed.ok) return allowed;
      const open = refuseIfClosed(await closedFiscalYears(tx), before.fiscalYear);
      if (!open.ok) return open;
      const day = today();
      const { fiscalYear, fromCode, toCode } = before;
      const contractIds = await lockContractsWithBegunYears(unit, day, {
        fiscalYear,
        budgetCodes: [fromCode, toCode],
      });
      await lockBudgets(tx, fiscalYear, [fromCode, toCode]);
      // Commitments due on the source line come before the money that leaves it.
      await applyBegunYears(unit, day, { fiscalYear, budgetCodes: [fromCode], contractIds });
      const lines = await findBudgets(tx, fiscalYear, [fromCode, toCode]);
      const fits = checkTransfer(before, {
        from: lines.find((line) => line.code === fromCode),
        to: lines.find((line) => line.code === toCode),
      });
      if (!fits.ok) return fits;
      await moveBudget(tx, fiscalYear, before);
      const after = await decideBudgetTransfer(tx, id, {
        status: 'approved',
        by: signatureOf(caller.user),
        at: now,
      });
      audit(transferAudit('budget.transferred', before, after));
      // The target line may now take a commitment that was due on it.
      await applyBegunYears(unit, day, { fiscalYear, budgetCodes: [toCode], contractIds });
      return ok(after);
    });
}

/** Rejects a 流用 (an approver of the configured rank or above, not its requester). */
export function makeRejectBudgetTransfer({ uow, transferApproverRank }: ContractDeps) {
  return (
    id: string,
    { reason }: RejectRequest,
    caller: Caller,
  ): Promise<Outcome<BudgetTransfer>> =>
    uow.run(caller, async ({ tx, now, lock, audit }) => {
      await lock('budget_transfers', [id]);
      const before = await findBudgetTransfer(tx, id);
      if (!before) return notFound('Budget transfer', id);
      const allowed = decideTransferDecision(
        { status: before.status, requestedBy: before.requestedBy.username },
        caller.user,
        transferApproverRank,
      );
      if (!allowed.ok) return allowed;
      const after = await decideBudgetTransfer(tx, id, {
        status: 'rejected',
        by: signatureOf(caller.user),
        at: now,
        reason,
      });
      audit(transferAudit('budget.transferRejected', before, after));
      return ok(after);
    });
}

export function makeListBudgetTransfers({ db }: ContractDeps) {
  return async (query: BudgetTransferListQuery): Promise<Outcome<ListPage<BudgetTransfer>>> =>
    ok(await listBudgetTransfers(db, query));
}
