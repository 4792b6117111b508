import { appendAudit, prismaExecutor, recordEvent, type AuditRecord } from '@denpyo/platform';
import type { DomainEvent } from '@denpyo/schemas';
import type { Prisma } from '../generated/prisma/client';

export interface Change {
  audit: AuditRecord;
  /** Published by the outbox relay once the transaction commits. */
  events?: DomainEvent[];
}

/** The audit entry and outbox rows of a state change, written in the change's own transaction. */
export async function recordChange(tx: Prisma.TransactionClient, change: Change): Promise<void> {
  const executor = prismaExecutor(tx);
  await appendAudit(executor, change.audit);
  for (const event of change.events ?? []) await recordEvent(executor, event);
}
