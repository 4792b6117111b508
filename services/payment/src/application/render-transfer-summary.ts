import { DEFAULT_TRANSFER_DESIGNATION } from '@denpyo/jp';
import { renderTransferSummary } from '@denpyo/pdf';
import { notFound, ok, type Outcome } from '@denpyo/platform';
import { batchCreatedAt, findBatch, itemsOfBatch } from '../db/transfer-batches';
import { transferSummary } from '../domain/documents';
import { decideZenginIssue } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/**
 * 総合振込依頼書 of a batch, as a PDF: the sheet the treasurer signs and takes to the bank with
 * the Zengin file, so it is there exactly when the file is (decideZenginIssue).
 */
export function makeRenderTransferSummary({
  db,
  requester,
  cityName,
  today,
  zenginFile = {},
}: PaymentDeps) {
  return async (id: string): Promise<Outcome<Buffer>> => {
    const batch = await findBatch(db, id);
    if (!batch) return notFound('Transfer batch', id);
    const decision = decideZenginIssue(batch, today());
    if (!decision.ok) return decision;
    const [items, createdAt] = await Promise.all([itemsOfBatch(db, id), batchCreatedAt(db, id)]);
    // An issuable batch was approved: decideZenginIssue lets only approved and settled ones by.
    if (!createdAt || !batch.approvedAt) return notFound('Transfer batch', id);
    return ok(
      await renderTransferSummary(
        transferSummary({
          city: cityName,
          date: today(),
          requester,
          transferDesignation: zenginFile.transferDesignation ?? DEFAULT_TRANSFER_DESIGNATION,
          batch: { ...batch, createdAt, approvedAt: batch.approvedAt },
          items: items.map((item) => ({ amount: item.netAmount, bankAccount: item.payeeAccount })),
        }),
      ),
    );
  };
}
