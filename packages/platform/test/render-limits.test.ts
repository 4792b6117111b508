// PDF operations (declared `file('application/pdf', …)`) hold a render slot of their caller
// while the use case runs: a third concurrent render of one user is 429, a render beyond the
// process's workers and queue is 503, both with Retry-After, and a slot is given back when the
// render ends (done, failed or abandoned by the client), never before.
import type express from 'express';
import request from 'supertest';
import {
  API_OPERATIONS,
  declareOperations,
  file,
  IdParamsSchema,
  json,
  STAFF_ROLES,
} from '@denpyo/schemas';
import { z } from 'zod';
import { ok, type Outcome } from '../src/application/outcome';
import { ConfigError, parseConfig, pdfSettings, serviceEnvSchema } from '../src/config';
import type { FileReply } from '../src/http/operations';
import { createRenderLimiter, rendersPdf } from '../src/http/render-limits';
import { bearer } from '../src/testing';
import { operationsApp } from './operations-app';

const OPERATIONS = declareOperations({
  getVoucher: {
    method: 'get',
    path: '/api/things/{id}/voucher.pdf',
    owner: 'contract',
    tag: 'contract',
    summary: 'A voucher',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: file('application/pdf', 'The voucher'),
  },
  getThing: {
    method: 'get',
    path: '/api/things/{id}',
    owner: 'contract',
    tag: 'contract',
    summary: 'A thing',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: json(z.object({ id: z.string() }), 'The thing'),
  },
});

/** A render the test finishes (or fails) when it wants. */
interface PendingRender {
  id: string;
  finish(): void;
  fail(error: Error): void;
}

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('render slots of PDF operations', () => {
  let app: express.Express;
  let pending: PendingRender[];
  let started: (() => void)[];

  /** Resolves once `count` renders have reached the use case. */
  const rendersStarted = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (pending.length >= count ? resolve() : started.push(check));
      check();
    });

  beforeEach(() => {
    pending = [];
    started = [];
    app = operationsApp(
      OPERATIONS,
      {
        getVoucher: ({ params }) =>
          new Promise<Outcome<FileReply>>((resolve, reject) => {
            pending.push({
              id: params.id,
              finish: () => resolve(ok({ content: Buffer.from(`%PDF-${params.id}`) })),
              fail: reject,
            });
            for (const notify of started.splice(0)) notify();
          }),
        getThing: async ({ params }) => ok({ id: params.id }),
      },
      { renderLimits: { perUser: 2, total: 3 } },
    );
  });

  const voucher = (auth: string, n: number) =>
    request(app)
      .get(`/api/things/${ID(n)}/voucher.pdf`)
      .set('Authorization', auth);

  it('refuses the third concurrent render of a user with 429 and Retry-After, not another user', async () => {
    const alice = await bearer('accountant', { username: 'alice' });
    const bob = await bearer('accountant', { username: 'bob' });
    const first = voucher(alice, 1).then((r) => r);
    const second = voucher(alice, 2).then((r) => r);
    await rendersStarted(2);

    const third = await voucher(alice, 3);
    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.headers['retry-after']).toBe('2');
    expect(third.body.detail).toContain('同時に2件まで');
    expect(third.body.detail).toContain('At most 2 PDFs at a time per user');

    const others = voucher(bob, 4).then((r) => r);
    await rendersStarted(3);
    // Other operations are not limited.
    expect(
      (
        await request(app)
          .get(`/api/things/${ID(9)}`)
          .set('Authorization', alice)
      ).status,
    ).toBe(200);

    for (const render of pending) render.finish();
    const answers = await Promise.all([first, second, others]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[0].headers['content-type']).toBe('application/pdf');

    // Slots given back: alice renders again.
    const again = voucher(alice, 5).then((r) => r);
    await rendersStarted(4);
    pending[3].finish();
    expect((await again).status).toBe(200);
  });

  it('refuses a render beyond the process total with 503 and Retry-After', async () => {
    const users = await Promise.all(
      ['u1', 'u2', 'u3', 'u4'].map((username) => bearer('accountant', { username })),
    );
    const inFlight = users.slice(0, 3).map((auth, n) => voucher(auth, n + 1).then((r) => r));
    await rendersStarted(3);
    const refused = await voucher(users[3], 4);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.detail).toContain('PDFの作成が混み合っています');
    for (const render of pending) render.finish();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('gives the slot back after a failed render (500) and holds it while an abandoned one runs', async () => {
    const carol = await bearer('accountant', { username: 'carol' });
    const failing = voucher(carol, 1).then((r) => r);
    await rendersStarted(1);
    pending[0].fail(new Error('renderer crashed'));
    expect((await failing).status).toBe(500);

    // A client that gives up does not free its slot: the render still occupies a worker.
    const abandoned = voucher(carol, 2).timeout(50);
    await expect(abandoned).rejects.toThrow(/Timeout/);
    const kept = voucher(carol, 3).then((r) => r);
    await rendersStarted(3);
    expect((await voucher(carol, 4)).status).toBe(429);
    pending[1].finish();
    pending[2].finish();
    expect((await kept).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    const after = voucher(carol, 5).then((r) => r);
    await rendersStarted(4);
    pending[3].finish();
    expect((await after).status).toBe(200);
  });

  it('maps a full render queue of the renderer to 503', async () => {
    const limiter = createRenderLimiter({ perUser: 2, total: 10 });
    const queueFull = Object.assign(new Error('Too many PDF renders are waiting'), {
      code: 'PDF_QUEUE_FULL',
    });
    await expect(limiter.run('dave', () => Promise.reject(queueFull))).rejects.toMatchObject({
      status: 503,
      headers: { 'Retry-After': '5' },
    });
    expect(limiter.inFlight()).toBe(0);
    expect(limiter.inFlight('dave')).toBe(0);
  });

  it('applies to every declared PDF operation of the API and to nothing else', () => {
    // Declared once in @denpyo/schemas: the limit follows the media type, not a route list.
    const limited = Object.entries(API_OPERATIONS)
      .filter(([, operation]) => rendersPdf(operation))
      .map(([operationId]) => operationId)
      .sort();
    expect(limited).toEqual([
      'getBatchRemittanceNotice',
      'getContractVoucher',
      'getPaymentOrderVoucher',
      'getRemittanceNotice',
      'getTransferSummary',
    ]);
  });
});

describe('the PDF settings', () => {
  const { PDF_WORKERS, PDF_MAX_QUEUE, PDF_RENDERS_PER_USER, PDF_CACHE_MB } = serviceEnvSchema.shape;
  const settings = z.object({ PDF_WORKERS, PDF_MAX_QUEUE, PDF_RENDERS_PER_USER, PDF_CACHE_MB });

  it('default to one worker, a queue of 16, 2 renders per user and 8 MiB of kept PDFs', () => {
    expect(pdfSettings(parseConfig(settings, {}))).toEqual({
      workers: 1,
      maxQueue: 16,
      perUser: 2,
      cacheBytes: 8 * 1024 * 1024,
    });
    expect(
      pdfSettings(
        parseConfig(settings, {
          PDF_WORKERS: '3',
          PDF_MAX_QUEUE: '0',
          PDF_RENDERS_PER_USER: '1',
          PDF_CACHE_MB: '0.5',
        }),
      ),
    ).toEqual({ workers: 3, maxQueue: 0, perUser: 1, cacheBytes: 512 * 1024 });
  });

  it('name each bad value', () => {
    const parse = () =>
      parseConfig(settings, {
        PDF_WORKERS: '0',
        PDF_MAX_QUEUE: '-1',
        PDF_RENDERS_PER_USER: 'two',
        PDF_CACHE_MB: '-1',
      });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      /PDF_WORKERS: .*\n.*PDF_MAX_QUEUE: .*\n.*PDF_RENDERS_PER_USER: .*\n.*PDF_CACHE_MB: /,
    );
  });
});
