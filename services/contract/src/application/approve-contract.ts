import { ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract, ContractApproveRequest } from '@denpyo/schemas';
import { encumber } from '../db/budgets';
import { addApproval, changeStatus } from '../db/contracts';
import { decideApproval } from '../domain/contract';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/**
 * Records one approver's sign-off. The sign-off that completes the route approves the contract,
 * encumbers its budget line and announces ContractApproved.
 */
export function makeApproveContract({ uow }: ContractDeps) {
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
          amount: before.amount,
          createdBy: before.createdBy,
          submittedBy: before.submittedBy,
          approvers: before.approvals.map((approval) => approval.approver),
        },
        unit.actor,
      );
      if (!decision.ok) return decision;
      const { step, completesRoute } = decision.value;
      await addApproval(unit.tx, id, { step, approver: unit.actor, comment, at: unit.now });
      if (!completesRoute) {
        const after = await changeStatus(unit.tx, id, { status: before.status, at: unit.now });
        unit.audit(contractAudit('contract.approvalRecorded', before, after));
        return ok(after);
      }
      // One conditional update, so of concurrent final approvals only those that still fit
      // succeed; when this one does not, the whole approval is refused and rolled back.
      const budget = { fiscalYear: before.fiscalYear, code: before.budgetCode };
      if (!(await encumber(unit.tx, budget, before.amount))) {
        return refuse(
          'unprocessable',
          "The contract amount exceeds the budget's available amount",
          [{ path: 'amount', message: "exceeds the budget's available amount" }],
        );
      }
      const after = await changeStatus(unit.tx, id, { status: 'approved', at: unit.now });
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
        approvedAt: unit.now.toISOString(),
      });
      return ok(after);
    });
}
