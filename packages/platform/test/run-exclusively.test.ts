import type { Pool } from 'pg';
import { createPool } from '../src/db/pool';
import { runExclusively } from '../src/db/run-exclusively';
import { deferred, testDatabaseUrl, uniqueName } from './event-helpers';

// The periodic tasks' guard across instances: two pools stand for two instances of a service.
describe('runExclusively', () => {
  const pools: Pool[] = [];
  const pool = () => {
    const created = createPool(testDatabaseUrl(), 'public', 2);
    pools.push(created);
    return created;
  };
  afterAll(() => Promise.all(pools.map((p) => p.end())));

  it('runs a task in one instance at a time; the other skips its turn', async () => {
    const [one, two] = [pool(), pool()];
    const mail = uniqueName('mail');
    const release = deferred();
    let runs = 0;
    const running = runExclusively(one, mail, async () => {
      runs += 1;
      await release.promise;
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the lock is taken
    expect(await runExclusively(two, mail, async () => void (runs += 1))).toBe(false);
    // Another task is not held up.
    expect(await runExclusively(two, uniqueName('parked'), async () => undefined)).toBe(true);
    release.resolve();
    expect(await running).toBe(true);
    expect(runs).toBe(1);
    // Once the run is over, either instance may run it next.
    expect(await runExclusively(two, mail, async () => void (runs += 1))).toBe(true);
    expect(runs).toBe(2);
  });

  it('lets go of the task when a run fails', async () => {
    const [one, two] = [pool(), pool()];
    const mail = uniqueName('mail');
    await expect(
      runExclusively(one, mail, async () => {
        throw new Error('SMTP down');
      }),
    ).rejects.toThrow('SMTP down');
    expect(await runExclusively(two, mail, async () => undefined)).toBe(true);
  });
});
