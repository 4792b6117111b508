import { notFound, ok, type Outcome } from '@denpyo/platform';
import type { TransferBatch } from '@denpyo/schemas';
import { findBatch } from '../db/transfer-batches';
import type { PaymentDeps } from './deps';

/** One transfer batch with its payment ids, for staff. */
export function makeGetTransferBatch({ db }: PaymentDeps) {
  return async (id: string): Promise<Outcome<TransferBatch>> => {
    const batch = await findBatch(db, id);
    return batch ? ok(batch) : notFound('Transfer batch', id);
  };
}
