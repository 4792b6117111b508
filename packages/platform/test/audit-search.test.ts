import type express from 'express';
import type { Pool } from 'pg';
import request from 'supertest';
import { auditSearch, declareOperations } from '@denpyo/schemas';
import { appendAudit, makeSearchAudit } from '../src/audit';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, pgExecutor, withTransaction } from '../src/db/pool';
import { bearer, uniqueSchema } from '../src/testing';
import { operationsApp } from './operations-app';

// 電子帳簿保存法 wants every record searchable: a trail longer than any page (5,200 entries, more
// than the 5,000 an earlier search stopped at) must be reachable to its last entry, page by page,
// by following the answers' own `Link: rel="next"` — a keyset read after the last id seen.
const ENTRIES = 5_200;
const OPERATIONS = declareOperations({ searchContractAudit: auditSearch('contract') });

describe('the audit search, page after page', () => {
  let pool: Pool;
  let app: express.Express;
  let auth: string;

  beforeAll(async () => {
    const schema = uniqueSchema('auditpages');
    pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    await withTransaction(pool, async (sql) => {
      for (let i = 1; i <= ENTRIES; i++) {
        await appendAudit(sql, {
          actor: 'clerk',
          action: 'thing.changed',
          entityType: 'thing',
          entityId: `T-${i}`,
          // Every third entry is about vendor V with an amount, so filters thin the pages.
          ...(i % 3 === 0 ? { amount: i, counterparty: 'V' } : {}),
        });
      }
    });
    auth = await bearer('auditor');
    app = operationsApp(OPERATIONS, {
      searchContractAudit: ({ query }) => makeSearchAudit(pgExecutor(pool))(query),
    });
  }, 120_000);
  afterAll(() => pool.end());

  /** Every entry id of a search, following rel="next" from the first page; and the page count. */
  async function followAll(query: Record<string, string>) {
    const ids: number[] = [];
    let pages = 0;
    let next: string | undefined = `/api/audit/contract?${new URLSearchParams(query).toString()}`;
    while (next) {
      const response: request.Response = await request(app)
        .get(next)
        .set('Authorization', auth)
        .expect(200);
      pages++;
      const pageSize = Number(query.pageSize ?? 100);
      expect(response.body.length).toBeLessThanOrEqual(pageSize);
      ids.push(...response.body.map((entry: { id: string }) => Number(entry.id)));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')?.[1];
      if (next) expect(next).toMatch(/cursor=/);
    }
    return { ids, pages };
  }

  it('reaches every entry beyond 5,000, each once, in id order', async () => {
    const { ids, pages } = await followAll({ pageSize: '1000' });
    expect(pages).toBe(6);
    expect(ids).toHaveLength(ENTRIES);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ENTRIES);
  });

  it('pages newest first, and with filters, to the end', async () => {
    const newest = await followAll({ pageSize: '1000', order: 'desc' });
    expect(newest.ids).toHaveLength(ENTRIES);
    expect(newest.ids).toEqual([...newest.ids].sort((a, b) => b - a));
    const vendor = await followAll({ pageSize: '500', counterparty: 'V', minAmount: '3000' });
    const expected = Math.floor(ENTRIES / 3) - Math.floor(2999 / 3);
    expect(vendor.ids).toHaveLength(expected);
    expect(new Set(vendor.ids).size).toBe(expected);
  });

  it('answers the same pages by cursor as by page number', async () => {
    const first = await request(app)
      .get('/api/audit/contract')
      .query({ pageSize: '1000', page: '5' })
      .set('Authorization', auth)
      .expect(200);
    const byCursor = await followAll({ pageSize: '1000' });
    expect(first.body.map((entry: { id: string }) => Number(entry.id))).toEqual(
      byCursor.ids.slice(4000, 5000),
    );
    expect(first.headers['x-total-count']).toBe(String(ENTRIES));
  });

  it('refuses a cursor whose entry id is not one, without reaching the database', async () => {
    const forged = Buffer.from(JSON.stringify(['id', 'asc', { id: 'x; DROP' }, 0])).toString(
      'base64url',
    );
    const refused = await request(app)
      .get('/api/audit/contract')
      .query({ cursor: forged })
      .set('Authorization', auth)
      .expect(400);
    expect(refused.body.errors).toEqual([
      { path: 'cursor', message: 'must be a cursor from a Link header' },
    ]);
  });
});
