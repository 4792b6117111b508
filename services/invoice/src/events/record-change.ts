import { appendAudit, prismaExecutor, recordEvent, type AuditRecord } from '@denpyo/platform';
import type { DomainEvent } from '@denpyo/schemas';
import type { Tx } from '../db/prisma';

/**
 * The audit entry and the published event of a state change, written in the change's own
 * transaction: both exist iff the change commits. Wake the outbox relay after the commit.
 */
export async function recordChange(
  tx: Tx,
  change: { audit: AuditRecord; event: DomainEvent },
): Promise<void> {
  const sql = prismaExecutor(tx);
  await appendAudit(sql, change.audit);
  await recordEvent(sql, change.event);
}
