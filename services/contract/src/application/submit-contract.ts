import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract } from '@denpyo/schemas';
import { closedFiscalYears } from '../db/closed-years';
import { changeStatus } from '../db/contracts';
import { decideSubmit } from '../domain/contract';
import { routeFor } from '../domain/delegation';
import { refuseIfClosed, refuseIfYearOver } from '../domain/fiscal-year';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/**
 * Submits a draft for approval, fixing its route from the delegation rules in force now, and
 * announces ContractSubmitted.
 */
export function makeSubmitContract({ uow, delegationRules, today }: ContractDeps) {
  return (id: string, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const status = decideSubmit(before.status);
      if (!status.ok) return status;
      const current = refuseIfYearOver(before.fiscalYear, today());
      if (!current.ok) return current;
      const open = refuseIfClosed(await closedFiscalYears(unit.tx), before.fiscalYear);
      if (!open.ok) return open;
      const after = await changeStatus(unit.tx, id, {
        status: status.value,
        submittedBy: unit.actor,
        route: routeFor(before.amount, before.kind, delegationRules),
        at: unit.now,
      });
      unit.audit(contractAudit('contract.submitted', before, after));
      unit.publish('ContractSubmitted', id, {
        contractId: id,
        vendorId: after.vendorId,
        amount: after.amount,
        submittedBy: unit.actor,
      });
      return ok(after);
    });
}
