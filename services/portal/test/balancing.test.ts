import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { portalService } from '../src/service';
import { startStandIn, testPortalEnv, type StandIn } from './support';

/** A stand-in instance of the contract service: names itself, echoes the body, says if ready. */
function instance(name: string, state = { ready: true }) {
  return startStandIn((app) => {
    app.get('/ready', (_req, res) => {
      res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'unavailable' });
    });
    app.use((req, res) => {
      res.status(req.method === 'POST' ? 201 : 200).json({
        instance: name,
        body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
      });
    });
  });
}

const forwarded = (standIn: StandIn) => standIn.seen.filter((seen) => seen.url !== '/ready');

/** The portal's /ready, which asks every instance (as its periodic check does): their verdict. */
async function instancesReady(portal: RunningService): Promise<boolean> {
  const response = await request(portal.url).get('/ready');
  return response.body.checks.contract === true && response.body.checks.invoice === true;
}

/**
 * A portal in front of these instances of the contract and the invoice service. The periodic
 * readiness check is slowed down to never come during a test: instances are skipped here only
 * for what the requests themselves meet, or when a test asks the portal's /ready.
 */
async function portalFor(urls: string[]): Promise<RunningService> {
  return startService(
    portalService,
    testPortalEnv({
      CONTRACT_URL: urls.join(','),
      INVOICE_URL: urls.join(','),
      UPSTREAM_CHECK_INTERVAL_MS: 600_000,
    }),
  );
}

describe('the gateway with two instances of a service', () => {
  let one: StandIn;
  let two: StandIn;
  let portal: RunningService;

  beforeAll(async () => {
    [one, two] = await Promise.all([instance('one'), instance('two')]);
    portal = await portalFor([one.url, two.url]);
  });
  afterAll(async () => {
    await portal.stop();
    await Promise.all([one.close(), two.close()]);
  });

  it('sends requests to the instances in turn', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await request(portal.url).get(`/api/vendors/${i}`).expect(200);
      answers.push(response.body.instance);
    }
    expect(answers.filter((name) => name === 'one')).toHaveLength(3);
    expect(answers.filter((name) => name === 'two')).toHaveLength(3);
  });

  it('is ready while one instance of each service is', async () => {
    expect(await instancesReady(portal)).toBe(true);
    await one.close();
    expect(await instancesReady(portal)).toBe(true);
    for (let i = 0; i < 4; i += 1) {
      expect((await request(portal.url).get(`/api/vendors/${i}`)).body.instance).toBe('two');
    }
  });
});

describe('the gateway when one instance stops', () => {
  let live: StandIn;
  let stopped: StandIn;
  let portal: RunningService;

  beforeEach(async () => {
    [live, stopped] = await Promise.all([instance('live'), instance('stopped')]);
    portal = await portalFor([stopped.url, live.url]);
    // Both ready as far as the portal knows; then one stops and refuses connections.
    expect(await instancesReady(portal)).toBe(true);
    await stopped.close();
  });
  afterEach(async () => {
    await portal.stop();
    await live.close();
  });

  it('sends GETs to the other instance: no caller sees the failure', async () => {
    for (let i = 0; i < 6; i += 1) {
      const response = await request(portal.url).get(`/api/vendors/${i}`);
      expect([i, response.status, response.body.instance]).toEqual([i, 200, 'live']);
    }
    expect(forwarded(live)).toHaveLength(6);
  });

  it('sends a POST with an Idempotency-Key to the other instance, body intact', async () => {
    for (let i = 0; i < 4; i += 1) {
      const response = await request(portal.url)
        .post('/api/vendors')
        .set('Idempotency-Key', `key-${i}`)
        .send({ name: `取引先 ${i}` });
      expect([i, response.status]).toEqual([i, 201]);
      expect(JSON.parse(response.body.body)).toEqual({ name: `取引先 ${i}` });
    }
    expect(forwarded(live).map((seen) => seen.headers['idempotency-key'])).toEqual([
      'key-0',
      'key-1',
      'key-2',
      'key-3',
    ]);
  });

  it('answers 503 to a POST without a key that met the stopped instance, never resending it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await request(portal.url)
        .post('/api/vendors')
        .send({ name: `取引先 ${i}` });
      statuses.push(response.status);
    }
    // Taken in turn, one POST met the stopped instance; from then on it is skipped.
    expect(statuses.filter((status) => status === 503)).toHaveLength(1);
    expect(statuses.slice(statuses.indexOf(503) + 1).every((status) => status === 201)).toBe(true);
    expect(forwarded(live)).toHaveLength(3);
  });

  it('does not resend a streamed body it no longer holds, even with a key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await request(portal.url)
        .post('/api/invoices/7/reject')
        .set('Content-Type', 'application/octet-stream')
        .set('Idempotency-Key', `stream-${i}`)
        .send(Buffer.from([0x00, 0xff, i]));
      statuses.push(response.status);
    }
    expect(statuses.sort()).toEqual([201, 503]);
    expect(forwarded(live)).toHaveLength(1);
  });
});

describe('the gateway when an instance is not ready', () => {
  const state = { ready: false };
  let unready: StandIn;
  let ready: StandIn;
  let portal: RunningService;

  beforeAll(async () => {
    [unready, ready] = await Promise.all([instance('unready', state), instance('ready')]);
    portal = await portalFor([unready.url, ready.url]);
  });
  afterAll(async () => {
    await portal.stop();
    await Promise.all([unready.close(), ready.close()]);
  });

  it('skips it until its /ready answers 200 again', async () => {
    expect(await instancesReady(portal)).toBe(true);
    for (let i = 0; i < 4; i += 1) {
      const response = await request(portal.url).get(`/api/vendors/${i}`).expect(200);
      expect(response.body.instance).toBe('ready');
    }
    expect(forwarded(unready)).toHaveLength(0);

    state.ready = true;
    expect(await instancesReady(portal)).toBe(true);
    const answers = new Set<string>();
    for (let i = 0; i < 4; i += 1) {
      answers.add((await request(portal.url).get(`/api/vendors/${i}`)).body.instance);
    }
    expect(answers).toEqual(new Set(['unready', 'ready']));
  });
});
