import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import {
  lockContract,
  recordAmendedContract,
  recordApprovedContract,
  recordClosedContract,
  undecidedOrdersOf,
} from '../db/known-contracts';
import { CONSUMER_GROUP, SERVICE_ACTOR, type PaymentDeps } from './deps';
import { decideParkedOrders } from './schedule-payment';

type ContractEvent =
  EventOf<'ContractApproved'> | EventOf<'ContractAmended'> | EventOf<'ContractClosed'>;

/**
 * What the contract service says of a contract (approved, amended, closed), which payment
 * orders must agree with; then the orders of the contract that were waiting for it, or refused
 * only because their wait ended before it arrived, are decided.
 * The contract topic is ordered per contract, so its approval comes before its changes.
 */
export function makeRecordContract({ uow }: PaymentDeps) {
  return (event: ContractEvent): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP, actor: SERVICE_ACTOR }, async (unit) => {
      const { tx, now } = unit;
      await lockContract(tx, event.payload.contractId);
      if (event.type === 'ContractApproved') await recordApprovedContract(tx, event.payload, now);
      else if (event.type === 'ContractAmended')
        await recordAmendedContract(tx, event.payload, now);
      else await recordClosedContract(tx, event.payload, now);
      await decideParkedOrders(unit, await undecidedOrdersOf(tx, event.payload.contractId));
      return ok(undefined);
    });
}
