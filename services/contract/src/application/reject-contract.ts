import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract, RejectRequest } from '@denpyo/schemas';
import { changeStatus } from '../db/contracts';
import { decideReject } from '../domain/contract';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/** Rejects a submitted contract with a reason and announces ContractRejected. */
export function makeRejectContract({ uow }: ContractDeps) {
  return (id: string, { reason }: RejectRequest, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const status = decideReject(before.status);
      if (!status.ok) return status;
      const after = await changeStatus(unit.tx, id, {
        status: status.value,
        rejectedBy: unit.actor,
        rejectionReason: reason,
        at: unit.now,
      });
      unit.audit(contractAudit('contract.rejected', before, after));
      unit.publish('ContractRejected', id, { contractId: id, reason });
      return ok(after);
    });
}
