import { randomUUID } from 'node:crypto';
import {
  notFound,
  ok,
  refuse,
  refuseField,
  signatureOf,
  type Caller,
  type Outcome,
} from '@denpyo/platform';
import type {
  Amendment,
  AmendmentCreateRequest,
  AmendmentParams,
  ContractApproveRequest,
  RejectRequest,
} from '@denpyo/schemas';
import {
  addAmendmentApproval,
  decideAmendment,
  findAmendment,
  insertAmendment,
} from '../db/amendments';
import { closedFiscalYears } from '../db/closed-years';
import { amendTerms, changeStatus } from '../db/contracts';
import { planCommitments } from '../domain/commitment';
import {
  decideAmendmentDecision,
  refuseIfChangesClosedYear,
  type AmendmentState,
} from '../domain/amendment';
import { checkAmendedAmount, checkAmendment } from '../domain/contract';
import { routeFor } from '../domain/delegation';
import { checkCommitmentTerms } from '../domain/fiscal-year';
import { carryOutPlan } from './commitments';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/**
 * Proposes a change contract (変更契約) to an approved contract: its new amount (and end date,
 * and a multi-year contract's restated schedule) goes through the route the delegation rules
 * give the new amount, fixed now.
 */
export function makeRequestAmendment({ uow, delegationRules, today }: ContractDeps) {
  return (
    id: string,
    request: AmendmentCreateRequest,
    caller: Caller,
  ): Promise<Outcome<Amendment>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const contract = locked.value;
      const endDate = request.endDate ?? contract.endDate;
      const allowed = checkAmendment(contract, {
        amount: request.amount,
        openAmendment: contract.amendments.some((amendment) => amendment.status === 'submitted'),
      });
      if (!allowed.ok) return allowed;
      if (endDate < contract.startDate) {
        return refuseField('unprocessable', 'endDate', `must not be before ${contract.startDate}`);
      }
      const schedule = checkCommitmentTerms({
        fiscalYear: contract.fiscalYear,
        amount: request.amount,
        startDate: contract.startDate,
        endDate,
        schedule: request.schedule,
      });
      if (!schedule.ok) return schedule;
      const open = refuseIfChangesClosedYear(
        await closedFiscalYears(unit.tx),
        today(),
        contract.commitments,
        schedule.value,
      );
      if (!open.ok) return open;
      const amendment = await insertAmendment(unit.tx, {
        id: randomUUID(),
        contractId: id,
        amount: request.amount,
        previousAmount: contract.amount,
        endDate,
        previousEndDate: contract.endDate,
        ...(schedule.value.length > 1 ? { schedule: schedule.value } : {}),
        reason: request.reason,
        route: routeFor(request.amount, contract.kind, delegationRules),
        requestedBy: signatureOf(caller.user),
        requestedAt: unit.now,
      });
      unit.audit(amendmentAudit('contract.amendmentRequested', contract.vendorId, null, amendment));
      return ok(amendment);
    });
}

/**
 * One sign-off on an amendment's route, by the same rules as a contract's. The final one changes
 * the contract: an increase encumbers more (refused when the budget cannot take it), a decrease
 * releases but never below what is invoiced; announces ContractAmended.
 */
export function makeApproveAmendment({ uow, today }: ContractDeps) {
  return (
    params: AmendmentParams,
    { comment }: ContractApproveRequest,
    caller: Caller,
  ): Promise<Outcome<Amendment>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, params.id);
      if (!locked.ok) return locked;
      const contract = locked.value;
      const before = await findAmendment(unit.tx, params.id, params.amendmentId);
      if (!before) return notFound('Amendment', params.amendmentId);
      const decision = decideAmendmentDecision(amendmentState(before), contract, caller.user);
      if (!decision.ok) return decision;
      const { step, completesRoute } = decision.value;
      await addAmendmentApproval(unit.tx, before.id, {
        step,
        signature: signatureOf(caller.user),
        comment,
        at: unit.now,
      });
      if (!completesRoute) {
        const signed = await findAmendment(unit.tx, params.id, before.id);
        if (!signed) throw new Error(`Amendment ${before.id} vanished in its own transaction`);
        unit.audit(
          amendmentAudit('contract.amendmentApprovalRecorded', contract.vendorId, before, signed),
        );
        return ok(signed);
      }
      if (contract.status !== 'approved') {
        return refuse(
          'conflict',
          `The contract is ${contract.status}: it can no longer be amended`,
        );
      }
      const target = before.schedule ?? [
        { fiscalYear: contract.fiscalYear, amount: before.amount },
      ];
      const day = today();
      const open = refuseIfChangesClosedYear(
        await closedFiscalYears(unit.tx),
        day,
        contract.commitments,
        target,
      );
      if (!open.ok) return open;
      const floor = checkAmendedAmount(contract.invoicedAmount, before.amount);
      if (!floor.ok) return floor;
      const plan = planCommitments(contract.commitments, target, {
        firstYear: contract.fiscalYear,
        today: day,
        mode: 'commit',
      });
      const committed = await carryOutPlan(unit, contract, plan);
      if (!committed.ok) return committed;
      await amendTerms(
        unit.tx,
        contract.id,
        { amount: before.amount, endDate: before.endDate },
        unit.now,
      );
      const after = await decideAmendment(unit.tx, before.id, { status: 'approved', at: unit.now });
      const amended = await changeStatus(unit.tx, contract.id, {
        status: contract.status,
        at: unit.now,
      });
      unit.audit(contractAudit('contract.amended', contract, amended));
      unit.publish('ContractAmended', contract.id, {
        contractId: contract.id,
        amendmentId: after.id,
        amount: after.amount,
        previousAmount: contract.amount,
        endDate: after.endDate,
        approvedAt: unit.now.toISOString(),
        ...(after.schedule ? { schedule: after.schedule } : {}),
      });
      return ok(after);
    });
}

/**
 * Rejects a submitted amendment with a reason, decided by whoever may sign its next step (the
 * same rules as approval); the contract stays as it was.
 */
export function makeRejectAmendment({ uow }: ContractDeps) {
  return (
    params: AmendmentParams,
    { reason }: RejectRequest,
    caller: Caller,
  ): Promise<Outcome<Amendment>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, params.id);
      if (!locked.ok) return locked;
      const before = await findAmendment(unit.tx, params.id, params.amendmentId);
      if (!before) return notFound('Amendment', params.amendmentId);
      const decision = decideAmendmentDecision(amendmentState(before), locked.value, caller.user);
      if (!decision.ok) return decision;
      const after = await decideAmendment(unit.tx, before.id, {
        status: 'rejected',
        at: unit.now,
        rejectedBy: unit.actor,
        rejectionReason: reason,
      });
      unit.audit(
        amendmentAudit('contract.amendmentRejected', locked.value.vendorId, before, after),
      );
      return ok(after);
    });
}

function amendmentState(amendment: Amendment): AmendmentState {
  return {
    status: amendment.status,
    requestedBy: amendment.requestedBy.username,
    route: amendment.route,
    signedBy: amendment.approvals.map((approval) => approval.approver),
  };
}

function amendmentAudit(
  action: string,
  vendorId: string,
  before: Amendment | null,
  after: Amendment,
) {
  return {
    action,
    entityType: 'contract',
    entityId: after.contractId,
    amount: after.amount,
    counterparty: vendorId,
    before,
    after,
  };
}
