// The contract service's lists through HTTP on a real database: paging, sorting, filters, CSV,
// vendor scoping, and the vendor, budget, history, bank and branch lists.
import type { RunningService } from '@denpyo/platform';
import { readByCursor, readByPageNumber } from '@denpyo/platform/testing';
import request from 'supertest';
import {
  approve,
  as,
  contractRequest,
  corporateNumber,
  createBudget,
  createSubmittedContract,
  startContractService,
  vendorRequest,
} from './support';

interface Listed {
  body: Record<string, unknown>[];
  headers: Record<string, string>;
}

describe('lists', () => {
  let service: RunningService;
  let vendorA: string;
  let vendorB: string;
  let budgetCode: string;
  /** Vendor A's 105 drafts (amount 1,000 + i), in document-number order; vendor B has 3. */
  const contractsOfA: string[] = [];
  const contractsOfB: string[] = [];

  const registerVendor = async (name: string, nameKana: string, twelveDigits: string) =>
    (
      await request(service.app)
        .post('/api/vendors')
        .set('Authorization', await as('procurement'))
        .send(
          vendorRequest({
            name,
            nameKana,
            corporateNumber: corporateNumber(twelveDigits),
            invoiceRegistrationNumber: `T${corporateNumber(twelveDigits)}`,
          }),
        )
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    service = await startContractService();
    vendorA = await registerVendor(
      '株式会社アオバ建設',
      'カブシキガイシャアオバケンセツ',
      '100000000001',
    );
    vendorB = await registerVendor(
      'ベニバナ商事株式会社',
      'ベニバナショウジカブシキガイシャ',
      '100000000002',
    );
    budgetCode = await createBudget(service, 10_000_000_000);
    const draft = async (vendorId: string, amount: number, title: string) =>
      (
        await request(service.app)
          .post('/api/contracts')
          .set('Authorization', await as('procurement'))
          .send({ ...contractRequest({ vendorId, budgetCode, amount }), title })
          .expect(201)
      ).body.id as string;
    // One at a time, so document numbers follow the order of creation.
    for (let i = 0; i < 105; i++) {
      contractsOfA.push(
        await draft(vendorA, 1_000 + i, i === 7 ? '"特別", 清掃\n業務' : `清掃業務 ${i}`),
      );
    }
    for (let i = 0; i < 3; i++) contractsOfB.push(await draft(vendorB, 500 + i, `警備業務 ${i}`));
  }, 120_000);
  afterAll(() => service.stop());

  const get = async (path: string, query: Record<string, string>, role = as('accountant')) =>
    (await request(service.app)
      .get(path)
      .query(query)
      .set('Authorization', await role)
      .expect(200)) as unknown as Listed;
  const ids = (listed: Listed) => listed.body.map((item) => item.id);

  describe('GET /api/contracts', () => {
    it('pages with the total and links, 100 by default, in document-number order', async () => {
      const first = await get('/api/contracts', { vendorId: vendorA });
      expect(ids(first)).toEqual(contractsOfA.slice(0, 100));
      expect(first.headers).toMatchObject({
        'x-total-count': '105',
        'x-page': '1',
        'x-page-size': '100',
        'x-result-truncated': 'true',
      });
      // The next page is a keyset cursor after the last contract shown, the filters kept.
      const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.link)?.[1];
      expect(next).toMatch(new RegExp(`^/api/contracts\\?vendorId=${vendorA}&cursor=[\\w-]+$`));
      const following = (await request(service.app)
        .get(next!)
        .set('Authorization', await as('accountant'))
        .expect(200)) as unknown as Listed;
      expect(ids(following)).toEqual(contractsOfA.slice(100));
      expect(following.headers.link).toBeUndefined();
      const second = await get('/api/contracts', { vendorId: vendorA, page: '2' });
      expect(ids(second)).toEqual(contractsOfA.slice(100));
      expect(second.headers['x-result-truncated']).toBeUndefined();
      expect(second.headers.link).toBe(`</api/contracts?vendorId=${vendorA}&page=1>; rel="prev"`);
      // A count for a home page: one item, and the total.
      const count = await get('/api/contracts', { status: 'draft', pageSize: '1' });
      expect(count.body).toHaveLength(1);
      expect(count.headers['x-total-count']).toBe('108');
    });

    it('sorts by amount both ways, and by status', async () => {
      const asc = await get('/api/contracts', { sort: 'amount', order: 'asc', pageSize: '4' });
      expect(asc.body.map((c) => c.amount)).toEqual([500, 501, 502, 1000]);
      const desc = await get('/api/contracts', { sort: 'amount', order: 'desc', pageSize: '2' });
      expect(desc.body.map((c) => c.amount)).toEqual([1104, 1103]);
      const byDocument = await get('/api/contracts', { order: 'desc', pageSize: '3' });
      expect(ids(byDocument)).toEqual([...contractsOfB].reverse());
      const id = await createSubmittedContract(service, {
        vendorId: vendorB,
        budgetCode,
        amount: 9,
      });
      const submittedLast = await get('/api/contracts', {
        sort: 'status',
        order: 'desc',
        pageSize: '1',
      });
      expect(ids(submittedLast)).toEqual([id]);
      expect((await approve(service, id, 'approver-a')).status).toBe(200);
      const approved = await get('/api/contracts', { status: 'approved' });
      expect(ids(approved)).toEqual([id]);
      contractsOfB.push(id);
    });

    it('filters by text in the title or the document number', async () => {
      expect(ids(await get('/api/contracts', { q: '警備' }))).toEqual(contractsOfB.slice(0, 3));
      const [first] = (await get('/api/contracts', { vendorId: vendorB, pageSize: '1' })).body;
      const byNumber = await get('/api/contracts', {
        q: String(first?.documentNumber).toLowerCase(),
      });
      expect(ids(byNumber)).toEqual([first?.id]);
      expect(ids(await get('/api/contracts', { q: '清掃業務 10', minAmount: '1100' }))).toEqual([
        contractsOfA[100],
        contractsOfA[101],
        contractsOfA[102],
        contractsOfA[103],
        contractsOfA[104],
      ]);
    });

    it('downloads every match as CSV, beyond one page', async () => {
      const response = await request(service.app)
        .get('/api/contracts')
        .query({ vendorId: vendorA, format: 'csv', pageSize: '10' })
        .set('Authorization', await as('auditor'))
        .responseType('blob')
        .expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="listContracts-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(response.headers['x-total-count']).toBe('105');
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        '契約番号,件名,取引先ID,年度,予算科目,契約金額,税率,種別,契約方法,契約開始日,契約終了日,状態,請求済額,支払済額,残額,作成者,契約ID',
      );
      // 105 rows (one title holds a line break inside its quotes) and the final CRLF.
      expect(text.match(/\r\n/g)).toHaveLength(106);
      expect(text).toContain(`,"""特別"", 清掃\n業務",${vendorA},2026,${budgetCode},1007,10,`);
      expect(lines[1]).toMatch(
        new RegExp(
          `^CT-2026-\\d{6},清掃業務 0,${vendorA},.*,下書き,0,0,1000,procurement-user,${contractsOfA[0]}$`,
        ),
      );
      expect(lines.at(-2)).toContain(contractsOfA[104]);
      expect(lines.at(-1)).toBe('');
    });

    it('shows vendor A only its own contracts, whatever it asks for', async () => {
      const asA = as('vendor', 'vendor-a', vendorA);
      const own = await get('/api/contracts', { pageSize: '1000' }, asA);
      expect(own.headers['x-total-count']).toBe('105');
      expect(ids(own)).toEqual(contractsOfA);
      expect(ids(await get('/api/contracts', { q: '警備' }, asA))).toEqual([]);
      const csv = await request(service.app)
        .get('/api/contracts')
        .query({ format: 'csv' })
        .set('Authorization', await asA)
        .responseType('blob')
        .expect(200);
      expect((csv.body as Buffer).toString('utf8')).not.toContain(vendorB);
      await request(service.app)
        .get('/api/contracts')
        .query({ vendorId: vendorB })
        .set('Authorization', await asA)
        .expect(403);
    });

    it('refuses bad paging input with 400 naming the field', async () => {
      const auth = await as('accountant');
      for (const [query, field] of [
        [{ page: '0' }, 'page'],
        [{ pageSize: '5000' }, 'pageSize'],
        [{ sort: 'unknown' }, 'sort'],
        [{ sort: 'title' }, 'sort'],
        [{ order: 'random' }, 'order'],
        [{ format: 'pdf' }, 'format'],
      ] as const) {
        const response = await request(service.app)
          .get('/api/contracts')
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

  describe('GET /api/contracts/{id}/history', () => {
    it("gives a contract's audit entries oldest first, paged", async () => {
      const [id] = contractsOfB.slice(-1); // drafted, submitted, approved
      const history = await get(`/api/contracts/${id}/history`, {});
      expect(history.body.map((e) => e.action)).toEqual([
        'contract.drafted',
        'contract.submitted',
        'contract.approved',
      ]);
      expect(history.body.every((e) => e.entityId === id)).toBe(true);
      expect(history.headers['x-total-count']).toBe('3');
      const newest = await get(`/api/contracts/${id}/history`, { order: 'desc', pageSize: '1' });
      expect(newest.body.map((e) => e.action)).toEqual(['contract.approved']);
    });

    it('is 404 for an unknown contract and staff only', async () => {
      await request(service.app)
        .get('/api/contracts/00000000-0000-4000-8000-000000000000/history')
        .set('Authorization', await as('auditor'))
        .expect(404);
      await request(service.app)
        .get(`/api/contracts/${contractsOfA[0]}/history`)
        .set('Authorization', await as('vendor', 'vendor-a', vendorA))
        .expect(403);
    });
  });

  describe('GET /api/vendors', () => {
    it('searches name, kana, corporate and registration number, sorted by name (its kana)', async () => {
      const all = await get('/api/vendors', {});
      expect(ids(all)).toEqual([vendorA, vendorB]);
      expect(ids(await get('/api/vendors', { order: 'desc' }))).toEqual([vendorB, vendorA]);
      expect(ids(await get('/api/vendors', { q: 'アオバ' }))).toEqual([vendorA]);
      expect(ids(await get('/api/vendors', { q: 'ベニバナショウジ' }))).toEqual([vendorB]);
      expect(ids(await get('/api/vendors', { q: corporateNumber('100000000002') }))).toEqual([
        vendorB,
      ]);
      expect(ids(await get('/api/vendors', { q: 't' + corporateNumber('100000000001') }))).toEqual([
        vendorA,
      ]);
      expect((await get('/api/vendors', { q: 'なし' })).headers['x-total-count']).toBe('0');
    });

    it('is for staff only', async () => {
      await request(service.app)
        .get('/api/vendors')
        .set('Authorization', await as('vendor', 'vendor-a', vendorA))
        .expect(403);
    });
  });

  describe('GET /api/budgets', () => {
    it('lists budget lines with encumbered, spent and available, by code or year', async () => {
      const older = await createBudget(service, 3_000, 2025);
      const lines = await get('/api/budgets', { fiscalYear: '2026' });
      expect(lines.body).toContainEqual({
        fiscalYear: 2026,
        code: budgetCode,
        name: '委託料',
        amount: 10_000_000_000,
        transfersIn: 0,
        transfersOut: 0,
        currentAmount: 10_000_000_000,
        encumbered: 9,
        spent: 0,
        available: 10_000_000_000 - 9,
      });
      expect(lines.body.every((line) => line.fiscalYear === 2026)).toBe(true);
      const byCode = await get('/api/budgets', { q: older });
      expect(byCode.body).toEqual([
        expect.objectContaining({ fiscalYear: 2025, code: older, available: 3_000 }),
      ]);
      const byYear = await get('/api/budgets', { sort: 'fiscalYear', order: 'asc' });
      expect(byYear.body.map((line) => line.fiscalYear)).toEqual([2025, 2026]);
      expect(byYear.headers['x-total-count']).toBe('2');
      const byName = await get('/api/budgets', { q: '委託' });
      expect(byName.headers['x-total-count']).toBe('2');
      await request(service.app)
        .get('/api/budgets')
        .query({ fiscalYear: '26' })
        .set('Authorization', await as('accountant'))
        .expect(400);
    });
  });

  describe('GET /api/banks and /api/banks/{bankCode}/branches', () => {
    it('finds banks by code prefix or name, at most 50 a page, for staff and vendors', async () => {
      const byName = await get('/api/banks', { q: '三井住友' }, as('vendor', 'vendor-a', vendorA));
      expect(byName.body).toEqual([
        { code: '0009', name: '三井住友', kana: 'ﾐﾂｲｽﾐﾄﾓ' },
        { code: '0294', name: '三井住友信託', kana: 'ﾐﾂｲｽﾐﾄﾓｼﾝﾀｸ' },
      ]);
      const byCode = await get('/api/banks', { q: '0001' });
      expect(byCode.body).toEqual([{ code: '0001', name: 'みずほ', kana: 'ﾐｽﾞﾎ' }]);
      const all = await get('/api/banks', {});
      expect(all.body).toHaveLength(50);
      expect(Number(all.headers['x-total-count'])).toBeGreaterThan(1000);
      await request(service.app)
        .get('/api/banks')
        .query({ pageSize: '51' })
        .set('Authorization', await as('accountant'))
        .expect(400);
    });

    it("finds a bank's branches, and 404 for an unknown bank", async () => {
      const branches = await get('/api/banks/0001/branches', { q: 'つきじ' });
      expect(branches.body).toEqual([{ code: '015', name: '築地', kana: 'ﾂｷﾁﾞ' }]);
      const byCode = await get('/api/banks/0001/branches', { q: '01', pageSize: '3' });
      expect(byCode.body).toHaveLength(3);
      expect(byCode.body.map((branch) => branch.code)).toEqual(
        byCode.body.map((branch) => branch.code).sort(),
      );
      expect(byCode.body.every((branch) => String(branch.code).startsWith('01'))).toBe(true);
      await request(service.app)
        .get('/api/banks/0002/branches')
        .set('Authorization', await as('accountant'))
        .expect(404);
      await request(service.app)
        .get('/api/banks/12/branches')
        .set('Authorization', await as('accountant'))
        .expect(400);
    });
  });
  // Finding 7 of issue 8: following `Link: rel="next"` (a keyset cursor after the first page)
  // reads every list to its end, the same rows in the same order as page numbers do, in every
  // sort and order — ties included (status, dates), which the repositories break by a unique key.
  describe('every list, read by cursor', () => {
    const orders = ['asc', 'desc'] as const;
    const cases = (): [string, Record<string, string>][] => [
      ...['documentNumber', 'startDate', 'amount', 'status'].flatMap((sort) =>
        orders.map((order): [string, Record<string, string>] => [
          '/api/contracts',
          { sort, order, pageSize: '7' },
        ]),
      ),
      ['/api/contracts', { vendorId: vendorA, q: '清掃', pageSize: '10' }],
      ...orders.map((order): [string, Record<string, string>] => [
        '/api/vendors',
        { order, pageSize: '1' },
      ]),
      ...['code', 'fiscalYear'].flatMap((sort) =>
        orders.map((order): [string, Record<string, string>] => [
          '/api/budgets',
          { sort, order, pageSize: '1' },
        ]),
      ),
      ['/api/budget-transfers', { pageSize: '1' }],
      [`/api/vendors/${vendorA}/bank-account-changes`, { pageSize: '1' }],
      [`/api/contracts/${contractsOfB.at(-1)}/history`, { order: 'desc', pageSize: '1' }],
      ['/api/audit/contract', { pageSize: '25' }],
      ['/api/banks', { q: '信用', pageSize: '50' }],
      ['/api/banks/0001/branches', { order: 'desc', pageSize: '50' }],
    ];

    it('reaches every match once, as page numbers do, in every sort and order', async () => {
      const auth = await as('auditor');
      const get = (url: string) => request(service.app).get(url).set('Authorization', auth);
      for (const [path, query] of cases()) {
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

    it('answers a well-formed cursor of no row with an empty page, and a forged one with 400', async () => {
      const auth = await as('auditor');
      const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const nowhere = await request(service.app)
        .get('/api/contracts')
        .query({
          cursor: cursor(['amount', 'asc', { id: '00000000-0000-4000-8000-000000000000' }, 7]),
        })
        .set('Authorization', auth)
        .expect(200);
      expect(nowhere.body).toEqual([]);
      for (const forged of [
        ['amount', 'asc', { id: 'not-a-uuid' }, 7],
        ['amount', 'asc', { code: '01' }, 7],
        ['title', 'asc', { id: '00000000-0000-4000-8000-000000000000' }, 7],
      ]) {
        await request(service.app)
          .get('/api/contracts')
          .query({ cursor: cursor(forged) })
          .set('Authorization', auth)
          .expect(400);
      }
      await request(service.app)
        .get('/api/budgets')
        .query({ cursor: cursor(['code', 'asc', { fiscalYear: 'x', code: '1' }, 1]) })
        .set('Authorization', auth)
        .expect(400);
    });
  });
});
