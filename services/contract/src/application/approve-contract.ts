import { ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract, ContractApproveRequest } from '@denpyo/schemas';
import { findBudget } from '../db/budgets';
import { closedFiscalYears } from '../db/closed-years';
import { addApproval, changeStatus, recordBudgetAtCommitment } from '../db/contracts';
import { budgetAtCommitment } from '../domain/budget-at-commitment';
import { budgetLineName } from '../domain/contract-voucher';
import { planCommitments, scheduleOf } from '../domain/commitment';
import { decideApproval } from '../domain/contract';
import { refuseIfClosed, refuseIfYearOver } from '../domain/fiscal-year';
import { carryOutPlan } from './commitments';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/**
 * Records one approver's sign-off on the route fixed at submission. The sign-off that completes
 * the route concludes the contract (契約締結日 = today), encumbers its first fiscal year's amount
 * (and any later year already begun), records the budget line's figures as the commitment found
 * them (for the voucher) and announces ContractApproved.
 */
export function makeApproveContract({ uow, today }: ContractDeps) {
  return (
    id: string,
    { comment }: ContractApproveRequest,
    caller: Caller,
  ): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const decision = decideApproval(
        {
          status: before.status,
          createdBy: before.createdBy,
          submittedBy: before.submittedBy,
          route: before.route,
          approvers: before.approvals.map((approval) => approval.approver),
        },
        caller.user,
      );
      if (!decision.ok) return decision;
      const concludedOn = today();
      const current = refuseIfYearOver(before.fiscalYear, concludedOn);
      if (!current.ok) return current;
      const open = refuseIfClosed(await closedFiscalYears(unit.tx), before.fiscalYear);
      if (!open.ok) return open;
      const { step, completesRoute } = decision.value;
      const signature = signatureOf(caller.user);
      await addApproval(unit.tx, id, { step, signature, comment, at: unit.now });
      if (!completesRoute) {
        const after = await changeStatus(unit.tx, id, { status: before.status, at: unit.now });
        unit.audit(contractAudit('contract.approvalRecorded', before, after));
        return ok(after);
      }
      const plan = planCommitments(before.commitments, scheduleOf(before.commitments), {
        firstYear: before.fiscalYear,
        today: concludedOn,
        mode: 'commit',
      });
      const committed = await carryOutPlan(unit, before, plan);
      if (!committed.ok) return committed;
      // Read after the commitment's UPDATE: this transaction holds the line's row lock.
      const line = await findBudget(unit.tx, {
        fiscalYear: before.fiscalYear,
        code: before.budgetCode,
      });
      if (!line) throw new Error(`Budget line ${before.budgetCode} of contract ${id} is missing`);
      await recordBudgetAtCommitment(unit.tx, id, budgetAtCommitment(line, committed.value));
      const after = await changeStatus(unit.tx, id, {
        status: 'approved',
        concludedOn,
        at: unit.now,
      });
      unit.audit(contractAudit('contract.approved', before, after));
      unit.publish('ContractApproved', id, {
        contractId: id,
        documentNumber: after.documentNumber,
        vendorId: after.vendorId,
        title: after.title,
        amount: after.amount,
        taxRate: after.taxRate,
        fiscalYear: after.fiscalYear,
        budgetCode: after.budgetCode,
        budgetName: budgetLineName(line),
        approvedAt: unit.now.toISOString(),
        kind: after.kind,
        ...(after.method ? { method: after.method } : {}),
        concludedOn,
        ...(after.schedule ? { schedule: after.schedule } : {}),
      });
      return ok(after);
    });
}
