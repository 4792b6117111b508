import request from 'supertest';
import { startService } from '@denpyo/platform';
import { portalService } from '../src/service';
import { testPortalEnv } from './support';

const TOKEN = 'portal-metrics-token-of-32-chars-or-more';

// The portal is where users arrive: its /metrics is the operator's, in demo mode too (`npm
// start` listens where a colleague's browser reaches it). The services' internal ports stay
// open (packages/platform/test/metrics.test.ts).
describe('the portal’s /metrics', () => {
  it('is not served without METRICS_TOKEN, in demo mode or not', async () => {
    for (const DEMO_MODE of [true, false]) {
      const portal = await startService(portalService, testPortalEnv({ DEMO_MODE }));
      try {
        const hidden = await request(portal.app).get('/metrics');
        expect({ DEMO_MODE, status: hidden.status }).toEqual({ DEMO_MODE, status: 404 });
        expect(hidden.text).not.toContain('process_cpu');
      } finally {
        await portal.stop();
      }
    }
  });

  it('answers the operator’s token alone when METRICS_TOKEN is set', async () => {
    const portal = await startService(
      portalService,
      testPortalEnv({ DEMO_MODE: true, METRICS_TOKEN: TOKEN }),
    );
    try {
      expect((await request(portal.app).get('/metrics')).status).toBe(401);
      const read = await request(portal.app)
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN}`);
      expect(read.status).toBe(200);
      expect(read.text).toContain('process_cpu');
    } finally {
      await portal.stop();
    }
  });
});
