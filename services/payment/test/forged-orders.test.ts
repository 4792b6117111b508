import { randomUUID } from 'node:crypto';
import { japanToday } from '@denpyo/jp';
import {
  buildEvent,
  createPrismaClient,
  createUnitOfWork,
  type DeliveredMessage,
  type RunningService,
  type Subscription,
} from '@denpyo/platform';
import { eventBusOf, eventually } from '@denpyo/platform/testing';
import { createPaymentApplication, type PaymentApplication } from '../src/application';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import {
  approveContract,
  contractApproved,
  paymentOrdered,
  publish,
  registerVendor,
  startPaymentService,
  TEST_REQUESTER,
  TEST_REQUESTER_ENV,
} from './helpers';

// Issue 8, "events carry trust": a PaymentOrdered that does not agree with the contract as the
// payment service has seen it on the contract topic is not paid, and reaches the dead-letter
// topic with the reason; one that only came before its contract's events waits for them.
// Real PostgreSQL, the real event bus (the PostgreSQL event log), the service's own consumer.
const DLQ = 'denpyo.invoice.v1.dlq';
const WAIT_SECONDS = 1;

let service: RunningService;
let prisma: Db;
let app: PaymentApplication;
let vendorId: string;
let otherVendorId: string;
let dlq: Subscription;
const deadLetters: DeliveredMessage[] = [];

beforeAll(async () => {
  service = await startPaymentService();
  prisma = createPrismaClient(PrismaClient, service.runtime);
  // The periodic task's use case, with a short wait, called when the test wants it to run.
  app = createPaymentApplication({
    db: prisma,
    // The service's clock (its pinned day), which dated the parked orders.
    uow: createUnitOfWork<Tx>(prisma, { clock: service.runtime.clock }),
    requester: TEST_REQUESTER,
    cityName: 'テスト市',
    publicUrl: 'http://localhost:3000',
    today: japanToday,
    lateInterestRates: TEST_REQUESTER_ENV.LATE_INTEREST_RATES,
    deadLetters: eventBusOf(service),
    orderWaitSeconds: WAIT_SECONDS,
  });
  vendorId = (await registerVendor(service)).vendorId;
  otherVendorId = (await registerVendor(service)).vendorId;
  dlq = await eventBusOf(service).subscribe({
    groupId: `dlq-reader-${randomUUID()}`,
    topics: [DLQ],
    handle: async (message) => {
      deadLetters.push(message);
    },
  });
});

afterAll(async () => {
  await dlq.stop();
  await prisma.$disconnect();
  await service.stop();
});

const query = async <T>(sql: string, params: unknown[]) =>
  (await service.runtime.pool.query(sql, params)).rows as T[];
const paymentsOf = (invoiceId: string) =>
  query<{ amount: string; vendor_id: string }>(
    'SELECT amount::text, vendor_id::text FROM payments WHERE invoice_id = $1',
    [invoiceId],
  );
const parked = (invoiceId: string) =>
  query<{ status: string; reason: string }>(
    'SELECT status, reason FROM parked_payment_orders WHERE invoice_id = $1',
    [invoiceId],
  );
const deadLetterOf = (invoiceId: string) =>
  eventually(async () => {
    const letter = deadLetters.find((message) => message.key === invoiceId);
    if (!letter) throw new Error(`no dead letter for ${invoiceId} yet`);
    return letter;
  });
const refusalsOf = (invoiceId: string) =>
  query<{ after: { reason: string } }>(
    `SELECT after FROM audit_log WHERE action = 'payment.order-refused' AND entity_id = $1`,
    [invoiceId],
  );

test("refuses an order naming another vendor than the contract's: no payment, a dead letter", async () => {
  const contract = await approveContract(service, vendorId, { amount: 500_000 });
  const forged = paymentOrdered(otherVendorId, { contractId: contract.contractId });
  const event = await publish(service, 'PaymentOrdered', forged.invoiceId, forged);

  const letter = await deadLetterOf(forged.invoiceId);
  const reason = `vendor ${otherVendorId} is not the vendor ${vendorId} of contract ${contract.contractId}`;
  expect(letter.headers).toMatchObject({
    'x-refusal-code': 'unprocessable',
    'x-refusal-reason': `PaymentOrdered ${event.id} refused: ${reason}`,
    'x-original-topic': 'denpyo.invoice.v1',
  });
  expect(JSON.parse(letter.value)).toMatchObject({ id: event.id, type: 'PaymentOrdered' });
  expect(await paymentsOf(forged.invoiceId)).toEqual([]);
  expect(await parked(forged.invoiceId)).toEqual([{ status: 'refused', reason }]);
  expect(await refusalsOf(forged.invoiceId)).toEqual([
    { after: expect.objectContaining({ reason }) },
  ]);
});

test('an order above a closed contract is refused; within it, paid', async () => {
  const contract = await approveContract(service, vendorId, { amount: 500_000 });
  const within = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 300_000 });
  await publish(service, 'PaymentOrdered', within.invoiceId, within);
  await eventually(async () =>
    expect(await paymentsOf(within.invoiceId)).toEqual([{ amount: '300000', vendor_id: vendorId }]),
  );

  // 300,000 + 250,000 > 500,000: it waits (an amendment could raise the amount)...
  const over = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 250_000 });
  await publish(service, 'PaymentOrdered', over.invoiceId, over);
  await eventually(async () =>
    expect(await parked(over.invoiceId)).toEqual([expect.objectContaining({ status: 'waiting' })]),
  );
  // ...until the contract is completed: nothing can raise it any more.
  await publish(service, 'ContractClosed', contract.contractId, {
    contractId: contract.contractId,
    outcome: 'completed',
    releasedAmount: 200_000,
  });
  await eventually(async () =>
    expect(await parked(over.invoiceId)).toEqual([expect.objectContaining({ status: 'refused' })]),
  );
  expect(await app.settleParkedOrders()).toMatchObject({ deadLettered: 1 });
  const letter = await deadLetterOf(over.invoiceId);
  expect(letter.headers?.['x-refusal-reason']).toContain(
    `contract ${contract.contractId} was completed keeping 300000 yen, but its orders would total 550000 yen`,
  );
  expect(await paymentsOf(over.invoiceId)).toEqual([]);
});

test('an order for a contract never seen is kept back, then refused when the wait ends', async () => {
  const forged = paymentOrdered(vendorId, { amount: 9_999_999 });
  await publish(service, 'PaymentOrdered', forged.invoiceId, forged);
  await eventually(async () =>
    expect(await parked(forged.invoiceId)).toEqual([
      { status: 'waiting', reason: `contract ${forged.contractId} has not been seen approved` },
    ]),
  );
  expect(await paymentsOf(forged.invoiceId)).toEqual([]);

  await new Promise((resolve) => setTimeout(resolve, WAIT_SECONDS * 1000 + 100));
  const settled = await app.settleParkedOrders();
  expect(settled.expired).toBeGreaterThanOrEqual(1);
  const letter = await deadLetterOf(forged.invoiceId);
  expect(letter.headers?.['x-refusal-reason']).toContain(
    `contract ${forged.contractId} has not been seen approved, still after waiting 1 s`,
  );
  expect(await paymentsOf(forged.invoiceId)).toEqual([]);
  expect(await refusalsOf(forged.invoiceId)).toHaveLength(1);
  // Sent once: a second run finds nothing more to dead-letter for it.
  await app.settleParkedOrders();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(deadLetters.filter((message) => message.key === forged.invoiceId)).toHaveLength(1);
});

test('an order that arrives before its ContractApproved, or its amendment, is paid once they come', async () => {
  const contract = contractApproved(vendorId, { amount: 100_000 });
  const early = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 80_000 });
  await publish(service, 'PaymentOrdered', early.invoiceId, early);
  await eventually(async () =>
    expect(await parked(early.invoiceId)).toEqual([expect.objectContaining({ status: 'waiting' })]),
  );
  await publish(service, 'ContractApproved', contract.contractId, contract);
  await eventually(async () =>
    expect(await paymentsOf(early.invoiceId)).toEqual([{ amount: '80000', vendor_id: vendorId }]),
  );
  expect(await parked(early.invoiceId)).toEqual([expect.objectContaining({ status: 'scheduled' })]);

  // 80,000 + 50,000 > 100,000 until the ContractAmended raising it to 150,000 is read.
  const second = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 50_000 });
  await publish(service, 'PaymentOrdered', second.invoiceId, second);
  await eventually(async () =>
    expect(await parked(second.invoiceId)).toEqual([
      expect.objectContaining({ status: 'waiting' }),
    ]),
  );
  await publish(service, 'ContractAmended', contract.contractId, {
    contractId: contract.contractId,
    amendmentId: randomUUID(),
    amount: 150_000,
    previousAmount: 100_000,
    endDate: '2027-03-31',
    approvedAt: new Date().toISOString(),
  });
  await eventually(async () =>
    expect(await paymentsOf(second.invoiceId)).toEqual([{ amount: '50000', vendor_id: vendorId }]),
  );
  expect(deadLetters.filter((m) => [early.invoiceId, second.invoiceId].includes(m.key))).toEqual(
    [],
  );
});

test('two orders of one contract at once cannot both pass its amount', async () => {
  const contract = await approveContract(service, vendorId, { amount: 100_000 });
  const orders = [1, 2].map(() =>
    buildEvent(
      'PaymentOrdered',
      randomUUID(),
      paymentOrdered(vendorId, { contractId: contract.contractId, amount: 60_000 }),
      { actor: 'test', correlationId: randomUUID() },
    ),
  );
  const outcomes = await Promise.all(orders.map((order) => app.schedulePayment(order)));
  expect(outcomes.map((outcome) => outcome?.ok && outcome.value).sort()).toEqual([
    'parked',
    'scheduled',
  ]);
  const { rows } = await service.runtime.pool.query(
    'SELECT sum(amount)::int AS total FROM payments WHERE contract_id = $1',
    [contract.contractId],
  );
  expect(rows).toEqual([{ total: 60_000 }]);
});

const parkedRows = (invoiceId: string) =>
  query<{ status: string; reason: string; wait_expired: boolean; dead_lettered: boolean }>(
    `SELECT status, reason, wait_expired, dead_lettered_at IS NOT NULL AS dead_lettered
     FROM parked_payment_orders WHERE invoice_id = $1 ORDER BY parked_at, event_id`,
    [invoiceId],
  );
const auditOf = (action: string, invoiceId: string) =>
  query<{ before: unknown; after: unknown }>(
    'SELECT before, after FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id',
    [action, invoiceId],
  );
const waitOut = () => new Promise((resolve) => setTimeout(resolve, WAIT_SECONDS * 1000 + 100));

test('an order refused because its wait ended is paid when its ContractApproved comes after all (an outage)', async () => {
  const contract = contractApproved(vendorId, { amount: 500_000 });
  const order = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 200_000 });
  const event = await publish(service, 'PaymentOrdered', order.invoiceId, order);
  await eventually(async () =>
    expect(await parked(order.invoiceId)).toEqual([expect.objectContaining({ status: 'waiting' })]),
  );
  await waitOut();
  await app.settleParkedOrders();
  const refusal = `contract ${contract.contractId} has not been seen approved, still after waiting 1 s`;
  expect(await parkedRows(order.invoiceId)).toEqual([
    { status: 'refused', reason: refusal, wait_expired: true, dead_lettered: true },
  ]);
  await deadLetterOf(order.invoiceId);

  // The contract service's event, read late (its consumer was behind): the order agrees now.
  await publish(service, 'ContractApproved', contract.contractId, contract);
  await eventually(async () =>
    expect(await paymentsOf(order.invoiceId)).toEqual([{ amount: '200000', vendor_id: vendorId }]),
  );
  // The refusal and its dead letter stay (true at the time); the scheduling after it is audited.
  expect(await parkedRows(order.invoiceId)).toEqual([
    {
      status: 'scheduled',
      reason: 'agrees with the contract',
      wait_expired: true,
      dead_lettered: true,
    },
  ]);
  expect(await refusalsOf(order.invoiceId)).toHaveLength(1);
  expect(await auditOf('payment.order-revisited', order.invoiceId)).toEqual([
    {
      before: { status: 'refused', reason: refusal, refusedAt: expect.any(String) },
      after: { status: 'scheduled', reason: 'agrees with the contract', orderEventId: event.id },
    },
  ]);
  const { rows } = await service.runtime.pool.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payment.scheduled'
     AND after->>'invoiceId' = $1`,
    [order.invoiceId],
  );
  expect(rows).toEqual([{ n: 1 }]);
});

test("a refusal that can never become true stays final: another vendor than the late contract's", async () => {
  const contract = contractApproved(vendorId, { amount: 500_000 });
  const forged = paymentOrdered(otherVendorId, { contractId: contract.contractId });
  await publish(service, 'PaymentOrdered', forged.invoiceId, forged);
  await eventually(async () =>
    expect(await parked(forged.invoiceId)).toEqual([
      expect.objectContaining({ status: 'waiting' }),
    ]),
  );
  await waitOut();
  await app.settleParkedOrders();
  expect(await parkedRows(forged.invoiceId)).toEqual([
    expect.objectContaining({ status: 'refused', wait_expired: true }),
  ]);

  await publish(service, 'ContractApproved', contract.contractId, contract);
  const reason = `vendor ${otherVendorId} is not the vendor ${vendorId} of contract ${contract.contractId}`;
  await eventually(async () =>
    expect(await parkedRows(forged.invoiceId)).toEqual([
      { status: 'refused', reason, wait_expired: false, dead_lettered: true },
    ]),
  );
  expect(await paymentsOf(forged.invoiceId)).toEqual([]);
  expect(await auditOf('payment.order-revisited', forged.invoiceId)).toEqual([]);
});

test('two parked orders of one invoice: one is scheduled, the other recorded as already-scheduled', async () => {
  const contract = contractApproved(vendorId, { amount: 500_000 });
  const order = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 100_000 });
  // The same order twice under two event ids (a re-sent order): both wait for the contract.
  await publish(service, 'PaymentOrdered', order.invoiceId, order);
  await publish(service, 'PaymentOrdered', order.invoiceId, order);
  await eventually(async () =>
    expect(await parked(order.invoiceId)).toEqual([
      expect.objectContaining({ status: 'waiting' }),
      expect.objectContaining({ status: 'waiting' }),
    ]),
  );
  await publish(service, 'ContractApproved', contract.contractId, contract);
  await eventually(async () =>
    expect((await parkedRows(order.invoiceId)).map((row) => row.status).sort()).toEqual([
      'already-scheduled',
      'scheduled',
    ]),
  );
  expect(await parkedRows(order.invoiceId)).toContainEqual(
    expect.objectContaining({
      status: 'already-scheduled',
      reason: `invoice ${order.invoiceId} already had its payment scheduled: nothing scheduled`,
    }),
  );
  expect(await paymentsOf(order.invoiceId)).toEqual([{ amount: '100000', vendor_id: vendorId }]);
});

test('the end of the wait records an order whose invoice was paid meanwhile as already-scheduled', async () => {
  const contract = contractApproved(vendorId, { amount: 500_000 });
  const order = paymentOrdered(vendorId, { contractId: contract.contractId, amount: 100_000 });
  await publish(service, 'PaymentOrdered', order.invoiceId, order);
  await publish(service, 'PaymentOrdered', order.invoiceId, order);
  await eventually(async () => expect(await parked(order.invoiceId)).toHaveLength(2));
  // The contract known here, set directly so that no event of it decides these orders: the end
  // of the wait judges them.
  await service.runtime.pool.query(
    `INSERT INTO known_contracts (id, vendor_id, amount, fiscal_year, updated_at)
     VALUES ($1, $2, 500000, 2026, now())`,
    [contract.contractId, vendorId],
  );
  await waitOut();
  await app.settleParkedOrders();
  expect((await parkedRows(order.invoiceId)).map((row) => row.status).sort()).toEqual([
    'already-scheduled',
    'scheduled',
  ]);
  expect(await paymentsOf(order.invoiceId)).toEqual([{ amount: '100000', vendor_id: vendorId }]);
});
