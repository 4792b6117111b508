import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addCalendarDays, isBankBusinessDay, japanToday, paymentDueDate } from '@denpyo/jp';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, testServiceEnv } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  invoiceBody,
  outboxEvents,
  registrationNumber,
  type ContractFixture,
} from './helpers';

let service: RunningService;
let procurement: string;

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice'));
  procurement = await bearer('procurement', { username: 'alice' });
});

afterAll(() => service.stop());

const post = (body: unknown, auth = procurement) =>
  request(service.url)
    .post('/api/invoices')
    .set('Authorization', auth)
    .send(body as object);

async function invoiceCount(contractId: string): Promise<number> {
  const { rows } = await service.runtime.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM invoices WHERE contract_id = $1',
    [contractId],
  );
  return rows[0].n;
}

async function invoicedTotal(contractId: string): Promise<number> {
  const { rows } = await service.runtime.pool.query<{ total: string }>(
    'SELECT invoiced_total::text AS total FROM approved_contracts WHERE contract_id = $1',
    [contractId],
  );
  return Number(rows[0].total);
}

describe('POST /api/invoices', () => {
  let contract: ContractFixture;
  beforeAll(async () => {
    contract = await approvedContract(service, { amount: 5_000_000 });
  });

  it('receives an invoice with tax per rate rounded down once and a due date on a business day', async () => {
    const body = invoiceBody(contract.contractId, {
      lines: [
        { description: '舗装材', amount: 105, taxRate: 10 },
        { description: '弁当', amount: 135, taxRate: 8 },
        { description: '運搬', amount: 105, taxRate: 10 },
        { description: '飲料', amount: 135, taxRate: 8 },
      ],
    });
    const dayBefore = japanToday();
    const response = await post(body).expect(201);
    // Today in Japan, on whichever side of midnight the request landed.
    expect([dayBefore, japanToday()]).toContain(response.body.receivedOn);
    const receivedOn = response.body.receivedOn as string;
    expect(response.body).toMatchObject({
      status: 'received',
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      invoiceNumber: body.invoiceNumber,
      receivedOn,
      subtotal: 480,
      taxes: [
        { rate: 10, base: 210, tax: 21 },
        { rate: 8, base: 270, tax: 21 },
      ],
      total: 522,
      dueDate: paymentDueDate(receivedOn),
      createdBy: 'alice',
      lines: body.lines,
      // v2 fields of a v1 body: qualified (the vendor's own number), tax-excluded, 10-day inspection.
      qualified: true,
      amountsInclude: 'tax-excluded',
      withholdingTax: 0,
      netAmount: 522,
      contractKind: 'services',
      fiscalYear: 2026,
      originalDueDate: paymentDueDate(receivedOn),
      inspectionDueDate: addCalendarDays(receivedOn, 10),
      inspectionOverdue: false,
    });
    expect(response.body.documentNumber).toMatch(/^IV-2026-\d{6}$/);
    expect(isBankBusinessDay(response.body.dueDate)).toBe(true);
    expect(response.headers.location).toBe(`/api/invoices/${response.body.id}`);

    const fetched = await request(service.url)
      .get(`/api/invoices/${response.body.id}`)
      .set('Authorization', await bearer('auditor'))
      .expect(200);
    expect(fetched.body).toEqual(response.body);

    const [received] = await outboxEvents(service, 'InvoiceReceived', response.body.id);
    expect(received.payload).toEqual({
      invoiceId: response.body.id,
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      invoiceNumber: body.invoiceNumber,
      total: 522,
      receivedOn,
      dueDate: response.body.dueDate,
    });
    expect(received.actor).toBe('alice');
  });

  it('lets a vendor invoice its own contract', async () => {
    const vendor = await bearer('vendor', { username: 'acme', vendorId: contract.vendorId });
    const response = await post(invoiceBody(contract.contractId), vendor).expect(201);
    expect(response.body).toMatchObject({ vendorId: contract.vendorId, createdBy: 'acme' });
  });

  describe('refuses with 422, changing nothing', () => {
    it('an unknown (or not approved) contract', async () => {
      const response = await post(invoiceBody(randomUUID())).expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual([{ path: 'contractId', message: expect.any(String) }]);
    });

    it('a vendor invoicing another vendor’s contract', async () => {
      const otherVendor = await bearer('vendor', { vendorId: randomUUID() });
      const before = await invoiceCount(contract.contractId);
      const response = await post(invoiceBody(contract.contractId), otherVendor).expect(422);
      expect(response.body.detail).toMatch(/another vendor/);
      expect(await invoiceCount(contract.contractId)).toBe(before);
    });

    it('a registration number other than the vendor’s registered one', async () => {
      const body = invoiceBody(contract.contractId, {
        registrationNumber: registrationNumber('999999999999'),
      });
      const response = await post(body).expect(422);
      expect(response.body.errors).toEqual([
        { path: 'registrationNumber', message: expect.any(String) },
      ]);
    });

    it('a total above the contract’s remaining amount', async () => {
      const small = await approvedContract(service, { amount: 200_000 });
      await post(invoiceBody(small.contractId)).expect(201); // 110,000 of 200,000
      const response = await post(invoiceBody(small.contractId)).expect(422); // 110,000 > 90,000
      expect(response.body.detail).toMatch(/exceeds the contract's remaining amount 90000/);
      expect(await invoiceCount(small.contractId)).toBe(1);
      expect(await invoicedTotal(small.contractId)).toBe(110_000);
    });
  });

  describe('refuses with 422 at lines, changing nothing, an invoice no transfer can carry', () => {
    it.each([
      [
        'totals beyond exact arithmetic',
        [
          { description: 'a', amount: Number.MAX_SAFE_INTEGER, taxRate: 0 },
          { description: 'b', amount: Number.MAX_SAFE_INTEGER, taxRate: 0 },
        ],
        /too large to compute exactly/,
      ],
      ['1e15 at 10%', [{ description: 'a', amount: 1e15, taxRate: 10 }], /too large to compute/],
      [
        'a total above 9,999,999,999 yen',
        [{ description: 'a', amount: 9_090_909_091, taxRate: 10 }], // total 10,000,000,000
        /a single transfer can carry at most 9,999,999,999 yen; split the invoice/,
      ],
    ] as const)('%s', async (_, lines, detail) => {
      const before = await invoicedTotal(contract.contractId);
      const count = await invoiceCount(contract.contractId);
      const response = await post(invoiceBody(contract.contractId, { lines: [...lines] })).expect(
        422,
      );
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.detail).toMatch(detail);
      expect(response.body.errors).toEqual([{ path: 'lines', message: response.body.detail }]);
      expect(await invoiceCount(contract.contractId)).toBe(count);
      expect(await invoicedTotal(contract.contractId)).toBe(before);
    });
  });

  it('refuses a registration number when the vendor has none on file (v1 accepted any)', async () => {
    const unregistered = await approvedContract(service, { registration: null });
    for (const number of ['T4011001098993', registrationNumber('111111111111')]) {
      const response = await post(
        invoiceBody(unregistered.contractId, { registrationNumber: number }),
      ).expect(422);
      expect(response.body.errors).toEqual([
        { path: 'registrationNumber', message: expect.stringMatching(/no registration number/) },
      ]);
    }
    expect(await invoiceCount(unregistered.contractId)).toBe(0);
    // undefined is left out of the JSON body.
    const withoutNumber = invoiceBody(unregistered.contractId, { registrationNumber: undefined });
    const accepted = await post(withoutNumber).expect(201);
    expect(accepted.body).toMatchObject({ qualified: false });
    expect(accepted.body).not.toHaveProperty('registrationNumber');
  });

  it('refuses the same invoice number twice for one contract with 409', async () => {
    const body = invoiceBody(contract.contractId);
    await post(body).expect(201);
    const before = await invoicedTotal(contract.contractId);
    const response = await post(body).expect(409);
    expect(response.body.detail).toMatch(/already received/);
    expect(await invoicedTotal(contract.contractId)).toBe(before);
  });

  it('never lets concurrent invoices together exceed the contract amount', async () => {
    const target = await approvedContract(service, { amount: 500_000 });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(invoiceBody(target.contractId))),
    );
    const accepted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    // Ten invoices of 110,000 against 500,000: whatever the order, exactly four fit.
    expect(accepted).toHaveLength(4);
    expect(refused.map((r) => r.status)).toEqual(Array(6).fill(422));
    const acceptedTotal = accepted.reduce((sum, r) => sum + (r.body.total as number), 0);
    expect(acceptedTotal).toBeLessThanOrEqual(target.amount);
    expect(await invoicedTotal(target.contractId)).toBe(acceptedTotal);
    expect(await invoiceCount(target.contractId)).toBe(4);
    const { rows } = await service.runtime.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'InvoiceReceived'
       AND envelope->'payload'->>'contractId' = $1`,
      [target.contractId],
    );
    expect(rows[0].n).toBe(4);
  });

  it('numbers concurrent invoices without a gap or a repeat, past six digits too', async () => {
    const target = await approvedContract(service, { amount: 5_000_000 });
    const numbers = async (count: number) =>
      (
        await Promise.all(
          Array.from({ length: count }, () => post(invoiceBody(target.contractId)).expect(201)),
        )
      ).map((r) => Number(/^IV-2026-(\d+)$/.exec(r.body.documentNumber as string)![1]));
    const sequential = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1);
    };
    expect(sequential(await numbers(8))).toBe(true);

    await service.runtime.pool.query(
      `UPDATE document_sequences SET last_value = 999998 WHERE kind = 'IV' AND fiscal_year = 2026`,
    );
    const past = await numbers(3);
    expect(past.sort((a, b) => a - b)).toEqual([999_999, 1_000_000, 1_000_001]);
  });

  it('replays a repeated Idempotency-Key and creates one invoice', async () => {
    const target = await approvedContract(service);
    const body = invoiceBody(target.contractId);
    const key = `create-${randomUUID()}`;
    const first = await post(body).set('Idempotency-Key', key).expect(201);
    const again = await post(body).set('Idempotency-Key', key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await invoiceCount(target.contractId)).toBe(1);
    await post({ ...body, invoiceNumber: 'other' })
      .set('Idempotency-Key', key)
      .expect(422);
    expect(await invoiceCount(target.contractId)).toBe(1);
  });

  describe('bad input', () => {
    it('names every invalid field with 400', async () => {
      const response = await post({
        contractId: 'not-a-uuid',
        invoiceNumber: '',
        issueDate: '2026-02-30',
        registrationNumber: 'T1234567890124',
        lines: [{ description: 'x', amount: 1.5, taxRate: 5 }],
        unexpected: true,
      }).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'contractId',
          'invoiceNumber',
          'issueDate',
          'registrationNumber',
          'lines.0.amount',
          'lines.0.taxRate',
        ]),
      );
    });

    it('refuses an invoice without lines', async () => {
      const response = await post(invoiceBody(contract.contractId, { lines: [] })).expect(400);
      expect(response.body.errors).toEqual([{ path: 'lines', message: expect.any(String) }]);
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await request(service.url)
        .post('/api/invoices')
        .set('Authorization', procurement)
        .set('Content-Type', 'application/json')
        .send('{"contractId": ')
        .expect(400);
      expect(response.body.detail).toMatch(/not valid JSON/);
    });

    it('refuses an over-size body with 413', async () => {
      // 2 MB: above the platform's JSON body limit whatever its default (256 kB, now 1 MB).
      const lines = [{ description: 'x'.repeat(2_000_000), amount: 1, taxRate: 10 }];
      await post(invoiceBody(contract.contractId, { lines: lines as never })).expect(413);
    });
  });

  describe('authorisation', () => {
    it('needs a bearer token', async () => {
      await request(service.url)
        .post('/api/invoices')
        .send(invoiceBody(contract.contractId))
        .expect(401);
    });

    it.each(['approver', 'accountant', 'auditor', 'admin'] as const)(
      'refuses the %s role',
      async (role) => {
        await post(invoiceBody(contract.contractId), await bearer(role)).expect(403);
      },
    );
  });
});
