import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract } from '@denpyo/schemas';
import { changeStatus } from '../db/contracts';
import { decideSubmit } from '../domain/contract';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/** Submits a draft for approval and announces ContractSubmitted. */
export function makeSubmitContract({ uow }: ContractDeps) {
  return (id: string, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const status = decideSubmit(before.status);
      if (!status.ok) return status;
      const after = await changeStatus(unit.tx, id, {
        status: status.value,
        submittedBy: unit.actor,
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
