import { writeZenginTransferFile, ZenginError } from '@denpyo/jp';
import { notFound, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import { findBatch, itemsOfBatch } from '../db/transfer-batches';
import { zenginFileName, zenginInput } from '../domain/documents';
import { decideZenginIssue } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

export interface ZenginFile {
  content: Buffer;
  fileName: string;
}

/**
 * The 総合振込 file of an approved (or settled) batch, paying the accounts on the batch (copied
 * when it was drafted, final from its approval). The download itself is audited: who took which file to the bank, when, for how
 * much.
 */
export function makeWriteZenginFile({ uow, requester, today, zenginFile = {} }: PaymentDeps) {
  const { ediBanks, ...fileOptions } = zenginFile;
  return (id: string, caller: Caller): Promise<Outcome<ZenginFile>> =>
    uow.run(caller, async ({ tx, audit }) => {
      const batch = await findBatch(tx, id);
      if (!batch) return notFound('Transfer batch', id);
      const decision = decideZenginIssue(batch, today());
      if (!decision.ok) return decision;
      // Each transfer carries the net amount (after withholding) to the account on the batch.
      const items = (await itemsOfBatch(tx, batch.id)).map((item) => ({
        amount: item.netAmount,
        bankAccount: item.payeeAccount,
        invoiceNumber: item.invoiceNumber,
      }));
      let content: Buffer;
      try {
        content = writeZenginTransferFile(
          zenginInput(requester, batch.transferDate, items, ediBanks),
          fileOptions,
        );
      } catch (error) {
        if (!(error instanceof ZenginError)) throw error;
        return refuse('unprocessable', `The Zengin file cannot be written: ${error.message}`);
      }
      const fileName = zenginFileName(batch.id);
      audit({
        action: 'transfer-batch.zengin-downloaded',
        entityType: 'transfer_batch',
        entityId: batch.id,
        amount: batch.total,
        after: { fileName, count: batch.count, total: batch.total, bytes: content.length },
      });
      return ok({ content, fileName });
    });
}
