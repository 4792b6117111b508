import { eventBusOf, eventually } from '@denpyo/platform/testing';
import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  createPrismaClient,
  createUnitOfWork,
  type RunningService,
  type UnitOfWork,
} from '@denpyo/platform';
import { TOPICS, type DomainEvent, type EventOf } from '@denpyo/schemas';
import request from 'supertest';
import { CONSUMER_GROUP } from '../src/application';
import { addInvoicedAmount } from '../src/db/contracts';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import {
  approve,
  as,
  contractRequest,
  createBudget,
  createSubmittedContract,
  createVendor,
  startContractService,
} from './support';

describe('consumers of invoice and payment events', () => {
  let service: RunningService;
  let prisma: Db;
  let uow: UnitOfWork<Tx>;
  let vendorId: string;
  beforeAll(async () => {
    service = await startContractService();
    prisma = createPrismaClient(PrismaClient, service.runtime);
    uow = createUnitOfWork<Tx>(prisma);
    vendorId = await createVendor(service);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await service.stop();
  });

  const context = { actor: 'invoice-service', correlationId: 'test' };

  async function approvedContract(amount: number) {
    const budgetCode = await createBudget(service, 10_000_000);
    const id = await createSubmittedContract(service, { vendorId, budgetCode, amount });
    expect((await approve(service, id, 'approver-a')).status).toBe(200);
    return { id, budgetCode };
  }

  /** Publishes on the service's own bus, keyed by contract so the messages keep their order. */
  const deliver = (topic: string, contractId: string, ...events: DomainEvent[]) =>
    eventBusOf(service).publish(
      events.map((event) => ({ topic, key: contractId, value: JSON.stringify(event) })),
    );

  const contract = async (id: string) =>
    (
      await request(service.app)
        .get(`/api/contracts/${id}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;
  const budget = async (code: string, fiscalYear = 2026) =>
    (
      await request(service.app)
        .get(`/api/budgets/${fiscalYear}/${code}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;

  const invoiceReceived = (contractId: string, total: number) =>
    buildEvent(
      'InvoiceReceived',
      randomUUID(),
      {
        invoiceId: randomUUID(),
        contractId,
        vendorId,
        invoiceNumber: `INV-${total}`,
        total,
        receivedOn: '2026-07-01',
        dueDate: '2026-07-31',
      },
      context,
    );

  it('adds received invoices once each, even when an event is delivered twice', async () => {
    const { id } = await approvedContract(500_000);
    const first = invoiceReceived(id, 100_000);
    const last = invoiceReceived(id, 1);
    await deliver(TOPICS.invoice, id, first, first, last);
    // `last` is handled after both copies of `first` (same key, same partition).
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 100_001 }),
    );
    expect(await contract(id)).toMatchObject({ remainingAmount: 399_999 });
    await deliver(TOPICS.invoice, id, first, last);
    const sentinel = invoiceReceived(id, 10);
    await deliver(TOPICS.invoice, id, sentinel);
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 100_011 }),
    );
  });

  it('releases a rejected invoice once', async () => {
    const { id } = await approvedContract(500_000);
    const received = invoiceReceived(id, 200_000);
    const rejected = buildEvent(
      'InvoiceRejected',
      received.aggregateId,
      { invoiceId: received.payload.invoiceId, contractId: id, total: 200_000, reason: '金額誤り' },
      context,
    );
    const sentinel = invoiceReceived(id, 7);
    await deliver(TOPICS.invoice, id, received, rejected, rejected, sentinel);
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 7, remainingAmount: 499_993 }),
    );
  });

  const invoiceCredited = (received: EventOf<'InvoiceReceived'>, total: number) =>
    buildEvent(
      'InvoiceCredited',
      received.aggregateId,
      {
        invoiceId: received.payload.invoiceId,
        contractId: received.payload.contractId,
        vendorId,
        creditNoteId: randomUUID(),
        creditNoteNumber: `CN-${total}`,
        creditedTotal: total,
      },
      context,
    );

  it('takes a credit note off the invoiced amount once, even when it is delivered twice', async () => {
    const { id } = await approvedContract(500_000);
    const received = invoiceReceived(id, 110_000);
    const credited = invoiceCredited(received, 22_000);
    const sentinel = invoiceReceived(id, 3);
    await deliver(TOPICS.invoice, id, received, credited, credited, sentinel);
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 88_003 }),
    );
    expect(await contract(id)).toMatchObject({ remainingAmount: 411_997 });
    // A redelivery after the fact changes nothing either.
    const later = invoiceReceived(id, 4);
    await deliver(TOPICS.invoice, id, credited, later);
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 88_007 }),
    );
    const { rows } = await service.runtime.pool.query(
      `SELECT amount::text FROM audit_log WHERE action = 'contract.invoiceCredited' AND entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ amount: '22000' }]);
  });

  it('releases a credited then rejected invoice only by what it still counted', async () => {
    const { id } = await approvedContract(500_000);
    const received = invoiceReceived(id, 110_000);
    const credited = invoiceCredited(received, 22_000);
    const rejected = buildEvent(
      'InvoiceRejected',
      received.aggregateId,
      {
        invoiceId: received.payload.invoiceId,
        contractId: id,
        total: 110_000,
        reason: '全額返還',
        payableTotal: 88_000,
      },
      context,
    );
    const sentinel = invoiceReceived(id, 5);
    await deliver(TOPICS.invoice, id, received, credited, rejected, rejected, credited, sentinel);
    // Back where it was before the invoice, plus the sentinel.
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 5, remainingAmount: 499_995 }),
    );
  });

  it('adds an executed payment to the contract and to the budget line spent, once', async () => {
    const { id, budgetCode } = await approvedContract(800_000);
    const executed = (amount: number) =>
      buildEvent(
        'PaymentExecuted',
        randomUUID(),
        {
          paymentId: randomUUID(),
          invoiceId: randomUUID(),
          contractId: id,
          vendorId,
          amount,
          transferDate: '2026-07-31',
          batchId: randomUUID(),
        },
        { actor: 'payment-service', correlationId: 'test' },
      );
    const payment = executed(300_000);
    // Late-payment interest is paid on top of the contract: it counts toward neither.
    const interest = buildEvent(
      'PaymentExecuted',
      randomUUID(),
      { ...payment.payload, paymentId: randomUUID(), amount: 15_000, kind: 'late-interest' },
      { actor: 'payment-service', correlationId: 'test' },
    );
    const sentinel = executed(1);
    await deliver(TOPICS.payment, id, payment, payment, interest, sentinel);
    await eventually(async () => expect(await contract(id)).toMatchObject({ paidAmount: 300_001 }));
    expect(await budget(budgetCode)).toMatchObject({ spent: 300_001, encumbered: 800_000 });
  });

  it("adds a multi-year contract's payment to the line of the year that bears it", async () => {
    const code = await createBudget(service, 10_000_000);
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send({ fiscalYear: 2027, code, name: '委託料', amount: 10_000_000 })
      .expect(201);
    const created = await request(service.app)
      .post('/api/contracts')
      .set('Authorization', await as('procurement'))
      .send({
        ...contractRequest({ vendorId, budgetCode: code, amount: 900_000 }),
        endDate: '2027-09-30',
        schedule: [
          { fiscalYear: 2026, amount: 300_000 },
          { fiscalYear: 2027, amount: 600_000 },
        ],
      })
      .expect(201);
    const id = created.body.id as string;
    await request(service.app)
      .post(`/api/contracts/${id}/submit`)
      .set('Authorization', await as('procurement', 'procurement-submitter'))
      .expect(200);
    expect((await approve(service, id, 'approver-a')).body.status).toBe('approved');
    const paid = (amount: number, fiscalYear?: number) =>
      buildEvent(
        'PaymentExecuted',
        randomUUID(),
        {
          paymentId: randomUUID(),
          invoiceId: randomUUID(),
          contractId: id,
          vendorId,
          amount,
          transferDate: '2027-05-31',
          batchId: randomUUID(),
          ...(fiscalYear ? { fiscalYear } : {}),
        },
        { actor: 'payment-service', correlationId: 'test' },
      );
    const later = paid(200_000, 2027);
    await deliver(TOPICS.payment, id, later, later, paid(50_000, 2026), paid(1));
    await eventually(async () => expect(await contract(id)).toMatchObject({ paidAmount: 250_001 }));
    expect(await budget(code)).toMatchObject({ spent: 50_001 });
    expect(await budget(code, 2027)).toMatchObject({ spent: 200_000 });
  });

  it('leaves no trace of a handler that fails mid-transaction, and applies the redelivery once', async () => {
    const { id } = await approvedContract(500_000);
    const event = invoiceReceived(id, 40_000);
    const failing = uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now }) => {
      await addInvoicedAmount(tx, id, 40_000, now);
      throw new Error('crash after the write');
    });
    await expect(failing).rejects.toThrow('crash after the write');
    expect(await contract(id)).toMatchObject({ invoicedAmount: 0 });
    const inbox = await service.runtime.pool.query('SELECT 1 FROM inbox WHERE event_id = $1', [
      event.id,
    ]);
    expect(inbox.rowCount).toBe(0);

    await deliver(TOPICS.invoice, id, event, event);
    const sentinel = invoiceReceived(id, 2);
    await deliver(TOPICS.invoice, id, sentinel);
    await eventually(async () =>
      expect(await contract(id)).toMatchObject({ invoicedAmount: 40_002 }),
    );
  });
});
