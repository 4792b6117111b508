import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, testServiceEnv } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  binary,
  invoiceBody,
  outboxEvents,
  type ContractFixture,
} from './helpers';

let service: RunningService;
let procurement: string;
let inspector: string;
let accountant: string;
let contract: ContractFixture;

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice'));
  procurement = await bearer('procurement', { username: 'alice' });
  inspector = await bearer('procurement', { username: 'bob' });
  accountant = await bearer('accountant', { username: 'carol' });
  contract = await approvedContract(service, { amount: 10_000_000 });
});

afterAll(() => service.stop());

async function receive(
  body = invoiceBody(contract.contractId),
): Promise<{ id: string; total: number }> {
  const response = await request(service.url)
    .post('/api/invoices')
    .set('Authorization', procurement)
    .send(body)
    .expect(201);
  return response.body;
}

const act = (id: string, action: string, auth: string, body: object = {}) =>
  request(service.url).post(`/api/invoices/${id}/${action}`).set('Authorization', auth).send(body);

describe('inspection and payment order', () => {
  it('inspects, then issues the payment order and publishes PaymentOrdered', async () => {
    const invoice = await receive();
    const inspected = await act(invoice.id, 'inspect', inspector).expect(200);
    expect(inspected.body).toMatchObject({ status: 'inspected', inspectedBy: 'bob' });
    expect(inspected.body.inspectedAt).toEqual(expect.any(String));

    const approved = await act(invoice.id, 'approve', accountant).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'carol' });
    expect(approved.body.paymentOrderNumber).toMatch(/^PO-2026-\d{6}$/);

    const [inspectedEvent] = await outboxEvents(service, 'InvoiceInspected', invoice.id);
    expect(inspectedEvent.payload).toEqual({
      invoiceId: invoice.id,
      contractId: contract.contractId,
      inspectedBy: 'bob',
    });
    const ordered = await outboxEvents(service, 'PaymentOrdered', invoice.id);
    expect(ordered).toHaveLength(1);
    expect(ordered[0]).toMatchObject({ aggregateId: invoice.id, actor: 'carol', version: 1 });
    expect(ordered[0].payload).toEqual({
      invoiceId: invoice.id,
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      invoiceNumber: approved.body.invoiceNumber,
      invoiceDate: approved.body.issueDate,
      amount: approved.body.total,
      dueDate: approved.body.dueDate,
      orderedBy: 'carol',
      documentNumber: approved.body.paymentOrderNumber,
      withholdingTax: 0,
      netAmount: approved.body.total,
      fiscalYear: 2026,
      orderedBySignature: approved.body.orderedBySignature,
    });
    expect(approved.body).toMatchObject({
      orderedBy: 'carol',
      orderedBySignature: { username: 'carol', displayName: expect.any(String) },
    });
    // The answer is built from the record before and the order: it must be what a read gives.
    const read = await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', accountant)
      .expect(200);
    expect(read.body).toEqual(approved.body);
  });

  it('refuses the inspection to whoever registered the invoice (403), changing nothing', async () => {
    const invoice = await receive();
    const refused = await act(invoice.id, 'inspect', procurement).expect(403);
    expect(refused.body.detail).toBe('Whoever registered an invoice may not inspect it');
    const unchanged = await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', procurement)
      .expect(200);
    expect(unchanged.body.status).toBe('received');
    await act(invoice.id, 'inspect', inspector).expect(200);
  });

  it('numbers payment orders one after another', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const invoice = await receive();
      await act(invoice.id, 'inspect', inspector).expect(200);
      numbers.push(
        (await act(invoice.id, 'approve', accountant).expect(200)).body.paymentOrderNumber,
      );
    }
    const [first, second] = numbers.map((n) => Number(n.slice(-6)));
    expect(second).toBe(first + 1);
  });

  it('refuses actions from the wrong state with 409', async () => {
    const invoice = await receive();
    await act(invoice.id, 'approve', accountant).expect(409); // not inspected yet
    await act(invoice.id, 'inspect', inspector).expect(200);
    const again = await act(invoice.id, 'inspect', inspector).expect(409);
    expect(again.body.detail).toMatch(/is inspected; inspect needs it to be received/);
    await act(invoice.id, 'approve', accountant).expect(200);
    await act(invoice.id, 'reject', accountant, { reason: '遅すぎる' }).expect(409);
    await act(invoice.id, 'approve', accountant).expect(409);
  });

  it('refuses the payment order to whoever inspected the invoice', async () => {
    const invoice = await receive();
    const both = await bearer('accountant', { username: 'bob' });
    await act(invoice.id, 'inspect', inspector).expect(200);
    await act(invoice.id, 'approve', both).expect(403);
  });

  it('answers 404 for an unknown invoice and 400 for a malformed id', async () => {
    await act(randomUUID(), 'inspect', inspector).expect(404);
    const malformed = await act('not-a-uuid', 'inspect', inspector).expect(400);
    expect(malformed.body.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
  });

  it.each([
    ['inspect', ['accountant', 'approver', 'auditor', 'vendor']],
    ['approve', ['procurement', 'approver', 'auditor', 'vendor']],
    ['reject', ['approver', 'auditor', 'vendor']],
  ] as const)('refuses %s to the wrong roles with 403', async (action, roles) => {
    const invoice = await receive();
    for (const role of roles) {
      await act(invoice.id, action, await bearer(role), { reason: 'x' }).expect(403);
    }
    const unchanged = await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', procurement)
      .expect(200);
    expect(unchanged.body.status).toBe('received');
  });
});

describe('rejection', () => {
  it('rejects from received or inspected and releases the amount for new invoices', async () => {
    const small = await approvedContract(service, { amount: 220_000 });
    const first = await receive(invoiceBody(small.contractId));
    const second = await receive(invoiceBody(small.contractId));
    await request(service.url)
      .post('/api/invoices')
      .set('Authorization', procurement)
      .send(invoiceBody(small.contractId))
      .expect(422); // contract fully invoiced

    await act(first.id, 'reject', procurement, { reason: '数量相違' }).expect(200);
    await act(second.id, 'inspect', inspector).expect(200);
    const rejected = await act(second.id, 'reject', accountant, { reason: '単価誤り' }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectedReason: '単価誤り',
      rejectedBy: 'carol',
    });

    const [event] = await outboxEvents(service, 'InvoiceRejected', second.id);
    expect(event.payload).toEqual({
      invoiceId: second.id,
      contractId: small.contractId,
      total: 110_000,
      reason: '単価誤り',
      payableTotal: 110_000,
    });
    await receive(invoiceBody(small.contractId));
    await receive(invoiceBody(small.contractId));
  });

  it('needs a reason', async () => {
    const invoice = await receive();
    const response = await act(invoice.id, 'reject', procurement, { reason: '  ' }).expect(400);
    expect(response.body.errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
    await act(invoice.id, 'reject', procurement).expect(400);
  });
});

describe('reading invoices', () => {
  it('shows a vendor its own invoices only', async () => {
    const invoice = await receive();
    const own = await bearer('vendor', { vendorId: contract.vendorId });
    const other = await bearer('vendor', { vendorId: randomUUID() });
    await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', own)
      .expect(200);
    await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', other)
      .expect(403);
    // A vendor lists its own invoices only; asking for another vendor's is refused.
    const listed = await request(service.url)
      .get('/api/invoices')
      .set('Authorization', own)
      .expect(200);
    expect(listed.body.every((i: { vendorId: string }) => i.vendorId === contract.vendorId)).toBe(
      true,
    );
    expect(listed.body.map((i: { id: string }) => i.id)).toContain(invoice.id);
    const others = await request(service.url)
      .get('/api/invoices')
      .set('Authorization', other)
      .expect(200);
    expect(others.body).toEqual([]);
    await request(service.url)
      .get('/api/invoices')
      .query({ vendorId: contract.vendorId })
      .set('Authorization', other)
      .expect(403);
    await request(service.url)
      .get(`/api/invoices/${randomUUID()}`)
      .set('Authorization', procurement)
      .expect(404);
  });

  it('filters by status, contract, vendor, date and amount', async () => {
    const other = await approvedContract(service, { amount: 5_000_000 });
    const big = await receive(
      invoiceBody(other.contractId, {
        lines: [{ description: '大', amount: 1_000_000, taxRate: 10 }],
      }),
    );
    const small = await receive(invoiceBody(other.contractId));
    await act(small.id, 'inspect', inspector).expect(200);
    const list = async (query: Record<string, string>) => {
      const response = await request(service.url)
        .get('/api/invoices')
        .query(query)
        .set('Authorization', await bearer('auditor'))
        .expect(200);
      return (response.body as { id: string }[]).map((i) => i.id).sort();
    };
    expect(await list({ contractId: other.contractId })).toEqual([big.id, small.id].sort());
    expect(await list({ vendorId: other.vendorId, status: 'inspected' })).toEqual([small.id]);
    expect(await list({ contractId: other.contractId, minAmount: '1000000' })).toEqual([big.id]);
    expect(await list({ contractId: other.contractId, maxAmount: '110000' })).toEqual([small.id]);
    expect(
      await list({ contractId: other.contractId, from: '2000-01-01', to: '2000-12-31' }),
    ).toEqual([]);
    // The day they were received (the server's Japan date, whichever side of midnight).
    const received = await request(service.url)
      .get(`/api/invoices/${small.id}`)
      .set('Authorization', procurement)
      .expect(200);
    const day = received.body.receivedOn as string;
    expect(await list({ contractId: other.contractId, from: day, to: day })).toHaveLength(2);
  });

  it('refuses a bad filter with 400', async () => {
    const response = await request(service.url)
      .get('/api/invoices')
      .query({ minAmount: '5', maxAmount: '1', status: 'paid' })
      .set('Authorization', procurement)
      .expect(400);
    const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['status']));
  });
});

describe('GET /api/invoices/{id}/voucher.pdf', () => {
  it('serves the payment order voucher once the order is issued', async () => {
    const invoice = await receive();
    const auditor = await bearer('auditor');
    await request(service.url)
      .get(`/api/invoices/${invoice.id}/voucher.pdf`)
      .set('Authorization', auditor)
      .expect(409);
    await act(invoice.id, 'inspect', inspector).expect(200);
    await act(invoice.id, 'approve', accountant).expect(200);
    const response = await request(service.url)
      .get(`/api/invoices/${invoice.id}/voucher.pdf`)
      .set('Authorization', auditor)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('is for staff only', async () => {
    const invoice = await receive();
    const vendor = await bearer('vendor', { vendorId: contract.vendorId });
    await request(service.url)
      .get(`/api/invoices/${invoice.id}/voucher.pdf`)
      .set('Authorization', vendor)
      .expect(403);
  });
});

describe('GET /api/audit/invoice', () => {
  it('lists every state change of an invoice with who, before and after', async () => {
    const invoice = await receive();
    await act(invoice.id, 'inspect', inspector).expect(200);
    const response = await request(service.url)
      .get('/api/audit/invoice')
      .query({ counterparty: contract.vendorId, minAmount: '110000', maxAmount: '110000' })
      .set('Authorization', await bearer('auditor'))
      .expect(200);
    const entries = (
      response.body as {
        entityId: string;
        action: string;
        actor: string;
        before: unknown;
        after: { status: string };
      }[]
    ).filter((entry) => entry.entityId === invoice.id);
    expect(entries.map((e) => [e.action, e.actor, e.after.status])).toEqual([
      ['invoice.received', 'alice', 'received'],
      ['invoice.inspected', 'bob', 'inspected'],
    ]);
    expect(entries[0].before).toBeNull();
    expect(entries[1].before).toMatchObject({ status: 'received' });
  });

  it.each(['procurement', 'approver', 'vendor'] as const)('refuses the %s role', async (role) => {
    await request(service.url)
      .get('/api/audit/invoice')
      .set('Authorization', await bearer(role))
      .expect(403);
  });
});
