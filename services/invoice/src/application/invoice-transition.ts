import { notFound, ok, type Outcome, type Work } from '@denpyo/platform';
import { findInvoice, type InvoiceRecord } from '../db/invoices';
import type { Tx } from '../db/prisma';
import { decideTransition, type InvoiceAction } from '../domain/invoice-state';

/**
 * The start of every status change: lock the invoice, read it, and let the state table decide
 * whether `action` may happen now (409 otherwise).
 */
export async function lockForTransition(
  { lock, tx }: Work<Tx>,
  id: string,
  action: InvoiceAction,
): Promise<Outcome<InvoiceRecord>> {
  await lock('invoices', [id]);
  const before = await findInvoice(tx, id);
  if (!before) return notFound('Invoice', id);
  const decision = decideTransition(action, before.status);
  return decision.ok ? ok(before) : decision;
}

/** The audit entry of a status change. */
export function statusAudit(before: InvoiceRecord, after: InvoiceRecord) {
  return {
    action: `invoice.${after.status}`,
    entityType: 'invoice',
    entityId: after.id,
    amount: after.total,
    counterparty: after.vendorId,
    before,
    after,
  };
}
