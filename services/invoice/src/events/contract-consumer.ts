import {
  eventConsumer,
  prismaExecutor,
  recordInbox,
  type ConsumerDefinition,
} from '@denpyo/platform';
import { TOPICS, type DomainEvent } from '@denpyo/schemas';
import { projectApprovedContract, projectVendor } from '../db/projections';
import type { Db, Tx } from '../db/prisma';

export const CONSUMER_GROUP = 'invoice-service';

/** Keeps the vendor and approved-contract projections from the contract service's topic. */
export function contractTopicConsumer(prisma: Db): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract], {
    VendorRegistered: (event) =>
      handleOnce(prisma, event, (tx) => projectVendor(tx, event.payload)),
    ContractApproved: (event) =>
      handleOnce(prisma, event, (tx) => projectApprovedContract(tx, event.payload)),
  });
}

/**
 * Applies `effect` once per event id: the inbox mark and the effect commit together, so a
 * redelivery after a commit is skipped and a failure halfway leaves neither behind.
 */
export async function handleOnce(
  prisma: Db,
  event: DomainEvent,
  effect: (tx: Tx) => Promise<void>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const first = await recordInbox(prismaExecutor(tx), CONSUMER_GROUP, event.id, event.type);
    if (first) await effect(tx);
  });
}
