import { notFound, ok, type Outcome, type Work } from '@denpyo/platform';
import type { Contract } from '@denpyo/schemas';
import { findContract } from '../db/contracts';
import type { Tx } from '../db/prisma';

/**
 * The start of every status change: lock the contract and read it, so concurrent transitions
 * of one contract (two approvers at once, approve racing reject) run one after the other.
 */
export async function lockContract({ lock, tx }: Work<Tx>, id: string): Promise<Outcome<Contract>> {
  await lock('contracts', [id]);
  const contract = await findContract(tx, id);
  return contract ? ok(contract) : notFound('Contract', id);
}

/** The audit entry of a change to a contract. */
export function contractAudit(action: string, before: Contract | null, after: Contract) {
  return {
    action,
    entityType: 'contract',
    entityId: after.id,
    amount: after.amount,
    counterparty: after.vendorId,
    before,
    after,
  };
}
