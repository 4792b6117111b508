import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { japanToday } from '@denpyo/jp';
import {
  assertCanSee,
  buildEvent,
  conflict,
  currentUser,
  forbidden,
  isUniqueViolation,
  notFound,
  parseOr400,
  requireRole,
  STAFF_ROLES,
  unprocessable,
  recordChange,
  sendCappedList,
} from '@denpyo/platform';
import {
  IdParamsSchema,
  InvoiceCreateRequestSchema,
  InvoiceListQuerySchema,
  RejectRequestSchema,
  type DomainEvent,
} from '@denpyo/schemas';
import { nextDocumentNumber } from '../db/document-numbers';
import {
  changeInvoiceStatus,
  findInvoice,
  insertInvoice,
  INVOICE_LIST_LIMIT,
  listInvoices,
  lockInvoice,
  type InvoiceStatusChange,
  type InvoiceView,
} from '../db/invoices';
import type { Db, Tx } from '../db/prisma';
import {
  findContract,
  findVendor,
  releaseContractAmount,
  reserveContractAmount,
} from '../db/projections';
import { canApply, statusesAllowing, type InvoiceAction } from '../domain/invoice-state';
import { assessInvoice, exceedsRemaining, remainingAmount } from '../domain/receipt';
import { mayIssuePaymentOrder } from '../domain/separation-of-duties';

export interface InvoicesRouterDeps {
  prisma: Db;
  /** Called after a commit that recorded an event, so the outbox relay publishes it now. */
  wakeRelay(): void;
}

/** /invoices: receipt against an approved contract, inspection, payment order, rejection, search. */
export function invoicesRouter({ prisma, wakeRelay }: InvoicesRouterDeps): Router {
  const router = Router();

  router.post('/invoices', requireRole('procurement', 'vendor'), async (req, res) => {
    const user = currentUser(req);
    const request = parseOr400(InvoiceCreateRequestSchema, req.body, 'body');
    const contract = await findContract(prisma, request.contractId);
    if (!contract) {
      throw unprocessable('The contract is unknown or not approved', [
        { path: 'contractId', message: 'no approved contract with this id' },
      ]);
    }
    const vendor = await findVendor(prisma, contract.vendorId);
    const assessment = assessInvoice(request, contract, vendor, user, japanToday());
    if (!assessment.accepted) {
      const { reason, path } = assessment;
      throw unprocessable(reason, path ? [{ path, message: reason }] : undefined);
    }
    const { receipt } = assessment;

    const invoice = await prisma.$transaction(async (tx) => {
      const duplicate = await tx.invoice.findUnique({
        where: {
          contractId_invoiceNumber: {
            contractId: request.contractId,
            invoiceNumber: request.invoiceNumber,
          },
        },
        select: { id: true },
      });
      if (duplicate) throw duplicateInvoice(request.invoiceNumber);
      if (!(await reserveContractAmount(tx, contract.contractId, receipt.total))) {
        const current = await findContract(tx, contract.contractId);
        throw unprocessable(
          exceedsRemaining(receipt.total, current ? remainingAmount(current) : 0),
        );
      }
      const created = await insertInvoice(tx, {
        id: randomUUID(),
        documentNumber: await nextDocumentNumber(tx, 'IV', contract.fiscalYear),
        vendorId: contract.vendorId,
        createdBy: user.username,
        request,
        receipt,
      }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? duplicateInvoice(request.invoiceNumber) : error;
      });
      await recordChange(tx, {
        audit: auditOf(req, 'invoice.received', null, created),
        events: [
          buildEvent(
            'InvoiceReceived',
            created.id,
            {
              invoiceId: created.id,
              contractId: created.contractId,
              vendorId: created.vendorId,
              invoiceNumber: created.invoiceNumber,
              total: created.total,
              receivedOn: created.receivedOn,
              dueDate: created.dueDate,
            },
            eventContext(req),
          ),
        ],
      });
      return created;
    });
    wakeRelay();
    res.status(201).location(`/api/invoices/${invoice.id}`).json(invoice);
  });

  router.get('/invoices', requireRole(...STAFF_ROLES), async (req, res) => {
    const query = parseOr400(InvoiceListQuerySchema, req.query, 'query');
    sendCappedList(res, await listInvoices(prisma, query), INVOICE_LIST_LIMIT);
  });

  router.get('/invoices/:id', requireRole(...STAFF_ROLES, 'vendor'), async (req, res) => {
    const invoice = await findInvoiceOr404(prisma, req.params);
    assertCanSee(currentUser(req), invoice.vendorId);
    res.json(invoice);
  });

  router.post('/invoices/:id/inspect', requireRole('procurement'), async (req, res) => {
    const invoice = await transition(req, 'inspect', async (_tx, _before, by, at) => ({
      change: { action: 'inspect', by, at },
      event: (after) =>
        buildEvent(
          'InvoiceInspected',
          after.id,
          { invoiceId: after.id, contractId: after.contractId, inspectedBy: by },
          eventContext(req),
        ),
    }));
    res.json(invoice);
  });

  router.post('/invoices/:id/approve', requireRole('accountant'), async (req, res) => {
    const invoice = await transition(req, 'approve', async (tx, before, by, at) => {
      if (
        !mayIssuePaymentOrder(by, {
          createdBy: before.createdBy,
          inspectedBy: before.inspectedBy ?? null,
        })
      ) {
        throw forbidden('Whoever received or inspected an invoice may not issue its payment order');
      }
      const contract = await findContract(tx, before.contractId);
      // The invoices table references the contract, so it is always there.
      if (!contract)
        throw new Error(`Contract ${before.contractId} of invoice ${before.id} is missing`);
      const paymentOrderNumber = await nextDocumentNumber(tx, 'PO', contract.fiscalYear);
      return {
        change: { action: 'approve', by, at, paymentOrderNumber },
        event: (after) =>
          buildEvent(
            'PaymentOrdered',
            after.id,
            {
              invoiceId: after.id,
              contractId: after.contractId,
              vendorId: after.vendorId,
              invoiceNumber: after.invoiceNumber,
              amount: after.total,
              dueDate: after.dueDate,
              orderedBy: by,
              documentNumber: paymentOrderNumber,
            },
            eventContext(req),
          ),
      };
    });
    res.json(invoice);
  });

  router.post(
    '/invoices/:id/reject',
    requireRole('procurement', 'accountant'),
    async (req, res) => {
      const { reason } = parseOr400(RejectRequestSchema, req.body, 'body');
      const invoice = await transition(req, 'reject', async (tx, before, by, at) => {
        await releaseContractAmount(tx, before.contractId, before.total);
        return {
          change: { action: 'reject', by, at, reason },
          event: (after) =>
            buildEvent(
              'InvoiceRejected',
              after.id,
              { invoiceId: after.id, contractId: after.contractId, total: after.total, reason },
              eventContext(req),
            ),
        };
      });
      res.json(invoice);
    },
  );

  interface TransitionPlan<A extends InvoiceAction> {
    change: Extract<InvoiceStatusChange, { action: A }>;
    event(after: InvoiceView): DomainEvent;
  }

  /**
   * One status change: lock the invoice, check the state machine (409 otherwise), apply the
   * action's own effects, then write the change, its audit entry and its event together.
   */
  async function transition<A extends InvoiceAction>(
    req: Request,
    action: A,
    plan: (
      tx: Tx,
      before: InvoiceView,
      by: string,
      at: Date,
    ) => Promise<TransitionPlan<NoInfer<A>>>,
  ): Promise<InvoiceView> {
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const by = currentUser(req).username;
    const after = await prisma.$transaction(async (tx) => {
      const before = await lockInvoice(tx, id);
      if (!before) throw notFound(`Invoice ${id}`);
      if (!canApply(action, before.status)) {
        throw conflict(
          `The invoice is ${before.status}; ${action} needs it to be ${statusesAllowing(action).join(' or ')}`,
        );
      }
      const { change, event } = await plan(tx, before, by, new Date());
      const changed = await changeInvoiceStatus(tx, id, change);
      await recordChange(tx, {
        audit: auditOf(req, `invoice.${changed.status}`, before, changed),
        events: [event(changed)],
      });
      return changed;
    });
    wakeRelay();
    return after;
  }

  return router;
}

export async function findInvoiceOr404(prisma: Db, params: unknown): Promise<InvoiceView> {
  const { id } = parseOr400(IdParamsSchema, params, 'path');
  const invoice = await findInvoice(prisma, id);
  if (!invoice) throw notFound(`Invoice ${id}`);
  return invoice;
}

function duplicateInvoice(invoiceNumber: string) {
  return conflict(`Invoice number ${invoiceNumber} was already received for this contract`);
}

function eventContext(req: Request) {
  return { actor: currentUser(req).username, correlationId: req.correlationId };
}

function auditOf(req: Request, action: string, before: InvoiceView | null, after: InvoiceView) {
  return {
    actor: currentUser(req).username,
    action,
    entityType: 'invoice',
    entityId: after.id,
    amount: after.total,
    counterparty: after.vendorId,
    before,
    after,
    correlationId: req.correlationId,
  };
}
