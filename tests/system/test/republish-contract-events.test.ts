import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { addCalendarDays, japanToday } from '@denpyo/jp';
import {
  appendToOutbox,
  buildEvent,
  OutboxRelay,
  startService,
  type RunningService,
} from '@denpyo/platform';
import {
  eventBusOf,
  eventually,
  testServiceEnv,
  uniqueSchema,
  upgradeAcross,
} from '@denpyo/platform/testing';
import { invoiceService } from '@denpyo/invoice';
import { DEMO_REQUESTER_ENV, paymentEnvSchema, paymentService } from '@denpyo/payment';
import { eventTopic, type DomainEvent } from '@denpyo/schemas';
import type { Pool } from 'pg';

// Issue 8 upgrade: the payment service only now keeps the contracts it has seen approved, and its
// consumer offsets are past the ContractApproved/Amended/Closed published before. The contract
// service's migration 20261128030000 publishes those events again from its outbox, under their
// own ids and in their order: the payment service records the contracts (and pays the order that
// waited for one), the invoice service, which handled them already, skips them (inbox).
const MIGRATIONS = join(
  __dirname,
  '..',
  '..',
  '..',
  'services',
  'contract',
  'prisma',
  'migrations',
);
const UPGRADE = '20261128030000_republish_contract_events';

const vendorId = randomUUID();
const contractId = randomUUID();
const context = { actor: 'procurement', correlationId: 'before-upgrade' };
const history: DomainEvent[] = [
  buildEvent(
    'VendorRegistered',
    vendorId,
    {
      vendorId,
      name: '株式会社デンピョウ建設',
      nameKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔ ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ',
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: '1234567',
        holderKana: 'ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ',
      },
    },
    context,
  ),
  buildEvent(
    'ContractApproved',
    contractId,
    {
      contractId,
      documentNumber: 'R8-契約-0042',
      vendorId,
      title: '市道1号線舗装補修工事',
      amount: 500_000,
      taxRate: 10,
      fiscalYear: 2026,
      budgetCode: '01.02.03.04',
      approvedAt: '2026-06-01T01:00:00.000Z',
    },
    context,
  ),
  buildEvent(
    'ContractAmended',
    contractId,
    {
      contractId,
      amendmentId: randomUUID(),
      amount: 600_000,
      previousAmount: 500_000,
      endDate: '2027-03-31',
      approvedAt: '2026-08-01T01:00:00.000Z',
    },
    context,
  ),
  buildEvent(
    'ContractClosed',
    contractId,
    { contractId, outcome: 'completed', releasedAmount: 100_000 },
    context,
  ),
];
const contractEventIds = history.slice(1).map((event) => event.id);

let invoice: RunningService;
let payment: RunningService;
let contractPool: Pool;
let relay: OutboxRelay;

const rows = async <T>(service: RunningService, sql: string, params: unknown[] = []) =>
  (await service.runtime.pool.query(sql, params)).rows as T[];
const invoiceInbox = () =>
  rows<{ event_id: string; handled_at: Date }>(
    invoice,
    'SELECT event_id::text, handled_at FROM inbox WHERE event_id = ANY($1::uuid[]) ORDER BY event_id',
    [contractEventIds],
  );
const invoiceContract = () =>
  rows<{ amount: string; closed_at: Date; released_amount: string }>(
    invoice,
    `SELECT amount::text, closed_at, released_amount::text FROM approved_contracts
     WHERE contract_id = $1`,
    [contractId],
  );

const order = {
  invoiceId: randomUUID(),
  contractId,
  vendorId,
  invoiceNumber: 'INV-0042',
  amount: 300_000,
  dueDate: addCalendarDays(japanToday(), 30),
  orderedBy: 'accountant',
  documentNumber: 'R8-支出-0042',
};

let before: { inbox: { event_id: string; handled_at: Date }[]; contract: unknown[] };

beforeAll(async () => {
  const EVENT_LOG_SCHEMA = uniqueSchema('eventlog');
  invoice = await startService(invoiceService, testServiceEnv('invoice', { EVENT_LOG_SCHEMA }));
  payment = await startService(paymentService, {
    ...testServiceEnv('payment', { EVENT_LOG_SCHEMA }),
    ...paymentEnvSchema.parse(DEMO_REQUESTER_ENV),
  });
  const logger = invoice.runtime.logger;

  // The contract service before the upgrade: its events went out through its outbox relay.
  ({ pool: contractPool } = await upgradeAcross(MIGRATIONS, UPGRADE, async (pool) => {
    for (const event of history) {
      await appendToOutbox(pool, {
        eventId: event.id,
        topic: eventTopic(event.type),
        key: event.aggregateId,
        envelope: event,
      });
    }
    await new OutboxRelay({ pool, bus: eventBusOf(invoice), logger }).drain();
    await eventually(async () => expect(await invoiceInbox()).toHaveLength(3));
    await eventually(async () =>
      expect(await rows(payment, 'SELECT 1 FROM vendors WHERE id = $1', [vendorId])).toHaveLength(
        1,
      ),
    );
    // The payment service before the upgrade read these events past without a handler: no
    // known contract, nothing in its inbox. (Its consumer, being current, recorded them: undo.)
    await eventually(async () =>
      expect(
        await rows(payment, 'SELECT 1 FROM inbox WHERE event_id = ANY($1::uuid[])', [
          contractEventIds,
        ]),
      ).toHaveLength(3),
    );
    await payment.runtime.pool.query('DELETE FROM inbox WHERE event_id = ANY($1::uuid[])', [
      contractEventIds,
    ]);
    await payment.runtime.pool.query('DELETE FROM known_contracts WHERE id = $1', [contractId]);

    // An order of that contract arrives: the payment service does not know the contract.
    await eventBusOf(payment).publish([
      {
        topic: eventTopic('PaymentOrdered'),
        key: order.invoiceId,
        value: JSON.stringify(buildEvent('PaymentOrdered', order.invoiceId, order, context)),
      },
    ]);
    await eventually(async () =>
      expect(
        await rows(payment, 'SELECT status FROM parked_payment_orders WHERE invoice_id = $1', [
          order.invoiceId,
        ]),
      ).toEqual([{ status: 'waiting' }]),
    );
    before = { inbox: await invoiceInbox(), contract: await invoiceContract() };
  }));
  relay = new OutboxRelay({ pool: contractPool, bus: eventBusOf(invoice), logger });
});

afterAll(async () => {
  await contractPool?.end();
  await payment?.stop();
  await invoice?.stop();
});

test('the upgrade re-queues the contract events, in their order, and nothing else', async () => {
  const { rows: queued } = await contractPool.query<{ event_id: string }>(
    'SELECT event_id::text FROM outbox WHERE published_at IS NULL ORDER BY seq',
  );
  expect(queued.map((row) => row.event_id)).toEqual(contractEventIds);
});

test('the payment service records the contract and pays the order; the invoice service skips them', async () => {
  await relay.drain();
  await eventually(async () =>
    expect(
      await rows(
        payment,
        `SELECT vendor_id::text, amount::text, released_amount::text, closed_outcome
         FROM known_contracts WHERE id = $1`,
        [contractId],
      ),
    ).toEqual([
      {
        vendor_id: vendorId,
        amount: '600000',
        released_amount: '100000',
        closed_outcome: 'completed',
      },
    ]),
  );
  await eventually(async () =>
    expect(
      await rows(payment, 'SELECT amount::text FROM payments WHERE invoice_id = $1', [
        order.invoiceId,
      ]),
    ).toEqual([{ amount: '300000' }]),
  );
  expect(
    await rows(payment, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])', [
      contractEventIds,
    ]),
  ).toEqual([{ n: 3 }]);

  // The invoice service saw the same ids again and applied none of them (a ContractClosed
  // applied again would have moved closed_at). Give its consumer the time to have read them.
  const marker = buildEvent(
    'VendorRegistered',
    randomUUID(),
    history[0]!.payload as never,
    context,
  );
  await eventBusOf(invoice).publish([
    {
      topic: eventTopic('VendorRegistered'),
      key: contractId, // the contract events' partition: read after them
      value: JSON.stringify(marker),
    },
  ]);
  await eventually(async () =>
    expect(
      await rows(invoice, 'SELECT 1 FROM inbox WHERE event_id = $1', [marker.id]),
    ).toHaveLength(1),
  );
  expect(await invoiceInbox()).toEqual(before.inbox);
  expect(await invoiceContract()).toEqual(before.contract);
});
