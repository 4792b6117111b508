import { deadLetterMessage, ok, RefusedEvent, type BusMessage } from '@denpyo/platform';
import { eventTopic } from '@denpyo/schemas';
import {
  contractsWithExpiredOrders,
  expiredOrdersOf,
  lockContract,
  markDeadLettered,
  undeadLetteredOrders,
} from '../db/known-contracts';
import { DEFAULT_ORDER_WAIT_SECONDS, SERVICE_ACTOR, type PaymentDeps } from './deps';
import { decideParkedOrders } from './schedule-payment';

const BATCH = 100;

export interface SettledParkedOrders {
  /** Waiting orders whose time ran out: scheduled if they agree by now, else refused. */
  expired: number;
  /** Refused orders sent to the dead-letter topic. */
  deadLettered: number;
}

/**
 * Ends the wait of parked payment orders (PAYMENT_ORDER_WAIT_SECONDS, bounded so nothing waits
 * unseen for ever): an order whose contract never came, or never grew enough, is refused and
 * audited, yet judged again if a later event of its contract arrives (recordContract). Then
 * every refused order not yet on the dead-letter topic is published there with the reason
 * (x-refusal-reason), and marked; if the publish fails, the next run sends it again.
 */
export function makeSettleParkedOrders({
  uow,
  deadLetters,
  orderWaitSeconds = DEFAULT_ORDER_WAIT_SECONDS,
}: PaymentDeps) {
  return async (): Promise<SettledParkedOrders> => {
    const expired = await uow.runAs(SERVICE_ACTOR, async (unit) => {
      const cutoff = new Date(unit.now.getTime() - orderWaitSeconds * 1000);
      // Their contracts locked first (in id order), as the consumer's use cases lock theirs.
      const contracts = (await contractsWithExpiredOrders(unit.tx, cutoff, BATCH)).sort();
      for (const contractId of contracts) await lockContract(unit.tx, contractId);
      const orders = await expiredOrdersOf(unit.tx, contracts, cutoff);
      await decideParkedOrders(unit, orders, orderWaitSeconds);
      return ok(orders.length);
    });
    let deadLettered = 0;
    if (deadLetters) {
      const found = await uow.runAs(SERVICE_ACTOR, async ({ tx }) =>
        ok(await undeadLetteredOrders(tx, BATCH)),
      );
      const refused = found.ok ? found.value : [];
      if (refused.length > 0) {
        const topic = eventTopic('PaymentOrdered');
        const messages: BusMessage[] = refused.map((parked) =>
          deadLetterMessage(
            { topic, key: parked.envelope.aggregateId, value: JSON.stringify(parked.envelope) },
            new RefusedEvent(`PaymentOrdered ${parked.eventId} refused: ${parked.reason}`),
            1,
          ),
        );
        await deadLetters.publish(messages);
        await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) => {
          await markDeadLettered(
            tx,
            refused.map((parked) => parked.eventId),
            now,
          );
          return ok(undefined);
        });
        deadLettered = refused.length;
      }
    }
    return { expired: expired.ok ? expired.value : 0, deadLettered };
  };
}
