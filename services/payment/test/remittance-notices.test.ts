import { randomUUID } from 'node:crypto';
import { addCalendarDays, formatWarekiDate, japanToday } from '@denpyo/jp';
import {
  createMailer,
  createPrismaClient,
  createUnitOfWork,
  startService,
  type RunningService,
} from '@denpyo/platform';
import { eventually, pdfText, testServiceEnv } from '@denpyo/platform/testing';
import type { Payment, Remittance, TransferBatch } from '@denpyo/schemas';
import request from 'supertest';
import { createPaymentApplication, type PaymentApplication } from '../src/application';
import {
  REMITTANCE_MAIL_LEASE_MS,
  REMITTANCE_MAIL_MAX_AGE_DAYS,
} from '../src/application/send-remittance-mails';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import { paymentService } from '../src/service';
import {
  as,
  binary,
  nextBusinessDay,
  orderConfirmedPayment,
  registerVendor,
  serviceToday,
  TEST_REQUESTER,
  TEST_REQUESTER_ENV,
} from './helpers';
import { SmtpSink } from './smtp-sink';

const MAIL_FROM = 'kaikei@city.example.jp';
const VENDOR_EMAIL = 'keiri@minato-kensetsu.example.jp';
const LATECOMER_EMAIL = 'soumu@atokara.example.jp';

const smtp = new SmtpSink();
let service: RunningService;
let prisma: Db;
/** The use cases with their own mailer, so the test runs the mail task when it wants to. */
let app: PaymentApplication;
/** The same use cases with mail off (MAIL_SMTP_URL unset). */
let mailOff: PaymentApplication;
let mailed: string;
/** A vendor with an address for the tests of the sending itself (its own 振込日 listing apart). */
let latecomer: string;
let unmailed: string;
let first: Payment;
let withheld: Payment;
let othersPayment: Payment;
let batch: TransferBatch;
const transferDate = nextBusinessDay();

const api = () => request(service.app);
const treasurer = (name: string) => as('treasurer', name);

async function createBatch(paymentIds: string[]): Promise<TransferBatch> {
  const res = await api()
    .post('/api/transfer-batches')
    .set('Authorization', await treasurer('alice'))
    .send({ transferDate, paymentIds });
  expect(res.status).toBe(201);
  return res.body as TransferBatch;
}

async function approve(id: string): Promise<void> {
  const res = await api()
    .post(`/api/transfer-batches/${id}/approve`)
    .set('Authorization', await treasurer('bob'));
  expect(res.status).toBe(200);
}

async function notice(path: string, authorization: string) {
  return api().get(path).set('Authorization', authorization).buffer(true).parse(binary);
}
const batchNotice = (batchId: string, vendorId: string) =>
  `/api/transfer-batches/${batchId}/vendors/${vendorId}/remittance-notice.pdf`;

async function noticeText(batchId: string, vendorId: string): Promise<string> {
  const res = await notice(batchNotice(batchId, vendorId), await as('treasurer'));
  expect(res.status).toBe(200);
  return pdfText(res.body as Buffer);
}

async function mailRow(batchId: string, vendorId: string) {
  const { rows } = await service.runtime.pool.query<{
    sent_at: Date | null;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
    created_at: Date;
  }>(
    `SELECT sent_at, attempts, last_error, next_attempt_at, created_at FROM remittance_mails
     WHERE batch_id = $1 AND vendor_id = $2`,
    [batchId, vendorId],
  );
  return rows[0];
}

const mailsOf = (batchId: string) =>
  smtp.received.filter((mail) => mail.messageId?.startsWith(`<remittance-${batchId}-`));

beforeAll(async () => {
  const smtpUrl = await smtp.start();
  const mail = { MAIL_SMTP_URL: smtpUrl, MAIL_FROM };
  service = await startService(paymentService, {
    ...testServiceEnv('payment', { DENPYO_TODAY: serviceToday() }),
    ...TEST_REQUESTER_ENV,
    ...mail,
    // Only the test sends (app.sendRemittanceMails), so it can count each attempt.
    REMITTANCE_MAIL_INTERVAL_SECONDS: 86_400,
  });
  prisma = createPrismaClient(PrismaClient, service.runtime);
  const mailer = createMailer(mail);
  const deps = {
    db: prisma,
    uow: createUnitOfWork<Tx>(prisma, { clock: service.runtime.clock }),
    requester: TEST_REQUESTER,
    cityName: 'テスト市',
    publicUrl: 'http://localhost:3000',
    today: japanToday,
    lateInterestRates: TEST_REQUESTER_ENV.LATE_INTEREST_RATES,
  };
  app = createPaymentApplication({ ...deps, ...(mailer ? { mailer } : {}) });
  mailOff = createPaymentApplication(deps);
  mailed = (
    await registerVendor(service, {
      name: '株式会社みなと建設',
      kind: 'individual',
      email: VENDOR_EMAIL,
    })
  ).vendorId;
  unmailed = (await registerVendor(service, { name: '有限会社メールなし' })).vendorId;
  latecomer = (
    await registerVendor(service, {
      name: '株式会社あとから商会',
      kind: 'corporation',
      email: LATECOMER_EMAIL,
    })
  ).vendorId;
  [first, withheld, othersPayment] = await Promise.all([
    orderConfirmedPayment(service, mailed, {
      invoiceNumber: 'INV-R-001',
      invoiceDate: '2026-11-20',
      amount: 110_000,
    }),
    orderConfirmedPayment(service, mailed, {
      invoiceNumber: 'INV-R-002',
      invoiceDate: '2026-11-21',
      amount: 100_000,
      withholdingTax: 10_210,
      netAmount: 89_790,
    }),
    orderConfirmedPayment(service, unmailed, { invoiceNumber: 'INV-R-OTHER', amount: 55_000 }),
  ]);
  batch = await createBatch([first.id, withheld.id, othersPayment.id]);
});

afterAll(async () => {
  await service.stop();
  await prisma.$disconnect();
  await smtp.stop();
});

describe('the 振込通知書 of a vendor in a batch', () => {
  test('is refused while the batch is a draft, and then available from its approval', async () => {
    const path = batchNotice(batch.id, mailed);
    expect((await notice(path, await as('treasurer'))).status).toBe(409);
    expect(
      (await notice(`/api/payments/${first.id}/remittance-notice.pdf`, await as('treasurer')))
        .status,
    ).toBe(409);

    await approve(batch.id);

    const res = await notice(path, await as('vendor', 'minato', mailed));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
  });

  test('lists every invoice paid to that vendor in the batch, and no other vendor’s', async () => {
    const text = await noticeText(batch.id, mailed);
    expect(text).toMatch(new RegExp(`振込予定日\\s+${formatWarekiDate(transferDate)}`));
    expect(text).toMatch(/INV-R-001\s+令和8年11月20日\s+110,000円\s+0円\s+110,000円/);
    expect(text).toMatch(/INV-R-002\s+令和8年11月21日\s+100,000円\s+10,210円\s+89,790円/);
    expect(text).toMatch(/支払金額合計\s+210,000円/);
    expect(text).toMatch(/源泉徴収税額合計\s+10,210円/);
    expect(text).toMatch(/差引振込予定額\s+199,790円/);
    expect(text).not.toContain('INV-R-OTHER');
    expect(text).not.toMatch(/振込済|振込不能/);
  });

  test('is the same notice through any of its payments; never another vendor’s', async () => {
    const viaPayment = await notice(
      `/api/payments/${withheld.id}/remittance-notice.pdf`,
      await as('vendor', 'minato', mailed),
    );
    expect(viaPayment.status).toBe(200);
    expect(pdfText(viaPayment.body as Buffer)).toContain('INV-R-001');
    const stranger = await as('vendor', 'other', unmailed);
    expect((await notice(batchNotice(batch.id, mailed), stranger)).status).toBe(403);
    expect((await notice(batchNotice(batch.id, randomUUID()), await as('treasurer'))).status).toBe(
      404,
    );
  });
});

describe('the 振込通知書 mail', () => {
  test('goes once to the vendor with an address, however often the task runs', async () => {
    expect(await mailRow(batch.id, unmailed)).toBeUndefined();
    // Two runs at once (two instances), then one more (a redelivery after a restart).
    await Promise.all([app.sendRemittanceMails(), app.sendRemittanceMails()]);
    await app.sendRemittanceMails();
    await eventually(async () => expect((await mailRow(batch.id, mailed))?.sent_at).toBeTruthy());
    await app.sendRemittanceMails();

    const mails = mailsOf(batch.id);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toMatchObject({ value: [{ address: VENDOR_EMAIL }] });
    expect(mail?.from).toMatchObject({ value: [{ address: MAIL_FROM }] });
    expect(mail?.subject).toBe(
      `【テスト市】振込通知書（振込予定日 ${formatWarekiDate(transferDate)}）`,
    );
    expect(mail?.text).toContain('株式会社みなと建設 御中');
    expect(mail?.text).toContain('振込予定金額：199,790円（2件）');
    expect(mail?.attachments).toHaveLength(1);
    const [attachment] = mail?.attachments ?? [];
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.filename).toMatch(/^振込通知書_振込-\d{8}-[0-9A-F]{8}-[0-9A-F]{8}\.pdf$/);
    const text = pdfText(attachment?.content as Buffer);
    expect(text).toMatch(/INV-R-001\s+令和8年11月20日\s+110,000円/);
    expect(text).toMatch(/INV-R-002\s+令和8年11月21日\s+100,000円\s+10,210円\s+89,790円/);
  });

  test('refused by the SMTP server, is kept and sent on a later run', async () => {
    const third = await orderConfirmedPayment(service, mailed, { invoiceNumber: 'INV-R-003' });
    const second = await createBatch([third.id]);
    smtp.refusing = true;
    await approve(second.id);
    await app.sendRemittanceMails();
    await eventually(async () =>
      expect(await mailRow(second.id, mailed)).toMatchObject({
        sent_at: null,
        attempts: 1,
        last_error: expect.stringContaining('451'),
      }),
    );
    expect(mailsOf(second.id)).toEqual([]);

    // Not before its next try (30 s on, no longer the sender's lease): a server in trouble is
    // not hammered, nor left alone for long.
    smtp.refusing = false;
    const refused = await mailRow(second.id, mailed);
    const retryAfter =
      (refused?.next_attempt_at.getTime() ?? 0) - (refused?.created_at.getTime() ?? 0);
    expect(retryAfter).toBeGreaterThanOrEqual(30_000);
    expect(retryAfter).toBeLessThan(REMITTANCE_MAIL_LEASE_MS / 2);
    await app.sendRemittanceMails();
    expect(await mailRow(second.id, mailed)).toMatchObject({ sent_at: null, attempts: 1 });

    // The time has come.
    await service.runtime.pool.query(
      'UPDATE remittance_mails SET next_attempt_at = now() WHERE batch_id = $1',
      [second.id],
    );
    await app.sendRemittanceMails();
    await eventually(async () => expect((await mailRow(second.id, mailed))?.sent_at).toBeTruthy());
    await app.sendRemittanceMails();
    expect(mailsOf(second.id)).toHaveLength(1);
    expect(await mailRow(second.id, mailed)).toMatchObject({ attempts: 2, last_error: null });
  });
});

describe('after settlement', () => {
  beforeAll(async () => {
    const res = await api()
      .post(`/api/transfer-batches/${batch.id}/settle`)
      .set('Authorization', await treasurer('bob'))
      .send({ failures: [{ paymentId: withheld.id, reason: '口座なし' }] });
    expect(res.status).toBe(200);
  });

  test('the notice gives the 振込日 and never shows a failed transfer as paid', async () => {
    const text = await noticeText(batch.id, mailed);
    expect(text).toMatch(new RegExp(`振込日\\s+${formatWarekiDate(transferDate)}`));
    expect(text).toMatch(/振込金額\s+￥110,000－/);
    expect(text).toMatch(/INV-R-001\s+令和8年11月20日\s+振込済\s+110,000円/);
    expect(text).toMatch(/INV-R-002\s+令和8年11月21日\s+振込不能\s+100,000円/);
    expect(text).toMatch(/差引振込額\s+110,000円/);
    expect(text).toContain('INV-R-002（事由：口座なし）');
  });

  test("the vendor's CSV of a period lists its payments with 振込日 and status in Japanese", async () => {
    const csv = async (query: Record<string, string>) => {
      const res = await api()
        .get('/api/vendor/remittances')
        .query({ ...query, format: 'csv' })
        .set('Authorization', await as('vendor', 'minato', mailed))
        .responseType('blob')
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      return (res.body as Buffer).toString('utf8').slice(1).split('\r\n').filter(Boolean);
    };
    const ofPeriod = await csv({ from: transferDate, to: transferDate });
    expect(ofPeriod[0]).toBe(
      '請求書番号,種別,振込日,支払額,源泉徴収税額,差引振込額,状態,支払期限,支払ID',
    );
    // INV-R-003's batch is approved, not settled: its 振込予定日 puts it in the period.
    expect(ofPeriod.slice(1).sort()).toEqual([
      expect.stringMatching(`^INV-R-001,請求書払,${transferDate},110000,0,110000,支払済,`),
      expect.stringMatching(`^INV-R-002,請求書払,${transferDate},100000,10210,89790,振込不能,`),
      expect.stringMatching(`^INV-R-003,請求書払,${transferDate},110000,0,110000,振込手続中,`),
    ]);
    expect(await csv({ to: japanToday() })).toHaveLength(1);
  });

  test('the JSON list names the batch whose notice tells of each payment', async () => {
    const res = await api()
      .get('/api/vendor/remittances')
      .query({ from: transferDate })
      .set('Authorization', await as('vendor', 'minato', mailed));
    expect(res.status).toBe(200);
    const remittances = res.body as Remittance[];
    expect(remittances.find((remittance) => remittance.paymentId === withheld.id)).toMatchObject({
      status: 'failed',
      transferDate,
      batchId: batch.id,
    });
    const bad = await api()
      .get('/api/vendor/remittances')
      .query({ from: transferDate, to: japanToday() })
      .set('Authorization', await as('vendor', 'minato', mailed));
    expect(bad.status).toBe(400);
  });
});

/** A batch of one new payment to `latecomer` (a batch per test keeps each one's mail apart). */
async function latecomerBatch(invoiceNumber: string, extra: { amount?: number } = {}) {
  const payment = await orderConfirmedPayment(service, latecomer, { invoiceNumber, ...extra });
  return { batch: await createBatch([payment.id]), payment };
}

const expireLease = (batchId: string) =>
  service.runtime.pool.query(
    'UPDATE remittance_mails SET next_attempt_at = now() WHERE batch_id = $1',
    [batchId],
  );

describe('a 振込通知書 mail the server accepted but that was never marked sent', () => {
  let taken: TransferBatch;

  beforeAll(async () => {
    ({ batch: taken } = await latecomerBatch('INV-L-LEASE'));
    await approve(taken.id);
    // The database refuses the mark-sent step of this mail only, as it would if it were
    // unreachable between the server's acceptance and the commit.
    await service.runtime.pool.query(`
      CREATE FUNCTION refuse_mark_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'database unreachable'; END $$`);
    await service.runtime.pool.query(`
      CREATE TRIGGER refuse_mark_sent BEFORE UPDATE ON remittance_mails FOR EACH ROW
      WHEN (NEW.sent_at IS NOT NULL AND NEW.batch_id = '${taken.id}')
      EXECUTE FUNCTION refuse_mark_sent()`);
  });

  afterAll(async () => {
    await service.runtime.pool.query('DROP TRIGGER IF EXISTS refuse_mark_sent ON remittance_mails');
    await service.runtime.pool.query('DROP FUNCTION IF EXISTS refuse_mark_sent()');
  });

  test('fails the run, and stays taken: not sent again while the lease holds', async () => {
    await expect(app.sendRemittanceMails()).rejects.toThrow(/database unreachable/);
    expect(mailsOf(taken.id)).toHaveLength(1);
    const row = await mailRow(taken.id, latecomer);
    expect(row).toMatchObject({ sent_at: null, attempts: 1, last_error: null });
    const leased = (row?.next_attempt_at.getTime() ?? 0) - (row?.created_at.getTime() ?? 0);
    expect(leased).toBeGreaterThanOrEqual(REMITTANCE_MAIL_LEASE_MS);

    await service.runtime.pool.query('DROP TRIGGER refuse_mark_sent ON remittance_mails');
    await Promise.all([app.sendRemittanceMails(), app.sendRemittanceMails()]);
    expect(mailsOf(taken.id)).toHaveLength(1);
    expect(await mailRow(taken.id, latecomer)).toMatchObject({ sent_at: null, attempts: 1 });
  });

  test('is sent once more when the lease ends: the duplicate has the same Message-ID', async () => {
    await expireLease(taken.id);
    await Promise.all([app.sendRemittanceMails(), app.sendRemittanceMails()]);
    await app.sendRemittanceMails();
    const mails = mailsOf(taken.id);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(1);
    expect(await mailRow(taken.id, latecomer)).toMatchObject({ attempts: 2, last_error: null });
    expect((await mailRow(taken.id, latecomer))?.sent_at).toBeTruthy();
  });
});

describe('a 振込通知書 mail queued while mail is off', () => {
  const approveWithMailOff = async (batchId: string) => {
    const approved = await mailOff.approveTransferBatch(batchId, {
      user: { username: 'bob', roles: ['treasurer'] },
      correlationId: randomUUID(),
    });
    expect(approved.ok).toBe(true);
  };

  test('is queued on approval, left alone by the task without a mailer, sent once mail is on', async () => {
    const { batch: quiet } = await latecomerBatch('INV-L-OFF');
    await approveWithMailOff(quiet.id);
    expect(await mailRow(quiet.id, latecomer)).toMatchObject({
      sent_at: null,
      attempts: 0,
      last_error: null,
    });
    expect(await mailOff.sendRemittanceMails()).toEqual({ sent: 0, failed: 0 });
    expect(await mailRow(quiet.id, latecomer)).toMatchObject({ sent_at: null, attempts: 0 });

    // Mail turned on (the same queue, read by a sender with a mailer).
    expect(await app.sendRemittanceMails()).toEqual({ sent: 1, failed: 0 });
    expect(mailsOf(quiet.id)).toHaveLength(1);
    expect(mailsOf(quiet.id)[0]?.to).toMatchObject({ value: [{ address: LATECOMER_EMAIL }] });
  });

  test(`is sent up to ${REMITTANCE_MAIL_MAX_AGE_DAYS} days after its transfer date, no later`, async () => {
    const { batch: lastMonth } = await latecomerBatch('INV-L-30');
    const { batch: older } = await latecomerBatch('INV-L-31');
    await approveWithMailOff(lastMonth.id);
    await approveWithMailOff(older.id);
    // As if approved (and transferred) that long ago, mail off ever since.
    const daysAgo = (days: number) => addCalendarDays(japanToday(), -days);
    const redate = (batchId: string, date: string) =>
      service.runtime.pool.query('UPDATE transfer_batches SET transfer_date = $2 WHERE id = $1', [
        batchId,
        date,
      ]);
    await redate(lastMonth.id, daysAgo(REMITTANCE_MAIL_MAX_AGE_DAYS));
    await redate(older.id, daysAgo(REMITTANCE_MAIL_MAX_AGE_DAYS + 1));

    await app.sendRemittanceMails();
    expect(mailsOf(lastMonth.id)).toHaveLength(1);
    expect(mailsOf(older.id)).toEqual([]);
    expect(await mailRow(older.id, latecomer)).toMatchObject({ sent_at: null, attempts: 0 });
  });

  test('sent after settlement, it gives the 振込日 and counts only what was transferred', async () => {
    const [paid, returned] = await Promise.all([
      orderConfirmedPayment(service, latecomer, { invoiceNumber: 'INV-L-PAID', amount: 33_000 }),
      orderConfirmedPayment(service, latecomer, { invoiceNumber: 'INV-L-RETURNED' }),
    ]);
    const settled = await createBatch([paid.id, returned.id]);
    await approveWithMailOff(settled.id);
    const res = await api()
      .post(`/api/transfer-batches/${settled.id}/settle`)
      .set('Authorization', await treasurer('bob'))
      .send({ failures: [{ paymentId: returned.id, reason: '口座なし' }] });
    expect(res.status).toBe(200);

    await app.sendRemittanceMails();
    const [mail] = mailsOf(settled.id);
    expect(mail?.subject).toBe(
      `【テスト市】振込通知書（振込日 ${formatWarekiDate(transferDate)}）`,
    );
    expect(mail?.text).toContain('お振込みしましたので');
    expect(mail?.text).toContain('振込金額：33,000円（1件）');
  });
});
