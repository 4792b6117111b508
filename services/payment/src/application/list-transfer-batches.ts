import { ok, type ListPage, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchListQuery } from '@denpyo/schemas';
import { listBatches } from '../db/transfer-batches';
import type { PaymentDeps } from './deps';

/** Staff search of transfer batches by status and transfer date; one page. */
export function makeListTransferBatches({ db }: PaymentDeps) {
  return async (query: TransferBatchListQuery): Promise<Outcome<ListPage<TransferBatch>>> =>
    ok(await listBatches(db, query));
}
