import { Registry } from 'prom-client';
import request from 'supertest';
import { createApp, type MetricsAccess } from '../src/http/app';
import { createLogger } from '../src/logger';

// /metrics as startService sets it up: the portal (it faces users) serves it only with the
// operator's token, in every mode; a service's internal port serves it openly unless a token is
// set, then only with it.
const TOKEN = 'metrics-token-that-is-at-least-32-chars';

function appWith(metrics: MetricsAccess | undefined) {
  return createApp({
    logger: createLogger('metrics-test', 'silent'),
    registry: new Registry(),
    readiness: async () => ({}),
    mount() {},
    ...(metrics ? { metrics } : {}),
  });
}

describe('/metrics', () => {
  it('needs the bearer token when one is set, and refuses any other', async () => {
    for (const openWithoutToken of [true, false]) {
      const app = appWith({ token: TOKEN, openWithoutToken });
      const ok = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('http_request_duration_seconds');
      for (const authorization of [
        undefined,
        `Bearer ${TOKEN.slice(0, -1)}x`,
        `Bearer ${TOKEN}x`,
        `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`,
        TOKEN,
      ]) {
        const call = request(app).get('/metrics');
        const refused = await (authorization ? call.set('Authorization', authorization) : call);
        expect(refused.status).toBe(401);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
        expect(refused.text).not.toContain('http_request_duration_seconds');
      }
    }
  });

  it('is not served without a token where users reach the process (the portal)', async () => {
    const app = appWith({ openWithoutToken: false });
    const hidden = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('process_cpu');
    await request(app).get('/health').expect(200);
  });

  it('is open without a token on an internal port (and by default)', async () => {
    for (const app of [appWith({ openWithoutToken: true }), appWith(undefined)]) {
      const open = await request(app).get('/metrics');
      expect(open.status).toBe(200);
    }
  });
});
