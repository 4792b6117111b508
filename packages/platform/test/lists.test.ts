import type express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { japanToday } from '@denpyo/jp';
import { declareOperations, jsonList, listing, listQuery } from '@denpyo/schemas';
import { ok, refuse } from '../src/application/outcome';
import { cellText, quote, toCsv } from '../src/http/csv';
import { bearer } from '../src/testing';
import { operationsApp } from './operations-app';

// A list operation in miniature: declared once (item, sortable fields, CSV columns), registered
// from the declaration; its "use case" pages an array the way a repository pages a table.
const THING = z.object({ n: z.int(), name: z.string(), note: z.string().optional() });
type Thing = z.infer<typeof THING>;
const THINGS = listing(THING, {
  sortable: ['n', 'name'],
  defaultSort: 'n',
  defaultOrder: 'desc',
  pageSize: { default: 10, max: 50 },
  key: ['n'],
  columns: [
    { header: '番号', value: 'n' },
    { header: '名称', value: 'name' },
    { header: '備考', value: (thing) => thing.note },
  ],
});
const OPERATIONS = declareOperations({
  listThings: {
    method: 'get',
    path: '/api/things',
    owner: 'contract',
    tag: 'contract',
    summary: 'Things',
    roles: ['auditor'],
    query: listQuery(THINGS, { q: z.string().optional() }),
    response: jsonList(THINGS, 'Things'),
  },
});

const ALL: Thing[] = Array.from({ length: 123 }, (_, i) => ({
  n: i + 1,
  name: `thing ${String(i + 1).padStart(3, '0')}`,
}));
ALL[0] = { n: 1, name: 'a "quoted", multi\r\nline name', note: '=HYPERLINK("x")' };

describe('a list operation', () => {
  let app: express.Express;
  let asked: unknown[];
  let auth: string;

  beforeAll(async () => {
    auth = await bearer('auditor');
    app = operationsApp(OPERATIONS, {
      listThings: async ({ query }) => {
        asked.push(query);
        if (query.q === 'refuse') return refuse('forbidden', 'not these');
        const matches = ALL.filter((t) => !query.q || t.name.includes(query.q!));
        const sign = query.order === 'asc' ? 1 : -1;
        const sorted = [...matches].sort((a, b) =>
          query.sort === 'n' ? sign * (a.n - b.n) : sign * a.name.localeCompare(b.name),
        );
        // After a cursor, right after its row (a keyset read, as a repository does).
        const after = query.after?.key.n;
        const skip =
          after === undefined
            ? (query.page - 1) * query.pageSize
            : sorted.findIndex((t) => t.n === after) + 1;
        return ok({ items: sorted.slice(skip, skip + query.pageSize), total: matches.length });
      },
    });
  });
  beforeEach(() => {
    asked = [];
  });

  const list = (query: Record<string, string> = {}) =>
    request(app).get('/api/things').query(query).set('Authorization', auth);

  it('asks the use case for the declared defaults and says how many match', async () => {
    const first = await list().expect(200);
    expect(asked).toEqual([{ page: 1, pageSize: 10, sort: 'n', order: 'desc' }]);
    expect(first.body.map((t: Thing) => t.n)).toEqual([
      123, 122, 121, 120, 119, 118, 117, 116, 115, 114,
    ]);
    expect(first.headers).toMatchObject({
      'x-total-count': '123',
      'x-page': '1',
      'x-page-size': '10',
      'x-result-truncated': 'true',
    });
    // The first page's next page is the keyset continuation after its last row (n 114).
    expect(first.headers.link).toMatch(/^<\/api\/things\?cursor=[\w-]+>; rel="next"$/);
    const second = await request(app)
      .get(/<([^>]+)>/.exec(first.headers.link)![1]!)
      .set('Authorization', auth)
      .expect(200);
    expect(asked[1]).toMatchObject({ sort: 'n', order: 'desc', after: { key: { n: 114 } } });
    expect(second.body.map((t: Thing) => t.n)).toEqual([
      113, 112, 111, 110, 109, 108, 107, 106, 105, 104,
    ]);
    expect(second.headers['x-page']).toBeUndefined();
    expect(second.headers['x-total-count']).toBe('123');
  });

  it('reaches every match by following rel="next", in any sort, keeping the filters', async () => {
    const queries: Record<string, string>[] = [
      { pageSize: '7' },
      { pageSize: '50', sort: 'name', order: 'desc', q: 'thing' },
      { sort: 'n', order: 'asc' },
    ];
    for (const query of queries) {
      asked = [];
      const seen: number[] = [];
      let response = await list(query).expect(200);
      for (;;) {
        seen.push(...response.body.map((t: Thing) => t.n));
        const next = /<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')?.[1];
        if (!next) break;
        expect(response.headers['x-result-truncated']).toBe('true');
        expect(next).not.toMatch(/[?&](page|sort|order)=/);
        if ('q' in query) expect(next).toContain('q=thing');
        response = await request(app).get(next).set('Authorization', auth).expect(200);
      }
      const matches = ALL.filter((t) => !('q' in query) || t.name.includes(query.q!));
      expect(seen).toHaveLength(matches.length);
      expect(new Set(seen).size).toBe(matches.length);
      expect(response.headers['x-result-truncated']).toBeUndefined();
      // Every page after the first was asked for in the first page's sort, after a row.
      const sort = query.sort ?? 'n';
      for (const page of asked.slice(1))
        expect(page).toMatchObject({ sort, after: { key: { n: expect.any(Number) } } });
    }
  });

  it('refuses a cursor it did not write, or one used with page or another sort', async () => {
    const first = await list({ sort: 'name' }).expect(200);
    const cursor = /cursor=([\w-]+)/.exec(first.headers.link)![1]!;
    asked = [];
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refusedQueries: Record<string, string>[] = [
      { cursor: 'not a cursor' },
      { cursor: 'AAAA' },
      { cursor: forged(['name', 'asc', { n: 'x' }, 10]) },
      { cursor: forged(['name', 'asc', { id: 1 }, 10]) },
      { cursor: forged(['colour', 'asc', { n: 1 }, 10]) },
      { cursor: forged(['name', 'asc', { n: 1 }, -1]) },
      { cursor, page: '2' },
      { cursor, sort: 'n' },
      { cursor, order: 'desc' },
    ];
    for (const query of refusedQueries) {
      const refused = await list(query).expect(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
    }
    expect(asked).toEqual([]);
    await list({ cursor, sort: 'name', order: 'asc' }).expect(200);
  });

  it('refuses every cursor of a list whose item schema cannot check the key', async () => {
    // A lazy item has no shape: nothing can vouch for a cursor's key, so none reaches the use case.
    const shapeless = listing(
      z.lazy(() => THING),
      { sortable: ['n'], defaultSort: 'n', key: ['n'], columns: [{ header: '番号', value: 'n' }] },
    );
    const other = operationsApp(
      declareOperations({
        listShapeless: {
          ...OPERATIONS.listThings,
          query: listQuery(shapeless, {}),
          response: jsonList(shapeless, 'Things'),
        },
      }),
      {
        listShapeless: async ({ query }) => {
          asked.push(query);
          return ok({ items: ALL.slice(0, query.pageSize), total: ALL.length });
        },
      },
    );
    const forged = Buffer.from(JSON.stringify(['n', 'asc', { n: 'x' }, 10])).toString('base64url');
    const refused = await request(other)
      .get('/api/things')
      .query({ cursor: forged })
      .set('Authorization', auth)
      .expect(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
    expect(asked).toEqual([]);
  });

  it('pages, sorts both ways and keeps the filters in its links', async () => {
    const middle = await list({
      q: 'thing',
      page: '2',
      pageSize: '50',
      sort: 'name',
      order: 'asc',
    }).expect(200);
    expect(asked[0]).toEqual({ q: 'thing', page: 2, pageSize: 50, sort: 'name', order: 'asc' });
    expect(middle.body[0].name).toBe('thing 052');
    expect(middle.headers['x-total-count']).toBe('122');
    expect(middle.headers.link).toBe(
      '</api/things?q=thing&page=3&pageSize=50&sort=name&order=asc>; rel="next", </api/things?q=thing&page=1&pageSize=50&sort=name&order=asc>; rel="prev"',
    );
    const last = await list({
      q: 'thing',
      page: '3',
      pageSize: '50',
      sort: 'name',
      order: 'desc',
    }).expect(200);
    expect(last.body).toHaveLength(22);
    expect(last.body.at(-1).name).toBe('thing 002');
    expect(last.headers['x-result-truncated']).toBeUndefined();
    expect(last.headers.link).toMatch(/page=2.*rel="prev"$/);
    expect(last.headers.link).not.toMatch(/next/);
    const beyond = await list({ page: '99', pageSize: '50' }).expect(200);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers.link).toBe('</api/things?page=3&pageSize=50>; rel="prev"');
    // Another sort field is ascending unless asked otherwise (the declared order is n's).
    await list({ sort: 'name', pageSize: '1' }).expect(200);
    expect(asked.at(-1)).toEqual({ page: 1, pageSize: 1, sort: 'name', order: 'asc' });
    await list({ sort: 'n', pageSize: '1' }).expect(200);
    expect(asked.at(-1)).toEqual({ page: 1, pageSize: 1, sort: 'n', order: 'desc' });
    const one = await list({ pageSize: '1' }).expect(200);
    expect(one.body).toHaveLength(1);
    expect(one.headers['x-total-count']).toBe('123');
  });

  it('refuses bad paging input with a 400 naming each field', async () => {
    for (const [query, field] of [
      [{ page: '0' }, 'page'],
      [{ pageSize: '51' }, 'pageSize'],
      [{ pageSize: '5000' }, 'pageSize'],
      [{ sort: 'unknown' }, 'sort'],
      [{ order: 'sideways' }, 'order'],
      [{ format: 'xml' }, 'format'],
      [{ colour: 'red' }, ''],
    ] as const) {
      const response = await list(query).expect(400);
      expect([query, response.body.errors.map((e: { path: string }) => e.path)]).toEqual([
        query,
        [field || '(body)'],
      ]);
    }
    expect(asked).toEqual([]);
  });

  it('passes a refusal on as problem+json', async () => {
    const refused = await list({ q: 'refuse' }).expect(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });

  it('downloads every match as CSV: BOM, Japanese header, CRLF, RFC 4180 quoting, a filename', async () => {
    const response = await list({
      format: 'csv',
      sort: 'n',
      order: 'asc',
      page: '5',
      pageSize: '10',
    })
      .responseType('blob')
      .expect(200);
    // Every match on one page, whatever page was asked for.
    expect(asked).toEqual([{ page: 1, pageSize: 100_000, sort: 'n', order: 'asc' }]);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="listThings-${japanToday()}.csv"`,
    );
    expect(response.headers['x-total-count']).toBe('123');
    expect(response.headers['x-result-truncated']).toBeUndefined();
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').slice(0, 1)).toEqual(['番号,名称,備考']);
    expect(text).toContain(
      '1,"a ""quoted"", multi\r\nline name","\'=HYPERLINK(""x"")"\r\n2,thing 002,\r\n',
    );
    expect(text.endsWith('123,thing 123,\r\n')).toBe(true);
    // 123 rows and the header: CRLFs, less the one inside the quoted name.
    expect(text.split('\r\n').length - 1 - 1).toBe(124);
  });
});

describe('the CSV writer', () => {
  it('quotes only what RFC 4180 needs quoted', () => {
    expect(quote('plain')).toBe('plain');
    expect(quote('a,b')).toBe('"a,b"');
    expect(quote('say "hi"')).toBe('"say ""hi"""');
    expect(quote('two\nlines')).toBe('"two\nlines"');
    expect(quote('株式会社デンピョウ')).toBe('株式会社デンピョウ');
  });

  it('writes empty cells for absent values, JSON for objects, and defuses formulas', () => {
    expect(cellText(undefined)).toBe('');
    expect(cellText(null)).toBe('');
    expect(cellText(0)).toBe('0');
    expect(cellText(1_234_567)).toBe('1234567');
    expect(cellText(false)).toBe('false');
    expect(cellText({ status: 'draft' })).toBe('{"status":"draft"}');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(cellText(formula)).toBe(`'${formula}`);
    }
    expect(cellText('CT-2026-000001')).toBe('CT-2026-000001');
  });

  it('writes the header row even when nothing matched', () => {
    expect(toCsv([{ header: '名称', value: (x: { a: string }) => x.a }], [])).toBe(
      '\uFEFF名称\r\n',
    );
  });
});
