import { writeZenginTransferFile, ZenginError } from '@denpyo/jp';
import { notFound, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import { payeeAccounts, paymentsOfBatch } from '../db/payments';
import { findBatch } from '../db/transfer-batches';
import { zenginFileName, zenginInput } from '../domain/documents';
import { decideZenginIssue } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

export interface ZenginFile {
  content: Buffer;
  fileName: string;
}

/**
 * The 総合振込 file of an approved (or settled) batch, paying the accounts copied when it was
 * assembled. The download itself is audited: who took which file to the bank, when, for how
 * much.
 */
export function makeWriteZenginFile({ uow, requester, today }: PaymentDeps) {
  return (id: string, caller: Caller): Promise<Outcome<ZenginFile>> =>
    uow.run(caller, async ({ tx, audit }) => {
      const batch = await findBatch(tx, id);
      if (!batch) return notFound('Transfer batch', id);
      const decision = decideZenginIssue(batch, today());
      if (!decision.ok) return decision;
      const payments = await paymentsOfBatch(tx, batch.id);
      const accounts = await payeeAccounts(tx, batch.paymentIds);
      const items = payments.map((payment) => {
        const bankAccount = accounts.get(payment.id);
        // A batched payment always has its payee account (a CHECK constraint of payments).
        if (!bankAccount) throw new Error(`Payment ${payment.id} has no payee account`);
        return { amount: payment.amount, bankAccount };
      });
      let content: Buffer;
      try {
        content = writeZenginTransferFile(zenginInput(requester, batch.transferDate, items));
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
