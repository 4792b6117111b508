// The payment service's lists through HTTP on a real database: payments (paging, sorting, due
// date and text filters, CSV), transfer batches, and a vendor's own remittances.
import { addCalendarDays, isBankBusinessDay, japanToday } from '@denpyo/jp';
import type { RunningService } from '@denpyo/platform';
import { eventually, readByCursor, readByPageNumber } from '@denpyo/platform/testing';
import type { Payment } from '@denpyo/schemas';
import request from 'supertest';
import {
  approveContract,
  as,
  firstDateFrom,
  confirmPayment,
  orderPayment,
  paymentOrdered,
  publish,
  registerVendor,
  startPaymentService,
} from './helpers';

interface Listed {
  body: Record<string, unknown>[];
  headers: Record<string, string>;
}

let service: RunningService;
let vendorA: string;
let vendorB: string;
const dueOf = (i: number) => addCalendarDays(japanToday(), 10 + i);
/** Vendor B's three payments (due in 100, 200, 300 days; 3,000, 2,000, 1,000 yen). */
let paymentsOfB: Payment[];

const api = () => request(service.app);
const get = async (path: string, query: Record<string, string>, role = as('accountant')) =>
  (await api()
    .get(path)
    .query(query)
    .set('Authorization', await role)
    .expect(200)) as unknown as Listed;
const ids = (listed: Listed) => listed.body.map((item) => item.id);

beforeAll(async () => {
  service = await startPaymentService();
  vendorA = (await registerVendor(service)).vendorId;
  vendorB = (await registerVendor(service)).vendorId;
  // Vendor A: 105 payments of one contract, the i-th due in 10 + i days, of 100,000 + i yen.
  const { contractId } = await approveContract(service, vendorA);
  for (let i = 0; i < 105; i++) {
    const order = paymentOrdered(vendorA, {
      contractId,
      amount: 100_000 + i,
      dueDate: dueOf(i),
      invoiceNumber: i === 5 ? 'A-"5", 特' : `A-${String(i).padStart(3, '0')}`,
    });
    await publish(service, 'PaymentOrdered', order.invoiceId, order);
  }
  paymentsOfB = [];
  for (const [days, amount] of [
    [100, 3_000],
    [200, 2_000],
    [300, 1_000],
  ] as const) {
    paymentsOfB.push(
      await orderPayment(service, vendorB, {
        amount,
        dueDate: addCalendarDays(japanToday(), days),
        invoiceNumber: `B-${days}`,
      }),
    );
  }
  await eventually(async () => {
    const { rows } = await service.runtime.pool.query('SELECT count(*)::int AS n FROM payments');
    if (rows[0].n !== 108) throw new Error(`${rows[0].n} payments so far`);
  });
}, 120_000);

afterAll(() => service.stop());

describe('GET /api/payments', () => {
  it('pages by due date, with the total and links', async () => {
    const first = await get('/api/payments', { vendorId: vendorA });
    expect(first.body.map((p) => p.dueDate)).toEqual(
      Array.from({ length: 100 }, (_, i) => dueOf(i)),
    );
    expect(first.headers).toMatchObject({
      'x-total-count': '105',
      'x-page': '1',
      'x-page-size': '100',
      'x-result-truncated': 'true',
    });
    // The next page is a keyset cursor after the last payment shown, the filters kept.
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.link)?.[1];
    expect(next).toMatch(new RegExp(`^/api/payments\\?vendorId=${vendorA}&cursor=[\\w-]+$`));
    const following = await api()
      .get(next!)
      .set('Authorization', await as('accountant'))
      .expect(200);
    expect(following.body.map((p: Payment) => p.invoiceNumber)).toEqual([
      'A-100',
      'A-101',
      'A-102',
      'A-103',
      'A-104',
    ]);
    const second = await get('/api/payments', { vendorId: vendorA, page: '2' });
    expect(second.body.map((p) => p.invoiceNumber)).toEqual([
      'A-100',
      'A-101',
      'A-102',
      'A-103',
      'A-104',
    ]);
    expect(second.headers['x-result-truncated']).toBeUndefined();
    const scheduled = await get('/api/payments', { status: 'scheduled', pageSize: '1' });
    expect(scheduled.headers['x-total-count']).toBe('108');
  });

  it('sorts by amount and due date both ways', async () => {
    const cheapest = await get('/api/payments', { sort: 'amount', order: 'asc', pageSize: '3' });
    expect(cheapest.body.map((p) => p.amount)).toEqual([1_000, 2_000, 3_000]);
    const dearest = await get('/api/payments', { sort: 'amount', order: 'desc', pageSize: '1' });
    expect(dearest.body.map((p) => p.amount)).toEqual([100_104]);
    const latest = await get('/api/payments', { order: 'desc', pageSize: '2' });
    expect(ids(latest)).toEqual([paymentsOfB[2]!.id, paymentsOfB[1]!.id]);
  });

  it('filters by due-date range and invoice number', async () => {
    const window = await get('/api/payments', { dueFrom: dueOf(10), dueTo: dueOf(12) });
    expect(window.body.map((p) => p.invoiceNumber)).toEqual(['A-010', 'A-011', 'A-012']);
    expect(ids(await get('/api/payments', { q: 'b-2' }))).toEqual([paymentsOfB[1]!.id]);
    const both = await get('/api/payments', {
      q: 'B-',
      dueFrom: addCalendarDays(japanToday(), 150),
    });
    expect(ids(both)).toEqual([paymentsOfB[1]!.id, paymentsOfB[2]!.id]);
    await api()
      .get('/api/payments')
      .query({ dueFrom: dueOf(2), dueTo: dueOf(1) })
      .set('Authorization', await as('accountant'))
      .expect(400);
  });

  it('downloads every match as CSV, beyond one page', async () => {
    const response = await api()
      .get('/api/payments')
      .query({ vendorId: vendorA, format: 'csv' })
      .set('Authorization', await as('auditor'))
      .responseType('blob')
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="listPayments-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '支払期限,請求書番号,種別,金額,源泉徴収税額,差引支払額,年度,状態,支出命令者,確認者,振込日,振込不能事由,取引先ID,契約ID,請求書ID,振込バッチID,支払ID',
    );
    expect(lines).toHaveLength(1 + 105 + 1);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${dueOf(0)},A-000,請求書払,100000,0,100000,\\d{4},支払予定,accountant,,,,${vendorA},`,
      ),
    );
    expect(lines[6]).toMatch(new RegExp(`^${dueOf(5)},"A-""5"", 特",請求書払,100005,0,100005,`));
  });

  it('is for staff, and refuses bad paging input naming the field', async () => {
    await api()
      .get('/api/payments')
      .set('Authorization', await as('vendor', 'v', vendorA))
      .expect(403);
    for (const [query, field] of [
      [{ page: '0' }, 'page'],
      [{ pageSize: '5000' }, 'pageSize'],
      [{ sort: 'unknown' }, 'sort'],
      [{ sort: 'transferDate' }, 'sort'],
    ] as const) {
      const response = await api()
        .get('/api/payments')
        .query(query)
        .set('Authorization', await as('accountant'))
        .expect(400);
      expect([query, response.body.errors.map((e: { path: string }) => e.path)]).toEqual([
        query,
        [field],
      ]);
    }
  });
});

describe('GET /api/transfer-batches and GET /api/vendor/remittances', () => {
  const transferDates: string[] = [];
  const batchIds: string[] = [];

  beforeAll(async () => {
    // Three batches of vendor B's payments on three successive bank business days.
    let day = japanToday();
    for (const payment of paymentsOfB) {
      await confirmPayment(service, payment.id);
      day = firstDateFrom(addCalendarDays(day, 1), isBankBusinessDay);
      transferDates.push(day);
      const batch = await api()
        .post('/api/transfer-batches')
        .set('Authorization', await as('treasurer', 'alice'))
        .send({ transferDate: day, paymentIds: [payment.id] })
        .expect(201);
      batchIds.push(batch.body.id);
    }
    await api()
      .post(`/api/transfer-batches/${batchIds[0]}/approve`)
      .set('Authorization', await as('treasurer', 'bob'))
      .expect(200);
    await api()
      .post(`/api/transfer-batches/${batchIds[0]}/settle`)
      .set('Authorization', await as('treasurer', 'bob'))
      .expect(200);
  });

  it('lists batches by transfer date, newest first, filtered by status and date', async () => {
    const all = await get('/api/transfer-batches', {});
    expect(ids(all)).toEqual([...batchIds].reverse());
    expect(all.headers['x-total-count']).toBe('3');
    expect(all.body[2]).toMatchObject({ status: 'settled', count: 1, total: 3_000 });
    expect(ids(await get('/api/transfer-batches', { order: 'asc', pageSize: '1' }))).toEqual([
      batchIds[0],
    ]);
    expect(ids(await get('/api/transfer-batches', { sort: 'total', order: 'asc' }))).toEqual([
      batchIds[2],
      batchIds[1],
      batchIds[0],
    ]);
    expect(ids(await get('/api/transfer-batches', { status: 'draft' }))).toEqual([
      batchIds[2],
      batchIds[1],
    ]);
    const window = await get('/api/transfer-batches', {
      from: transferDates[1]!,
      to: transferDates[1]!,
    });
    expect(ids(window)).toEqual([batchIds[1]]);
    const csv = await api()
      .get('/api/transfer-batches')
      .query({ format: 'csv' })
      .set('Authorization', await as('auditor'))
      .responseType('blob')
      .expect(200);
    const lines = (csv.body as Buffer).toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '振込日,状態,件数,合計金額,作成者,承認者,承認日時,振込完了日時,遅延理由,振込バッチID',
    );
    expect(lines.at(-2)).toMatch(new RegExp(`^${transferDates[0]},振込済,1,3000,alice,bob,`));
  });

  it("lists a batch's payments by its id", async () => {
    const members = await get('/api/payments', { batchId: batchIds[1]! });
    expect(ids(members)).toEqual([paymentsOfB[1]!.id]);
    expect(members.body[0]).toMatchObject({ batchId: batchIds[1], status: 'batched' });
  });

  it("pages a vendor's own remittances: upcoming first, then the latest transferred", async () => {
    const asB = as('vendor', 'vendor-b', vendorB);
    const own = await get('/api/vendor/remittances', {}, asB);
    expect(own.body.map((r) => r.paymentId)).toEqual([
      paymentsOfB[1]!.id,
      paymentsOfB[2]!.id,
      paymentsOfB[0]!.id,
    ]);
    expect(own.body[2]).toMatchObject({
      status: 'paid',
      transferDate: transferDates[0],
      invoiceId: paymentsOfB[0]!.invoiceId,
      dueDate: paymentsOfB[0]!.dueDate,
    });
    const byAmount = await get('/api/vendor/remittances', { sort: 'amount', pageSize: '2' }, asB);
    expect(byAmount.body.map((r) => r.amount)).toEqual([1_000, 2_000]);
    expect(byAmount.headers).toMatchObject({ 'x-total-count': '3', 'x-result-truncated': 'true' });
    // Vendor A never sees vendor B's payments.
    const ofA = await get(
      '/api/vendor/remittances',
      { pageSize: '1000' },
      as('vendor', 'a', vendorA),
    );
    expect(ofA.headers['x-total-count']).toBe('105');
    expect(ofA.body.map((r) => r.invoiceNumber).some((n) => String(n).startsWith('B-'))).toBe(
      false,
    );
    const csv = await api()
      .get('/api/vendor/remittances')
      .query({ format: 'csv' })
      .set('Authorization', await as('vendor', 'a', vendorA))
      .responseType('blob')
      .expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF請求書番号,種別,振込日,支払額,源泉徴収税額,差引振込額,状態,支払期限,支払ID',
    );
    expect(text).not.toContain('B-');
  });

  // Finding 7 of issue 8: following `Link: rel="next"` (a keyset cursor after the first page)
  // reads every list to its end, the same rows in the same order as page numbers do, in every
  // sort and order — ties and transfer dates not yet known (NULL) included.
  it('reads every list by cursor as page numbers do, in every sort and order', async () => {
    const orders = ['asc', 'desc'] as const;
    const cases: [string, Record<string, string>, Promise<string>][] = [
      ...['dueDate', 'amount', 'status'].flatMap((sort) =>
        orders.map((order): [string, Record<string, string>, Promise<string>] => [
          '/api/payments',
          { sort, order, pageSize: '9' },
          as('auditor'),
        ]),
      ),
      ...['transferDate', 'total'].flatMap((sort) =>
        orders.map((order): [string, Record<string, string>, Promise<string>] => [
          '/api/transfer-batches',
          { sort, order, pageSize: '1' },
          as('auditor'),
        ]),
      ),
      ...['transferDate', 'amount'].flatMap((sort) =>
        orders.flatMap((order): [string, Record<string, string>, Promise<string>][] => [
          ['/api/vendor/remittances', { sort, order, pageSize: '1' }, as('vendor', 'b', vendorB)],
          ['/api/vendor/remittances', { sort, order, pageSize: '10' }, as('vendor', 'a', vendorA)],
        ]),
      ),
      ['/api/fiscal-years', { pageSize: '1' }, as('auditor')],
      ['/api/audit/payment', { pageSize: '20' }, as('auditor')],
    ];
    for (const [path, query, role] of cases) {
      const auth = await role;
      const read = (url: string) => api().get(url).set('Authorization', auth);
      const byCursor = await readByCursor(read, path, query);
      const byNumber = await readByPageNumber(read, path, query);
      const total = Number(
        (await read(`${path}?${new URLSearchParams({ ...query, pageSize: '1' })}`)).headers[
          'x-total-count'
        ],
      );
      expect([path, query, byCursor.items.length]).toEqual([path, query, total]);
      expect(byCursor.items).toEqual(byNumber.items);
    }
  });
});
