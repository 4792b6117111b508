import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { isBankBusinessDay } from '@denpyo/jp';
import type { RunningService } from '@denpyo/platform';
import { kafkaTestBrokers, waitFor } from '@denpyo/platform/testing';
import { TOPICS, type Payment } from '@denpyo/schemas';
import { signInDemoUsers, startSystem, type RunningSystem } from './support/system';
import { zenginRecords } from './support/zengin';

// Two instances of every service behind the portal (as DENPYO_INSTANCES=2 runs them), on each
// event bus: many payment orders consumed by both payment instances at once, their periodic
// mail task ticking every second on both, two treasurers' batches racing on both instances.
// Every order must be scheduled once, every payment batched once and paid once, every notice
// mailed once, and the sums must match. On the PostgreSQL event log the test also counts what
// each instance took off the bus: every event handled by exactly one member of its group.
const kafkaBrokers = kafkaTestBrokers();
const adapters: [string, string[] | undefined][] = [['the PostgreSQL event log', undefined]];
if (kafkaBrokers) adapters.push(['Kafka', kafkaBrokers]);

// A Monday and a bank business day, in fiscal year 2026: the batch is dated today.
const TODAY = '2027-02-01';
const FISCAL_YEAR = 2026;
const VENDORS = 3;
const INVOICES_PER_VENDOR = 8;
const LINE_AMOUNT = 10_000; // ¥11,000 with tax
const INVOICE_TOTAL = 11_000;
const USERS = ['procurement', 'procurement2', 'approver', 'accountant', 'treasurer', 'treasurer2'];
const GROUPS = {
  'contract-service': [TOPICS.invoice, TOPICS.payment],
  'invoice-service': [TOPICS.contract, TOPICS.payment],
  'payment-service': [TOPICS.contract, TOPICS.invoice],
} as const;

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** A real SMTP server that keeps the Message-ID of every mail it accepts. */
async function startMailbox(): Promise<{
  url: string;
  messageIds: string[];
  stop(): Promise<void>;
}> {
  const messageIds: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      stream.on('end', () => {
        messageIds.push(/^Message-ID:\s*(\S+)/im.exec(text)?.[1] ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messageIds,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Events of `topic` this instance took off the bus (denpyo_events_consumed_total). */
async function consumedBy(service: RunningService, topic: string): Promise<number> {
  const metric = service.runtime.registry.getSingleMetric('denpyo_events_consumed_total');
  const { values } = (await metric?.get()) ?? { values: [] };
  return values
    .filter((value) => value.labels.topic === topic)
    .reduce((sum, value) => sum + value.value, 0);
}

describe.each(adapters)('two instances of each service on %s', (_name, brokers) => {
  let system: RunningSystem;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let db: Pool;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const eventLog = () => system.services[0]!.runtime.env.EVENT_LOG_SCHEMA;

  beforeAll(async () => {
    mailbox = await startMailbox();
    system = await startSystem({
      kafkaBrokers: brokers,
      today: TODAY,
      instances: 2,
      paymentSettings: {
        MAIL_SMTP_URL: mailbox.url,
        MAIL_FROM: 'kaikei@denpyo.example.lg.jp',
        // Both instances' mail tasks tick every second while the notices are due.
        REMITTANCE_MAIL_INTERVAL_SECONDS: 1,
      },
    });
    Object.assign(tokens, await signInDemoUsers(system, USERS));
    db = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 2 });
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await mailbox?.stop();
    await db?.end();
  });

  it('schedules, batches, pays and mails every payment order once', async () => {
    expect(system.instances.payment).toHaveLength(2);
    expect(isBankBusinessDay(TODAY)).toBe(true);
    const budgetCode = '01.02.03.04';
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear: FISCAL_YEAR, code: budgetCode, name: '委託料', amount: 9_000_000 })
      .expect(201);

    // Vendors with a mail address each (for the 振込通知書), a contract each (課長 alone).
    const vendors = await inParallel(
      Array.from({ length: VENDORS }, (_, i) => i),
      VENDORS,
      async (i) => {
        const vendor = await api()
          .post('/api/vendors')
          .set(as('procurement'))
          .send({
            name: `株式会社デンピョウ${i}`,
            nameKana: 'カブシキガイシャデンピョウ',
            email: `vendor${i}@example.jp`,
            bankAccount: {
              bankCode: '0001',
              branchCode: '001',
              type: 'ordinary',
              number: `123456${i}`,
              holderKana: 'カ）デンピョウ',
            },
          })
          .expect(201);
        const draft = await api()
          .post('/api/contracts')
          .set(as('procurement'))
          .send({
            vendorId: vendor.body.id,
            title: `庁舎清掃業務委託（${i}）`,
            budgetCode,
            fiscalYear: FISCAL_YEAR,
            amount: 990_000,
            taxRate: 10,
            startDate: '2026-10-01',
            endDate: '2027-03-31',
            kind: 'services',
            method: 'designated-tender',
          })
          .expect(201);
        await api()
          .post(`/api/contracts/${draft.body.id}/submit`)
          .set(as('procurement'))
          .expect(200);
        await api()
          .post(`/api/contracts/${draft.body.id}/approve`)
          .set(as('approver'))
          .send({})
          .expect(200);
        return { vendorId: vendor.body.id as string, contractId: draft.body.id as string };
      },
    );

    // Invoices through both invoice instances; each contract reaches them by its event.
    const claims = vendors.flatMap((vendor) =>
      Array.from({ length: INVOICES_PER_VENDOR }, (_, n) => ({ ...vendor, n })),
    );
    const invoices = await inParallel(claims, 4, (claim) =>
      waitFor(async () => {
        const response = await api()
          .post('/api/invoices')
          .set(as('procurement'))
          .send({
            contractId: claim.contractId,
            invoiceNumber: `INV-${claim.contractId.slice(0, 8)}-${claim.n}`,
            issueDate: TODAY,
            lines: [{ description: '清掃業務（1月分）', amount: LINE_AMOUNT, taxRate: 10 }],
          });
        return response.status === 201 ? (response.body.id as string) : undefined;
      }),
    );
    // Inspected and ordered (支出命令) four at a time: PaymentOrdered on every partition.
    await inParallel(invoices, 4, async (id) => {
      await api().post(`/api/invoices/${id}/inspect`).set(as('procurement2')).expect(200);
      await api().post(`/api/invoices/${id}/approve`).set(as('accountant')).expect(200);
    });

    const paymentsOf = async (vendorId: string) =>
      (await api().get('/api/payments').query({ vendorId }).set(as('accountant')).expect(200))
        .body as Payment[];
    const scheduled = (
      await inParallel(vendors, 1, ({ vendorId }) =>
        waitFor(
          async () => {
            const listed = await paymentsOf(vendorId);
            return listed.length >= INVOICES_PER_VENDOR && listed;
          },
          30_000,
          'the payments',
        ),
      )
    ).flat();
    expect(scheduled).toHaveLength(invoices.length);
    expect(new Set(scheduled.map((p) => p.invoiceId))).toEqual(new Set(invoices));
    expect(scheduled.reduce((sum, p) => sum + p.amount, 0)).toBe(invoices.length * INVOICE_TOTAL);
    // Both payment instances consumed payment orders: the group shares the invoice topic.
    for (const payment of system.instances.payment) {
      expect(await consumedBy(payment, TOPICS.invoice)).toBeGreaterThan(0);
    }

    const ids = scheduled.map((p) => p.id);
    await inParallel(ids, 4, (id) =>
      api().post(`/api/payments/${id}/confirm`).set(as('treasurer')).send({}).expect(200),
    );

    // Two treasurers' batches of the same payments at once, one on each payment instance.
    const attempts = await Promise.all(
      [0, 1].map(() =>
        api()
          .post('/api/transfer-batches')
          .set(as('treasurer'))
          .send({ transferDate: TODAY, paymentIds: ids }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    const batch = attempts.find((attempt) => attempt.status === 201)!.body;
    expect(batch).toMatchObject({ count: ids.length, total: ids.length * INVOICE_TOTAL });
    const { rows: batchedTwice } = await db.query(
      `SELECT payment_id FROM "${system.database!.schemas.payment}".transfer_batch_items
       WHERE payment_id = ANY($1::uuid[]) GROUP BY payment_id HAVING count(*) > 1`,
      [ids],
    );
    expect(batchedTwice).toEqual([]);

    await api().post(`/api/transfer-batches/${batch.id}/approve`).set(as('treasurer2')).expect(200);
    // One transfer per payment, the trailer's count and total those of the batch.
    const records = await zenginRecords(system, as('treasurer'), batch.id);
    const transfers = records.filter((record) => record[0] === '2');
    expect(transfers).toHaveLength(ids.length);
    expect(transfers.reduce((sum, record) => sum + Number(record.slice(80, 90)), 0)).toBe(
      batch.total,
    );
    const trailer = records.find((record) => record[0] === '8')!;
    expect(Number(trailer.slice(1, 7))).toBe(ids.length);
    expect(Number(trailer.slice(7, 19))).toBe(batch.total);

    // The 振込通知書 of each vendor, mailed once, though both instances' mail tasks are due.
    const mailsOfBatch = () =>
      mailbox.messageIds.filter((id) => id.startsWith(`<remittance-${batch.id}-`));
    await waitFor(() => mailsOfBatch().length >= VENDORS, 30_000, 'the remittance mails');
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // three more ticks of each
    expect(mailsOfBatch()).toHaveLength(VENDORS);
    expect(new Set(mailsOfBatch()).size).toBe(VENDORS);

    await api()
      .post(`/api/transfer-batches/${batch.id}/settle`)
      .set(as('treasurer'))
      .send({})
      .expect(200);
    const paid = (await inParallel(vendors, 1, ({ vendorId }) => paymentsOf(vendorId))).flat();
    expect(paid.map((p) => p.status)).toEqual(ids.map(() => 'paid'));

    // PaymentExecuted reaches both contract instances; each contract is paid exactly once.
    const paidOf = async (contractId: string) =>
      (await api().get(`/api/contracts/${contractId}`).set(as('procurement')).expect(200)).body;
    for (const { contractId } of vendors) {
      await waitFor(
        async () => (await paidOf(contractId)).paidAmount === INVOICES_PER_VENDOR * INVOICE_TOTAL,
        30_000,
        'the contract paid',
      );
    }

    if (brokers) return; // Kafka's topics and groups are shared with other runs: nothing to count.
    // Once every group has read every topic to its end, what the two members of each group
    // took off the bus adds up to the topic's messages: none handled by both.
    const schema = eventLog();
    const lag = async (group: string, topics: readonly string[]) => {
      const { rows } = await db.query<{ lag: string }>(
        `SELECT coalesce(sum(h.next_offset - coalesce(o.next_offset, 0)), 0)::text AS lag
         FROM "${schema}".partition_heads h
         LEFT JOIN "${schema}".consumer_offsets o
           ON o.group_id = $1 AND o.topic = h.topic AND o.partition = h.partition
         WHERE h.topic = ANY($2)`,
        [group, topics],
      );
      return Number(rows[0]!.lag);
    };
    for (const [group, topics] of Object.entries(GROUPS)) {
      await waitFor(async () => (await lag(group, topics)) === 0, 30_000, `${group} to catch up`);
    }
    const members: Record<keyof typeof GROUPS, RunningService[]> = {
      'contract-service': system.instances.contract,
      'invoice-service': system.instances.invoice,
      'payment-service': system.instances.payment,
    };
    const { rows: published } = await db.query<{ topic: string; messages: string }>(
      `SELECT topic, count(*)::text AS messages FROM "${schema}".messages GROUP BY topic`,
    );
    const messagesOf = (topic: string) =>
      Number(published.find((row) => row.topic === topic)?.messages ?? 0);
    for (const group of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
      const topics = GROUPS[group];
      for (const topic of topics) {
        const counts = await Promise.all(members[group].map((m) => consumedBy(m, topic)));
        expect([group, topic, counts[0]! + counts[1]!]).toEqual([group, topic, messagesOf(topic)]);
      }
    }
    // And on the payment topic, one PaymentScheduled and one PaymentExecuted per payment.
    const { rows: events } = await db.query<{ type: string; payments: string; events: string }>(
      `SELECT value::jsonb->>'type' AS type,
              count(DISTINCT value::jsonb->>'aggregateId')::text AS payments,
              count(*)::text AS events
       FROM "${schema}".messages WHERE topic = $1 AND value::jsonb->>'aggregateId' = ANY($2)
       GROUP BY 1 ORDER BY 1`,
      [TOPICS.payment, ids],
    );
    expect(events).toEqual(
      expect.arrayContaining(
        ['PaymentExecuted', 'PaymentScheduled'].map((type) => ({
          type,
          payments: String(ids.length),
          events: String(ids.length),
        })),
      ),
    );
    for (const { contractId } of vendors) {
      expect(await paidOf(contractId)).toMatchObject({
        invoicedAmount: INVOICES_PER_VENDOR * INVOICE_TOTAL,
        paidAmount: INVOICES_PER_VENDOR * INVOICE_TOTAL,
      });
    }
  }, 240_000);
});
