import { randomUUID } from 'node:crypto';
import { japanToday, writeZenginTransferFile, ZenginError } from '@denpyo/jp';
import {
  appendAudit,
  buildEvent,
  conflict,
  currentUser,
  notFound,
  parseOr400,
  pgExecutor,
  PRISMA_TRANSACTION_OPTIONS,
  type AuditRecord,
  recordChange,
  requireRole,
  STAFF_ROLES,
  unprocessable,
} from '@denpyo/platform';
import {
  IdParamsSchema,
  TransferBatchCreateRequestSchema,
  type TransferBatch,
} from '@denpyo/schemas';
import { Router, type Request } from 'express';
import { bankAccountProblem } from '../domain/bank-account';
import { zenginFileName, zenginInput } from '../domain/documents';
import {
  approvalRefusal,
  batchMembershipErrors,
  batchTotal,
  settlementRefusal,
  transferDateProblem,
  zenginLimitErrors,
  zenginRefusal,
} from '../domain/transfer-batch';
import type { Tx } from '../db/client';
import {
  lockPayments,
  markBatched,
  markPaid,
  payeeAccounts,
  paymentsOfBatch,
} from '../db/payments';
import {
  findBatch,
  insertBatch,
  lockBatch,
  markApproved,
  markSettled,
} from '../db/transfer-batches';
import { findVendors } from '../db/vendors';
import { throwIfRefused, type HttpContext } from './context';

// A batch may hold thousands of payments, each locked, updated and audited in one transaction.
const BATCH_TRANSACTION = { ...PRISMA_TRANSACTION_OPTIONS, timeout: 60_000 };

export function transferBatchesRouter({ prisma, runtime, requester }: HttpContext): Router {
  const router = Router();

  router.post('/transfer-batches', requireRole('accountant'), async (req, res) => {
    const actor = currentUser(req).username;
    const { transferDate, paymentIds } = parseOr400(
      TransferBatchCreateRequestSchema,
      req.body,
      'body',
    );
    const dateProblem = transferDateProblem(transferDate, japanToday());
    if (dateProblem) {
      throw unprocessable(dateProblem, [{ path: 'transferDate', message: dateProblem }]);
    }

    const batch = await prisma.$transaction(async (tx) => {
      // Locked first: a concurrent batch naming the same payment waits, then finds it batched.
      const payments = await lockPayments(tx, paymentIds);
      const vendors = await findVendors(
        tx,
        payments.map((payment) => payment.vendorId),
      );
      const errors = [
        ...batchMembershipErrors(paymentIds, payments, (vendorId) =>
          bankAccountProblem(vendors.get(vendorId)?.bankAccount),
        ),
        ...zenginLimitErrors(paymentIds, payments),
      ];
      if (errors.length > 0) {
        throw unprocessable('These payments cannot be put in a transfer batch', errors);
      }

      const id = randomUUID();
      const total = batchTotal(payments);
      await insertBatch(tx, {
        id,
        transferDate,
        count: payments.length,
        total,
        createdBy: actor,
        createdAt: new Date(),
      });
      if ((await markBatched(tx, paymentIds, id)) !== paymentIds.length) {
        throw conflict('A payment changed while the batch was assembled; retry');
      }
      for (const payment of payments) {
        await audit(tx, req, {
          action: 'payment.batched',
          entityType: 'payment',
          entityId: payment.id,
          amount: payment.amount,
          counterparty: payment.vendorId,
          before: { status: payment.status },
          after: { status: 'batched', batchId: id },
        });
      }
      const created = await requireBatch(tx, id);
      await audit(tx, req, {
        action: 'transfer-batch.created',
        entityType: 'transfer_batch',
        entityId: id,
        amount: total,
        before: null,
        after: created,
      });
      return created;
    }, BATCH_TRANSACTION);
    res.status(201).json(batch);
  });

  router.get('/transfer-batches/:id', requireRole(...STAFF_ROLES), async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const batch = await findBatch(prisma, id);
    if (!batch) throw notFound('Transfer batch');
    res.json(batch);
  });

  router.post('/transfer-batches/:id/approve', requireRole('accountant'), async (req, res) => {
    const approver = currentUser(req).username;
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const batch = await prisma.$transaction(async (tx) => {
      const before = await lockBatch(tx, id);
      if (!before) throw notFound('Transfer batch');
      throwIfRefused(approvalRefusal(before, approver, japanToday()));
      await markApproved(tx, id, approver, new Date());
      const after = await requireBatch(tx, id);
      await audit(tx, req, {
        action: 'transfer-batch.approved',
        entityType: 'transfer_batch',
        entityId: id,
        amount: after.total,
        before,
        after,
      });
      return after;
    });
    res.json(batch);
  });

  router.get('/transfer-batches/:id/zengin', requireRole('accountant'), async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const batch = await findBatch(prisma, id);
    if (!batch) throw notFound('Transfer batch');
    throwIfRefused(zenginRefusal(batch, japanToday()));
    const file = await zenginFile(batch);
    const fileName = zenginFileName(batch.id);
    // The download itself is recorded: who took which file to the bank, when, for how much.
    await appendAudit(pgExecutor(runtime.pool), {
      actor: currentUser(req).username,
      action: 'transfer-batch.zengin-downloaded',
      entityType: 'transfer_batch',
      entityId: batch.id,
      amount: batch.total,
      after: { fileName, count: batch.count, total: batch.total, bytes: file.length },
      correlationId: req.correlationId,
    });
    res
      .status(200)
      .set('Content-Type', 'text/plain; charset=Shift_JIS')
      .set('Content-Disposition', `attachment; filename="${fileName}"`)
      .end(file);
  });

  router.post('/transfer-batches/:id/settle', requireRole('accountant'), async (req, res) => {
    const actor = currentUser(req).username;
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const batch = await prisma.$transaction(async (tx) => {
      const before = await lockBatch(tx, id);
      if (!before) throw notFound('Transfer batch');
      throwIfRefused(settlementRefusal(before));
      await markSettled(tx, id, actor, new Date());
      await markPaid(tx, id, before.transferDate);
      for (const payment of await paymentsOfBatch(tx, id)) {
        const executed = {
          paymentId: payment.id,
          invoiceId: payment.invoiceId,
          contractId: payment.contractId,
          vendorId: payment.vendorId,
          amount: payment.amount,
          transferDate: before.transferDate,
          batchId: id,
        };
        await recordChange(tx, {
          audit: auditEntry(req, {
            action: 'payment.paid',
            entityType: 'payment',
            entityId: payment.id,
            amount: payment.amount,
            counterparty: payment.vendorId,
            before: { status: 'batched' },
            after: { status: payment.status, transferDate: before.transferDate },
          }),
          events: [
            buildEvent('PaymentExecuted', payment.id, executed, {
              actor,
              correlationId: req.correlationId,
            }),
          ],
        });
      }
      const after = await requireBatch(tx, id);
      await audit(tx, req, {
        action: 'transfer-batch.settled',
        entityType: 'transfer_batch',
        entityId: id,
        amount: after.total,
        before,
        after,
      });
      return after;
    }, BATCH_TRANSACTION);
    runtime.relay.wake();
    res.json(batch);
  });

  async function zenginFile(batch: TransferBatch): Promise<Buffer> {
    const payments = await paymentsOfBatch(prisma, batch.id);
    const accounts = await payeeAccounts(prisma, batch.paymentIds);
    const items = payments.map((payment) => {
      const bankAccount = accounts.get(payment.id);
      if (!bankAccount) throw conflict(`Payment ${payment.id} has no payee account`);
      return { amount: payment.amount, bankAccount };
    });
    try {
      return writeZenginTransferFile(zenginInput(requester, batch.transferDate, items));
    } catch (error) {
      if (error instanceof ZenginError)
        throw unprocessable(`The Zengin file cannot be written: ${error.message}`);
      throw error;
    }
  }

  return router;
}

async function requireBatch(tx: Tx, id: string): Promise<TransferBatch> {
  const batch = await findBatch(tx, id);
  if (!batch) throw notFound('Transfer batch');
  return batch;
}

type AuditFields = Omit<AuditRecord, 'actor' | 'correlationId'>;

/** The audit entry of a request: the caller is the actor, the request carries the correlation. */
function auditEntry(req: Request, entry: AuditFields): AuditRecord {
  return { ...entry, actor: currentUser(req).username, correlationId: req.correlationId };
}

function audit(tx: Tx, req: Request, entry: AuditFields): Promise<void> {
  return recordChange(tx, { audit: auditEntry(req, entry) });
}
