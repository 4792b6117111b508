import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { builtWebAppDir, WEB_APP_CSP } from '../src/http/web-app';
import { portalService } from '../src/service';
import { testPortalEnv } from './support';

// A throwaway build of the web app, shaped as `vite build` leaves packages/web/dist: the tests
// must not depend on whether the real app has been built.
const INDEX_HTML =
  '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>伝票</title>' +
  '<script type="module" src="/assets/index-Bq1x2y3z.js"></script></head>' +
  '<body><div id="root"></div></body></html>';
const SCRIPT = `export const screens = ${JSON.stringify(
  Array.from({ length: 200 }, (_, i) => ({ key: `screen.${i}`, label: `画面${i}` })),
)};\n`;

function fixtureDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'denpyo-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'assets', 'index-Bq1x2y3z.js'), SCRIPT);
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

/** The raw bytes and headers of a GET, without a client that decompresses for us. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web app served by the portal', () => {
  let dist: string;
  let portal: RunningService;

  beforeAll(async () => {
    dist = fixtureDist();
    portal = await startService(portalService, testPortalEnv({ WEB_DIST_DIR: dist }));
  });
  afterAll(async () => {
    await portal?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / under the strict policy, revalidated on every use', async () => {
    const response = await request(portal.url).get('/').set('Accept', HTML);
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toBe(INDEX_HTML);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(WEB_APP_CSP);
    expect(WEB_APP_CSP).not.toContain('upgrade-insecure-requests');
    expect(WEB_APP_CSP).not.toContain('unsafe');

    const again = await request(portal.url)
      .get('/')
      .set('If-None-Match', String(response.headers.etag));
    expect(again.status).toBe(304);
  });

  it.each(['/contracts', '/contracts/6f1c0c1e-0000-4000-8000-000000000001', '/vendor', '/login'])(
    'answers a navigation to the app route %s with index.html',
    async (path) => {
      const response = await request(portal.url).get(`${path}?next=%2F`).set('Accept', HTML);
      expect(response.status).toBe(200);
      expect(response.text).toBe(INDEX_HTML);
      expect(response.headers['content-security-policy']).toBe(WEB_APP_CSP);
    },
  );

  it('never answers the API, the operators or a missing asset with the page', async () => {
    for (const path of ['/api/nothing-here', '/api', '/assets/gone-1234.js', '/metrics/x']) {
      const response = await request(portal.url).get(path).set('Accept', HTML);
      expect([path, response.status, response.type]).toEqual([
        path,
        404,
        'application/problem+json',
      ]);
    }
    // Not a navigation: a script asking for JSON, or a POST.
    expect(
      (await request(portal.url).get('/contracts').set('Accept', 'application/json')).status,
    ).toBe(404);
    expect((await request(portal.url).post('/contracts').set('Accept', HTML)).status).toBe(404);
  });

  it("keeps the platform's default policy on API responses", async () => {
    for (const path of ['/health', '/api/openapi.json']) {
      const response = await request(portal.url).get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).not.toBe(WEB_APP_CSP);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves hashed assets for a year, immutable, compressed as the browser accepts', async () => {
    const url = `${portal.url}/assets/index-Bq1x2y3z.js`;
    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzip.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(SCRIPT);
    expect(gzip.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 3);

    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(SCRIPT);

    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });

  it('revalidates the unhashed files beside index.html', async () => {
    const response = await request(portal.url).get('/favicon.svg');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });
});

describe('the portal before the web app is built', () => {
  let empty: string;
  let portal: RunningService;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'denpyo-web-unbuilt-'));
    portal = await startService(
      portalService,
      testPortalEnv({ DEMO_MODE: true, WEB_DIST_DIR: join(empty, 'dist') }),
    );
  });
  afterAll(async () => {
    await portal?.stop();
    rmSync(empty, { recursive: true, force: true });
  });

  it('starts, says at / that the web app is not built (503), and serves the API', async () => {
    const page = await request(portal.url).get('/').set('Accept', HTML);
    expect(page.status).toBe(503);
    expect(page.type).toBe('application/problem+json');
    expect(page.body.detail).toMatch(/web app is not built/);
    const route = await request(portal.url).get('/contracts').set('Accept', HTML);
    expect(route.status).toBe(503);

    expect((await request(portal.url).get('/health')).status).toBe(200);
    const login = await request(portal.url)
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'demo' });
    expect(login.status).toBe(200);
  });
});

describe('where the portal finds the web app', () => {
  it("defaults to @denpyo/web's dist (packages/web/dist)", () => {
    expect(builtWebAppDir()).toBe(
      join(dirname(require.resolve('@denpyo/web/package.json')), 'dist'),
    );
    expect(builtWebAppDir()).toMatch(/packages[/\\]web[/\\]dist$/);
  });
});
