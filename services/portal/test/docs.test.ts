import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { portalService } from '../src/service';
import { testPortalEnv } from './support';

// Every path of API.md (in OpenAPI's {param} form).
const API_MD_PATHS = [
  '/api/auth/login',
  '/api/vendors',
  '/api/vendors/{id}',
  '/api/vendors/{id}/portal-users',
  '/api/budgets',
  '/api/budgets/{fiscalYear}/{code}',
  '/api/contracts',
  '/api/contracts/{id}',
  '/api/contracts/{id}/submit',
  '/api/contracts/{id}/approve',
  '/api/contracts/{id}/reject',
  '/api/contracts/{id}/voucher.pdf',
  '/api/invoices',
  '/api/invoices/{id}',
  '/api/invoices/{id}/inspect',
  '/api/invoices/{id}/approve',
  '/api/invoices/{id}/reject',
  '/api/invoices/{id}/voucher.pdf',
  '/api/payments',
  '/api/transfer-batches',
  '/api/transfer-batches/{id}/approve',
  '/api/transfer-batches/{id}/zengin',
  '/api/transfer-batches/{id}/settle',
  '/api/payments/{id}/remittance-notice.pdf',
  '/api/vendor/remittances',
  '/health',
  '/ready',
  '/metrics',
];

describe('API documentation', () => {
  let portal: RunningService;
  beforeAll(async () => {
    portal = await startService(portalService, testPortalEnv());
  });
  afterAll(() => portal.stop());

  it('serves the OpenAPI document with every path of API.md, without a token', async () => {
    const response = await request(portal.app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/json');
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(API_MD_PATHS));
  });

  it('serves a reference page that loads Swagger UI from the portal itself', async () => {
    const response = await request(portal.app).get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    const scripts = [...response.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    const styles = [...response.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(scripts).toEqual(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    for (const asset of [...scripts, ...styles]) {
      const loaded = await request(portal.app).get(asset ?? '');
      expect([asset, loaded.status]).toEqual([asset, 200]);
    }
    const init = await request(portal.app).get('/api/docs/init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
  });

  it('relaxes the content security policy for the reference page only', async () => {
    const page = await request(portal.app).get('/api/docs');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const other = await request(portal.app).get('/api/openapi.json');
    expect(other.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('serves only the Swagger UI files the page needs', async () => {
    const response = await request(portal.app).get('/api/docs/package.json');
    expect(response.status).toBe(404);
    expect(response.type).toBe('application/problem+json');
  });
});
