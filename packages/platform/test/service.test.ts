import { join } from 'node:path';
import type { Pool } from 'pg';
import { defineService, startService } from '../src/service';
import { eventually, testServiceEnv } from '../src/testing';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it('repeats periodic tasks after listen, one run at a time, logging failures, until stop', async () => {
    let active = 0;
    let overlapped = false;
    const runs: string[] = [];
    let failures = 0;
    let hourlyRuns = 0;
    const service = await startService(
      defineService({
        name: 'contract',
        defaultPort: 0,
        migrationsDir: join(__dirname, 'no-migrations-here'),
        operations: {},
        usesEvents: false,
        createApplication: (runtime) => ({ pool: runtime.pool as Pool }),
        routes: () => ({}),
        every: [
          {
            name: 'slow',
            intervalMs: 5,
            // Slower than its interval: a timer-per-interval would start a second run inside it.
            async run({ pool }) {
              active += 1;
              if (active > 1) overlapped = true;
              await pause(40);
              // The pool is still open: stop waits for the run in hand.
              const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
              runs.push(`run ${rows[0]!.one}`);
              active -= 1;
            },
          },
          {
            name: 'hourly',
            // Its first run comes at once, not after the hour.
            intervalMs: 3_600_000,
            firstRunMs: 5,
            async run() {
              hourlyRuns += 1;
            },
          },
          {
            name: 'failing',
            intervalMs: 5,
            async run() {
              failures += 1;
              throw new Error('catch-up failed');
            },
          },
        ],
      }),
      testServiceEnv('periodic'),
    );
    const logged = jest.spyOn(service.runtime.logger, 'error');
    await eventually(async () => {
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ task: 'failing', err: expect.any(Error) }),
        'task failed',
      );
    });
    // A failure does not end the task: it runs again at its next interval.
    const failed = failures;
    await eventually(async () => expect(failures).toBeGreaterThan(failed));

    await eventually(async () => expect(active).toBe(1)); // inside a run: stop must wait for it
    await service.stop();
    expect(active).toBe(0);
    expect(overlapped).toBe(false);
    expect(hourlyRuns).toBe(1);
    const after = { runs: runs.length, failures };
    await pause(60);
    expect({ runs: runs.length, failures }).toEqual(after);
  });
});
