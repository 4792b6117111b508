import request from 'supertest';
import { z } from 'zod';
import { declareOperations, json } from '@denpyo/schemas';
import { ok } from '../src/application/outcome';
import { operationsApp } from './operations-app';

// An XML operation beside a JSON one, both public so only the body's handling is at stake.
const OPERATIONS = declareOperations({
  readDocument: {
    method: 'post',
    path: '/api/documents',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Read a document',
    xmlBody: { maxBytes: 64, description: 'A small XML document.' },
    response: json(z.object({ bytes: z.string() }), 'What the handler got'),
  },
  createThing: {
    method: 'post',
    path: '/api/things',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Create a thing',
    body: z.strictObject({ name: z.string() }),
    response: json(z.object({ name: z.string() }), 'The thing'),
  },
});

const app = operationsApp(OPERATIONS, {
  // The handler's body is the Buffer received; it answers it as hex, so the test sees every byte.
  readDocument: async ({ body }) => ok({ bytes: body.toString('hex') }),
  createThing: async ({ body }) => ok({ name: body.name }),
});

describe('an XML request body', () => {
  it('reaches the handler as the bytes sent, under either XML media type', async () => {
    // A BOM, a CR LF and a non-ASCII character: nothing may be normalised.
    const document = Buffer.from('\ufeff<a>\r\n請求</a>', 'utf8');
    for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
      const response = await request(app)
        .post('/api/documents')
        .set('content-type', type)
        .send(document);
      expect([response.status, response.body]).toEqual([200, { bytes: document.toString('hex') }]);
    }
  });

  it('refuses JSON with 415, an empty body with 400 and more than the declared size with 413', async () => {
    const asJson = await request(app).post('/api/documents').send({ a: 1 });
    expect([asJson.status, asJson.body.detail]).toEqual([
      415,
      'Send the XML document as application/xml or text/xml',
    ]);
    const empty = await request(app).post('/api/documents').set('content-type', 'application/xml');
    expect(empty.status).toBe(400);
    const large = await request(app)
      .post('/api/documents')
      .set('content-type', 'application/xml')
      .send(`<a>${'x'.repeat(64)}</a>`);
    expect([large.status, large.type]).toEqual([413, 'application/problem+json']);
  });

  it('is refused with 415 by an operation that takes JSON', async () => {
    const response = await request(app)
      .post('/api/things')
      .set('content-type', 'application/xml')
      .send('<name>a</name>');
    expect([response.status, response.body.detail]).toEqual([
      415,
      'This operation takes a JSON body (application/json)',
    ]);
    expect((await request(app).post('/api/things').send({ name: 'a' })).status).toBe(200);
  });
});
