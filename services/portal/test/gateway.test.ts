import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer } from '@denpyo/platform/testing';
import { E_INVOICE_MAX_BYTES } from '@denpyo/schemas';
import { portalService } from '../src/service';
import { deadServiceUrl, startStandIn, testPortalEnv, type StandIn } from './support';

// Bytes as the payment service sends them: Shift_JIS katakana and a CRLF, not valid UTF-8.
const ZENGIN_BYTES = Buffer.from([0x31, 0x32, 0xb6, 0xc0, 0xb6, 0xc5, 0x82, 0xa0, 0x0d, 0x0a]);
const PDF_BYTES = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0x00, 0xff, 0xfe, 0x80]),
  Buffer.from('%%EOF'),
]);

/** A stand-in service that names itself and echoes what it received. */
function echoingService(name: string) {
  return startStandIn((app) => {
    app.get('/api/transfer-batches/:id/zengin', (_req, res) => {
      res.type('text/plain; charset=Shift_JIS');
      res.setHeader('Content-Disposition', 'attachment; filename="zengin.txt"');
      res.send(ZENGIN_BYTES);
    });
    app.get('/api/invoices/:id/voucher.pdf', (_req, res) => {
      res.type('application/pdf').send(PDF_BYTES);
    });
    app.get('/api/contracts/slow', () => {
      // Never answers: a service that hangs.
    });
    app.post('/api/contracts/:id/submit', (_req, res) => {
      res
        .status(422)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'x',
            title: 'Unprocessable Content',
            status: 422,
            detail: 'budget exceeded',
          }),
        );
    });
    app.use((req, res) => {
      res.status(req.method === 'POST' ? 201 : 200).json({
        service: name,
        method: req.method,
        url: req.originalUrl,
        body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
      });
    });
  });
}

describe('gateway', () => {
  let contract: StandIn;
  let invoice: StandIn;
  let payment: StandIn;
  let portal: RunningService;

  beforeAll(async () => {
    [contract, invoice, payment] = await Promise.all([
      echoingService('contract'),
      echoingService('invoice'),
      echoingService('payment'),
    ]);
    portal = await startService(
      portalService,
      testPortalEnv({
        CONTRACT_URL: contract.url,
        INVOICE_URL: invoice.url,
        PAYMENT_URL: payment.url,
        PROXY_TIMEOUT_MS: 500,
      }),
    );
  });
  afterAll(async () => {
    await portal.stop();
    await Promise.all([contract.close(), invoice.close(), payment.close()]);
  });

  it.each([
    ['GET', '/api/vendors/1', 'contract', '/api/vendors/1'],
    ['GET', '/api/budgets/2026/01.02.03.04', 'contract', '/api/budgets/2026/01.02.03.04'],
    [
      'GET',
      '/api/contracts?status=approved&minAmount=10',
      'contract',
      '/api/contracts?status=approved&minAmount=10',
    ],
    [
      'GET',
      '/api/audit/contract?from=2026-04-01&to=2026-04-30',
      'contract',
      '/api/audit/contract?from=2026-04-01&to=2026-04-30',
    ],
    ['GET', '/api/invoices?status=received', 'invoice', '/api/invoices?status=received'],
    ['POST', '/api/invoices/7/inspect', 'invoice', '/api/invoices/7/inspect'],
    ['GET', '/api/audit/invoice', 'invoice', '/api/audit/invoice'],
    ['GET', '/api/payments?vendorId=v', 'payment', '/api/payments?vendorId=v'],
    ['POST', '/api/transfer-batches/9/settle', 'payment', '/api/transfer-batches/9/settle'],
    ['GET', '/api/vendor/remittances', 'payment', '/api/vendor/remittances'],
    ['GET', '/api/audit/payment?minAmount=5', 'payment', '/api/audit/payment?minAmount=5'],
  ])('forwards %s %s to the %s service as %s', async (method, path, service, upstreamUrl) => {
    const response = await request(portal.url)[method === 'POST' ? 'post' : 'get'](path);
    expect(response.body).toMatchObject({ service, method, url: upstreamUrl });
  });

  it('forwards method, headers and JSON body, and returns status and body', async () => {
    const body = { name: '株式会社テスト', nameKana: 'ｶ)ﾃｽﾄ', amount: 12_345_678_901 };
    const authorization = await bearer('procurement');
    const response = await request(portal.url)
      .post('/api/vendors?dryRun=1')
      .set('Authorization', authorization)
      .set('Idempotency-Key', 'key-1')
      .set('X-Request-Id', 'req-123')
      .set('X-Correlation-Id', 'corr-456')
      .send(body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      service: 'contract',
      method: 'POST',
      url: '/api/vendors?dryRun=1',
    });
    expect(JSON.parse(response.body.body)).toEqual(body);
    const seen = contract.seen.at(-1);
    expect(seen?.headers).toMatchObject({
      authorization,
      'idempotency-key': 'key-1',
      'x-request-id': 'req-123',
      'x-correlation-id': 'corr-456',
      'content-type': 'application/json',
    });
  });

  it('refuses a token the portal does not accept before it reaches a service (401)', async () => {
    const before = contract.seen.length;
    for (const authorization of ['Bearer a.b.c', await bearer('procurement', { ttlSeconds: -5 })]) {
      const response = await request(portal.url)
        .post('/api/vendors')
        .set('Authorization', authorization)
        .send({});
      expect(response.status).toBe(401);
      expect(response.type).toBe('application/problem+json');
    }
    expect(contract.seen.length).toBe(before);
  });

  it('passes on the request id the portal assigned when the caller sent none', async () => {
    const response = await request(portal.url).get('/api/payments');
    const seen = payment.seen.at(-1);
    expect(response.headers['x-request-id']).toBeDefined();
    expect(seen?.headers['x-request-id']).toBe(response.headers['x-request-id']);
    expect(seen?.headers['x-correlation-id']).toBe(response.headers['x-correlation-id']);
  });

  it('forwards JSON bodies of consecutive requests on reused connections', async () => {
    const agent = request.agent(portal.url);
    for (let i = 0; i < 5; i += 1) {
      const response = await agent.post('/api/contracts').send({ title: `契約 ${i}` });
      expect(JSON.parse(response.body.body)).toEqual({ title: `契約 ${i}` });
    }
  });

  it('streams a non-JSON request body unchanged', async () => {
    const bytes = Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x0d, 0x0a]);
    await request(portal.url)
      .post('/api/invoices/7/reject')
      .set('Content-Type', 'application/octet-stream')
      .send(bytes);
    expect(invoice.seen.at(-1)?.body.equals(bytes)).toBe(true);
  });

  it('forwards an XML e-invoice byte for byte, and refuses one above the limit itself (413)', async () => {
    // A BOM, CR LF and Japanese text: the portal reads the XML as bytes and never re-encodes it.
    const xml = Buffer.from('\ufeff<?xml version="1.0"?>\r\n<Invoice>請求</Invoice>', 'utf8');
    await request(portal.url)
      .post('/api/invoices/e-invoice')
      .set('Authorization', await bearer('procurement'))
      .set('Content-Type', 'application/xml')
      .send(xml)
      .expect(201);
    expect(invoice.seen.at(-1)?.body.equals(xml)).toBe(true);
    const seen = invoice.seen.length;
    const large = await request(portal.url)
      .post('/api/invoices/e-invoice')
      .set('Authorization', await bearer('procurement'))
      .set('Content-Type', 'application/xml')
      .send(Buffer.alloc(E_INVOICE_MAX_BYTES + 1, 0x20));
    expect(large.status).toBe(413);
    expect(invoice.seen).toHaveLength(seen);
  });

  it('returns a Shift_JIS Zengin file byte for byte with its headers', async () => {
    const response = await request(portal.url)
      .get('/api/transfer-batches/1/zengin')
      .responseType('blob'); // the body as a Buffer, whatever the content type
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=Shift_JIS');
    expect(response.headers['content-disposition']).toBe('attachment; filename="zengin.txt"');
    expect(Buffer.compare(response.body as Buffer, ZENGIN_BYTES)).toBe(0);
  });

  it('returns a PDF byte for byte', async () => {
    const response = await request(portal.url)
      .get('/api/invoices/1/voucher.pdf')
      .responseType('blob'); // the body as a Buffer, whatever the content type
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(response.body as Buffer, PDF_BYTES)).toBe(0);
  });

  it('passes a problem+json error through unchanged', async () => {
    const response = await request(portal.url).post('/api/contracts/refused/submit').send({});
    expect(response.status).toBe(422);
    expect(response.type).toBe('application/problem+json');
    expect(JSON.parse(response.text)).toEqual({
      type: 'x',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'budget exceeded',
    });
  });

  it('answers 404 problem for a request no service declares, forwarding nothing', async () => {
    const before = contract.seen.length + invoice.seen.length + payment.seen.length;
    for (const [method, path] of [
      ['get', '/api/unknown'],
      ['get', '/api/vendorsx'],
      ['get', '/api/audit'],
      ['get', '/api/audit/elsewhere'],
      // Below a service's paths, but not one of its operations, or not with this method.
      ['post', '/api/invoices/upload'],
      ['get', '/api/contracts/1/unknown'],
      ['post', '/api/vendors/1'],
      ['get', '/api/transfer-batches/9/settle'],
    ] as const) {
      const response = await request(portal.url)[method](path).send();
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(response.type).toBe('application/problem+json');
    }
    expect(contract.seen.length + invoice.seen.length + payment.seen.length).toBe(before);
  });

  it('answers 503 problem when a service takes longer than the proxy timeout', async () => {
    const started = Date.now();
    const response = await request(portal.url).get('/api/contracts/slow');
    expect(response.status).toBe(503);
    expect(response.type).toBe('application/problem+json');
    expect(Date.now() - started).toBeLessThan(10_000); // the stand-in never answers
  });

  it('is ready when its database and all three services are', async () => {
    const response = await request(portal.url).get('/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks).toEqual({
      database: true,
      contract: true,
      invoice: true,
      payment: true,
    });
  });
});

describe('gateway with a service down', () => {
  let contract: StandIn;
  let portal: RunningService;

  beforeAll(async () => {
    contract = await startStandIn((app) =>
      app.get('/ready', (_req, res) => res.json({ status: 'ready' })),
    );
    portal = await startService(
      portalService,
      testPortalEnv({
        CONTRACT_URL: contract.url,
        INVOICE_URL: await deadServiceUrl(),
        PAYMENT_URL: contract.url,
      }),
    );
  });
  afterAll(async () => {
    await portal.stop();
    await contract.close();
  });

  it('answers 503 problem naming the service, at once', async () => {
    const response = await request(portal.url).post('/api/invoices').send({ contractId: 'x' });
    expect(response.status).toBe(503);
    expect(response.type).toBe('application/problem+json');
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({
      status: 503,
      detail: expect.stringContaining('invoice'),
    });
  });

  it('reports not ready, naming the missing service', async () => {
    const response = await request(portal.url).get('/ready');
    expect(response.status).toBe(503);
    expect(response.body.checks).toEqual({
      database: true,
      contract: true,
      invoice: false,
      payment: true,
    });
  });
});
