import { eventually } from '@denpyo/platform/testing';
import { randomUUID } from 'node:crypto';
import { japanToday } from '@denpyo/jp';
import {
  buildEvent,
  createPrismaClient,
  createUnitOfWork,
  ok,
  type RunningService,
} from '@denpyo/platform';
import { createPaymentApplication, type PaymentApplication } from '../src/application';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import {
  approveContract,
  orderPayment,
  paymentOrdered,
  publish,
  registerVendor,
  startPaymentService,
  TEST_REQUESTER,
  TEST_REQUESTER_ENV,
} from './helpers';

// PaymentOrdered → exactly one scheduled payment and one PaymentScheduled, however often it is
// delivered and whatever failed in between.
let service: RunningService;
let prisma: Db;
let schedulePayment: PaymentApplication['schedulePayment'];
let vendorId: string;

beforeAll(async () => {
  service = await startPaymentService();
  // The use case on its own unit of work, called directly as the consumer would call it.
  prisma = createPrismaClient(PrismaClient, service.runtime);
  schedulePayment = createPaymentApplication({
    db: prisma,
    uow: createUnitOfWork<Tx>(prisma),
    requester: TEST_REQUESTER,
    cityName: 'テスト市',
    publicUrl: 'http://localhost:3000',
    today: japanToday,
    lateInterestRates: TEST_REQUESTER_ENV.LATE_INTEREST_RATES,
  }).schedulePayment;
  vendorId = (await registerVendor(service)).vendorId;
});

afterAll(async () => {
  await prisma.$disconnect();
  await service.stop();
});

async function countsFor(invoiceId: string) {
  const { rows } = await service.runtime.pool.query<{ payments: number; scheduled: number }>(
    `SELECT (SELECT count(*)::int FROM payments WHERE invoice_id = $1) AS payments,
            (SELECT count(*)::int FROM outbox
              WHERE envelope->>'type' = 'PaymentScheduled' AND envelope->'payload'->>'invoiceId' = $1::text) AS scheduled`,
    [invoiceId],
  );
  return rows[0];
}

async function inboxCount(eventId: string): Promise<number> {
  const { rows } = await service.runtime.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
    [eventId],
  );
  return rows[0]?.n ?? 0;
}

test('a PaymentOrdered creates a scheduled payment and publishes PaymentScheduled', async () => {
  const payment = await orderPayment(service, vendorId, { amount: 250_000 });
  expect(payment).toMatchObject({ vendorId, amount: 250_000, status: 'scheduled' });
  expect(payment.transferDate).toBeUndefined();
  const { rows } = await service.runtime.pool.query(
    `SELECT envelope FROM outbox WHERE envelope->>'type' = 'PaymentScheduled' AND key = $1`,
    [payment.id],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].envelope.payload).toEqual({
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    contractId: payment.contractId,
    vendorId,
    amount: 250_000,
    dueDate: payment.dueDate,
    kind: 'invoice',
    withholdingTax: 0,
    netAmount: 250_000,
  });
});

test('a v2 order carries its withholding, fiscal year, conclusion day and signature', async () => {
  const signature = { username: 'accountant', displayName: '会計 花子', title: '主査' };
  const payment = await orderPayment(service, vendorId, {
    amount: 110_000,
    withholdingTax: 10_210,
    netAmount: 99_790,
    fiscalYear: 2026,
    contractConcludedOn: '2026-04-15',
    orderedBySignature: signature,
  });
  expect(payment).toMatchObject({
    kind: 'invoice',
    amount: 110_000,
    withholdingTax: 10_210,
    netAmount: 99_790,
    fiscalYear: 2026,
    contractConcludedOn: '2026-04-15',
    orderedBy: 'accountant',
    orderedBySignature: signature,
    payeeAccount: expect.objectContaining({ bankCode: '0001' }),
  });
});

test('the same PaymentOrdered delivered twice creates one payment', async () => {
  const order = paymentOrdered(vendorId);
  await approveContract(service, vendorId, { contractId: order.contractId });
  const eventId = randomUUID();
  await publish(service, 'PaymentOrdered', order.invoiceId, order, eventId);
  await publish(service, 'PaymentOrdered', order.invoiceId, order, eventId);
  // Messages with one key are handled in order: once a later order under the same key is
  // scheduled, both deliveries of the first have been handled.
  const later = paymentOrdered(vendorId, { contractId: order.contractId });
  await publish(service, 'PaymentOrdered', order.invoiceId, later);
  await eventually(async () =>
    expect(await countsFor(later.invoiceId)).toEqual({ payments: 1, scheduled: 1 }),
  );
  expect(await countsFor(order.invoiceId)).toEqual({ payments: 1, scheduled: 1 });
  expect(await inboxCount(eventId)).toBe(1);
});

test('a second order for the same invoice under another event id creates no second payment', async () => {
  const order = paymentOrdered(vendorId);
  await approveContract(service, vendorId, { contractId: order.contractId });
  const event = buildEvent('PaymentOrdered', order.invoiceId, order, {
    actor: 't',
    correlationId: 'c',
  });
  expect(await schedulePayment(event)).toEqual(ok('scheduled'));
  expect(await schedulePayment({ ...event, id: randomUUID() })).toEqual(
    ok('invoice-already-scheduled'),
  );
  expect(await schedulePayment(event)).toBeUndefined(); // a redelivery
  expect(await inboxCount(event.id)).toBe(1);
  expect(await countsFor(order.invoiceId)).toEqual({ payments: 1, scheduled: 1 });
});

describe('a crash in the middle of scheduling', () => {
  // The last write of the unit of work (the outbox row) fails, after the inbox row and the payment
  // were written: a real failure inside the real transaction, no mocks.
  const failOutbox = (when: string) =>
    service.runtime.pool.query(`
      CREATE OR REPLACE FUNCTION crash_on_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${when} THEN RAISE EXCEPTION 'simulated crash'; END IF;
        RETURN NEW;
      END $$;
      DROP TRIGGER IF EXISTS crash_on_outbox ON outbox;
      CREATE TRIGGER crash_on_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION crash_on_outbox();`);
  const healOutbox = () =>
    service.runtime.pool.query('DROP TRIGGER IF EXISTS crash_on_outbox ON outbox');

  afterEach(healOutbox);

  test('leaves nothing behind, and the redelivery applies the event once', async () => {
    const order = paymentOrdered(vendorId);
    await approveContract(service, vendorId, { contractId: order.contractId });
    const event = buildEvent('PaymentOrdered', order.invoiceId, order, {
      actor: 't',
      correlationId: 'c',
    });
    await failOutbox('true');
    await expect(schedulePayment(event)).rejects.toThrow(/simulated crash/);
    expect(await countsFor(order.invoiceId)).toEqual({ payments: 0, scheduled: 0 });
    expect(await inboxCount(event.id)).toBe(0);

    await healOutbox();
    expect(await schedulePayment(event)).toEqual(ok('scheduled'));
    expect(await schedulePayment(event)).toBeUndefined();
    expect(await countsFor(order.invoiceId)).toEqual({ payments: 1, scheduled: 1 });
    expect(await inboxCount(event.id)).toBe(1);
  });

  test('through the bus: the consumer retries the failed delivery and pays once', async () => {
    // A sequence is not transactional, so only the first attempt crashes.
    await service.runtime.pool.query('CREATE SEQUENCE IF NOT EXISTS crash_attempts');
    await failOutbox(`nextval('crash_attempts') = 1`);
    const order = paymentOrdered(vendorId);
    await approveContract(service, vendorId, { contractId: order.contractId });
    await publish(service, 'PaymentOrdered', order.invoiceId, order);
    await eventually(async () =>
      expect(await countsFor(order.invoiceId)).toEqual({ payments: 1, scheduled: 1 }),
    );
    const { rows } = await service.runtime.pool.query<{ last_value: string }>(
      'SELECT last_value FROM crash_attempts',
    );
    expect(Number(rows[0]?.last_value)).toBe(2); // the first attempt crashed, the retry committed
  });
});
