import { join } from 'node:path';
import { defineService, startService } from '../src/service';
import { testServiceEnv } from '../src/testing';

// The composition every service shares, started for real: migrations, event bus, app, listen.
describe('startService', () => {
  it('stops gracefully: a request in flight finishes, then new connections are refused', async () => {
    let release: () => void = () => undefined;
    const service = await startService(
      defineService({
        name: 'contract',
        defaultPort: 0,
        migrationsDir: join(__dirname, 'no-migrations-here'),
        operations: {},
        usesEvents: true,
        createApplication: () => ({}),
        routes: () => ({}),
        mount(app) {
          app.get('/slow', async (_req, res) => {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            res.json({ finished: true });
          });
        },
      }),
      testServiceEnv('shutdown'),
    );
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);

    const inFlight = fetch(`${service.url}/slow`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let stopped = false;
    const stopping = service.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false); // still waiting for the request in hand
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();

    release();
    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await stopping;
    expect(stopped).toBe(true);
  });
});
