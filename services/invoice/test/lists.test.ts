// The invoice list and an invoice's history through HTTP on a real database: paging, sorting,
// filters, CSV, vendor scoping.
import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, readByCursor, readByPageNumber, testServiceEnv } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import { approvedContract, invoiceBody, type ContractFixture } from './helpers';

interface Listed {
  body: Record<string, unknown>[];
  headers: Record<string, string>;
}

let service: RunningService;
let contractA: ContractFixture;
let contractB: ContractFixture;
/** Vendor A's 105 invoices (10,000 + i yen before tax), in the order received; B has 2. */
const invoicesOfA: { id: string; invoiceNumber: string; total: number }[] = [];
const invoicesOfB: { id: string; invoiceNumber: string; total: number }[] = [];

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice'));
  contractA = await approvedContract(service, { amount: 100_000_000 });
  contractB = await approvedContract(service, { amount: 100_000_000 });
  const procurement = await bearer('procurement', { username: 'alice' });
  const receive = async (contractId: string, amount: number, invoiceNumber?: string) => {
    const body = invoiceBody(contractId, {
      lines: [{ description: '清掃', amount, taxRate: 10 }],
      ...(invoiceNumber ? { invoiceNumber } : {}),
    });
    const response = await request(service.url)
      .post('/api/invoices')
      .set('Authorization', procurement)
      .send(body)
      .expect(201);
    return { id: response.body.id, invoiceNumber: body.invoiceNumber, total: response.body.total };
  };
  for (let i = 0; i < 105; i++) {
    invoicesOfA.push(
      await receive(contractA.contractId, 10_000 + i, i === 3 ? 'A-"3", 特' : undefined),
    );
  }
  invoicesOfB.push(await receive(contractB.contractId, 1_000, 'B-FIRST'));
  invoicesOfB.push(await receive(contractB.contractId, 2_000, 'B-SECOND'));
}, 120_000);

afterAll(() => service.stop());

const list = async (query: Record<string, string>, role: Promise<string> = bearer('auditor')) =>
  (await request(service.url)
    .get('/api/invoices')
    .query(query)
    .set('Authorization', await role)
    .expect(200)) as unknown as Listed;
const ids = (listed: Listed) => listed.body.map((invoice) => invoice.id);

describe('GET /api/invoices', () => {
  it('pages the newest first by default, with the total and links', async () => {
    const first = await list({ vendorId: contractA.vendorId });
    // Received the same day: the later document number first.
    expect(ids(first)).toEqual(
      invoicesOfA
        .map((i) => i.id)
        .reverse()
        .slice(0, 100),
    );
    expect(first.headers).toMatchObject({
      'x-total-count': '105',
      'x-page': '1',
      'x-page-size': '100',
      'x-result-truncated': 'true',
    });
    // The next page is a keyset cursor after the last invoice shown, the filters kept.
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.link)?.[1];
    expect(next).toMatch(
      new RegExp(`^/api/invoices\\?vendorId=${contractA.vendorId}&cursor=[\\w-]+$`),
    );
    const following = await request(service.url)
      .get(next!)
      .set('Authorization', await bearer('auditor'))
      .expect(200);
    expect(following.body.map((invoice: { id: string }) => invoice.id)).toEqual(
      invoicesOfA
        .map((i) => i.id)
        .reverse()
        .slice(100),
    );
    const second = await list({ vendorId: contractA.vendorId, page: '2' });
    expect(ids(second)).toEqual(
      invoicesOfA
        .map((i) => i.id)
        .reverse()
        .slice(100),
    );
    expect(second.headers['x-result-truncated']).toBeUndefined();
    const counted = await list({ status: 'received', pageSize: '1' });
    expect(counted.headers['x-total-count']).toBe('107');
  });

  it('sorts by total and by document number, both ways', async () => {
    const cheapest = await list({ sort: 'total', order: 'asc', pageSize: '3' });
    expect(cheapest.body.map((i) => i.total)).toEqual([1_100, 2_200, 11_000]);
    const dearest = await list({ sort: 'total', order: 'desc', pageSize: '1' });
    expect(dearest.body.map((i) => i.total)).toEqual([invoicesOfA[104]!.total]);
    const oldest = await list({ sort: 'documentNumber', order: 'asc', pageSize: '2' });
    expect(ids(oldest)).toEqual([invoicesOfA[0]!.id, invoicesOfA[1]!.id]);
    const byDue = await list({ sort: 'dueDate', order: 'asc', pageSize: '1000' });
    expect(byDue.body).toHaveLength(107);
  });

  it('filters by invoice or document number (q) with the other filters', async () => {
    expect(ids(await list({ q: 'b-first' }))).toEqual([invoicesOfB[0]!.id]);
    expect(
      ids(await list({ q: 'B-', vendorId: contractB.vendorId, order: 'asc', sort: 'total' })),
    ).toEqual(invoicesOfB.map((i) => i.id));
    const [newest] = (await list({ pageSize: '1' })).body;
    expect(ids(await list({ q: String(newest?.documentNumber) }))).toEqual([newest?.id]);
    expect(ids(await list({ q: 'B-', minAmount: '2000' }))).toEqual([invoicesOfB[1]!.id]);
  });

  it('downloads every match as CSV, beyond one page', async () => {
    const response = await request(service.url)
      .get('/api/invoices')
      .query({ vendorId: contractA.vendorId, format: 'csv', sort: 'documentNumber', order: 'asc' })
      .set('Authorization', await bearer('accountant'))
      .responseType('blob')
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="listInvoices-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '受付番号,請求書番号,契約ID,取引先ID,登録番号,適格請求書,請求日,受付日,税抜金額,消費税額,請求金額,源泉徴収税額,差引支払額,検収期限,支払期限,状態,受領方法,原本SHA-256,請求書ID',
    );
    expect(lines).toHaveLength(1 + 105 + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toContain(`,${invoicesOfA[0]!.invoiceNumber},${contractA.contractId},`);
    expect(lines[1]).toMatch(
      /,適格,[\d-]+,[\d-]+,10000,1000,11000,0,11000,[\d-]{10},[\d-]{10},受付済,紙・入力,,/,
    );
    expect(lines[4]).toContain(',"A-""3"", 特",');
  });

  it('shows vendor A its own invoices only, whatever it asks for', async () => {
    const asA = bearer('vendor', { vendorId: contractA.vendorId });
    const own = await list({ pageSize: '1000' }, asA);
    expect(own.headers['x-total-count']).toBe('105');
    expect(own.body.every((i) => i.vendorId === contractA.vendorId)).toBe(true);
    expect(await list({ q: 'B-' }, asA).then(ids)).toEqual([]);
    expect(await list({ contractId: contractB.contractId }, asA).then(ids)).toEqual([]);
    const csv = await request(service.url)
      .get('/api/invoices')
      .query({ format: 'csv' })
      .set('Authorization', await asA)
      .responseType('blob')
      .expect(200);
    expect((csv.body as Buffer).toString('utf8')).not.toContain(contractB.vendorId);
    await request(service.url)
      .get('/api/invoices')
      .query({ vendorId: contractB.vendorId })
      .set('Authorization', await asA)
      .expect(403);
  });

  it('refuses bad paging input with 400 naming the field', async () => {
    const auth = await bearer('procurement');
    for (const [query, field] of [
      [{ page: '0' }, 'page'],
      [{ pageSize: '5000' }, 'pageSize'],
      [{ sort: 'unknown' }, 'sort'],
      [{ sort: 'amount' }, 'sort'],
      [{ order: 'newest' }, 'order'],
    ] as const) {
      const response = await request(service.url)
        .get('/api/invoices')
        .query(query)
        .set('Authorization', auth)
        .expect(400);
      expect([query, response.body.errors.map((e: { path: string }) => e.path)]).toEqual([
        query,
        [field],
      ]);
    }
  });
});

describe('GET /api/invoices/{id}/history', () => {
  it("gives an invoice's audit entries oldest first, to staff and to its own vendor", async () => {
    const [invoice] = invoicesOfB;
    await request(service.url)
      .post(`/api/invoices/${invoice!.id}/inspect`)
      .set('Authorization', await bearer('procurement', { username: 'bob' }))
      .expect(200);
    const history = await request(service.url)
      .get(`/api/invoices/${invoice!.id}/history`)
      .set('Authorization', await bearer('vendor', { vendorId: contractB.vendorId }))
      .expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'invoice.received',
      'invoice.inspected',
    ]);
    expect(history.body.every((e: { entityId: string }) => e.entityId === invoice!.id)).toBe(true);
    expect(history.headers['x-total-count']).toBe('2');
    await request(service.url)
      .get(`/api/invoices/${invoice!.id}/history`)
      .set('Authorization', await bearer('vendor', { vendorId: contractA.vendorId }))
      .expect(403);
    await request(service.url)
      .get('/api/invoices/00000000-0000-4000-8000-000000000000/history')
      .set('Authorization', await bearer('auditor'))
      .expect(404);
  });
});

// Finding 7 of issue 8: following `Link: rel="next"` (a keyset cursor after the first page) reads
// every list to its end, the same rows in the same order as page numbers do, in every sort and
// order — ties included (the invoices were received the same day: document numbers break them).
describe('every list, read by cursor', () => {
  it('reaches every match once, as page numbers do, in every sort and order', async () => {
    const auth = await bearer('auditor');
    const get = (url: string) => request(service.url).get(url).set('Authorization', auth);
    const sorts = ['receivedOn', 'total', 'dueDate', 'inspectionDueDate', 'documentNumber'];
    const cases: [string, Record<string, string>][] = [
      ...sorts.flatMap((sort) =>
        (['asc', 'desc'] as const).map((order): [string, Record<string, string>] => [
          '/api/invoices',
          { sort, order, pageSize: '8' },
        ]),
      ),
      ['/api/invoices', { vendorId: contractA.vendorId, minAmount: '10050', pageSize: '9' }],
      [`/api/invoices/${invoicesOfB[0]!.id}/history`, { pageSize: '1' }],
      ['/api/audit/invoice', { order: 'desc', pageSize: '10' }],
    ];
    for (const [path, query] of cases) {
      const byCursor = await readByCursor(get, path, query);
      const byNumber = await readByPageNumber(get, path, query);
      const total = Number(
        (await get(`${path}?${new URLSearchParams({ ...query, pageSize: '1' })}`)).headers[
          'x-total-count'
        ],
      );
      expect([path, query, byCursor.items.length]).toEqual([path, query, total]);
      expect(byCursor.items).toEqual(byNumber.items);
    }
  });
});
