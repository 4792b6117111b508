import { createPasswordHasher, HashingBusy, Semaphore } from '../src/application/password-hasher';

// Cheap parameters: what is tested is the counting and the gate, not scrypt's cost.
const FAST = { N: 1024, r: 8, p: 1 };

describe('the semaphore in front of password hashing', () => {
  it('runs at most `limit` tasks at once, the rest in order as slots free', async () => {
    const gate = new Semaphore(2, 100, 5_000);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(i);
      running -= 1;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => gate.run(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses beyond its queue at once, and a waiter that waited too long', async () => {
    const gate = new Semaphore(1, 1, 50);
    let release: () => void = () => undefined;
    const blocker = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiter = gate.run(() => Promise.resolve('ran'));
    await expect(gate.run(() => Promise.resolve('never'))).rejects.toBeInstanceOf(HashingBusy);
    await expect(waiter).rejects.toBeInstanceOf(HashingBusy); // after 50 ms
    release();
    await blocker;
    // Slots are not lost to the refusals.
    await expect(gate.run(() => Promise.resolve('free'))).resolves.toBe('free');
  });
});

describe('one client in the queue', () => {
  const QUOTA = { limit: 2, maxWaiting: 1, maxWaitMs: 5_000 };

  it('lets a client have its quota in hand, one more wait for it, and refuses the rest; others go on', async () => {
    const gate = new Semaphore(1, 10, 5_000, QUOTA);
    let release: () => void = () => undefined;
    const first = gate.run(
      () => new Promise<string>((resolve) => (release = () => resolve('first'))),
      '10.0.0.1',
    );
    const second = gate.run(() => Promise.resolve('second'), '10.0.0.1');
    const third = gate.run(() => Promise.resolve('third'), '10.0.0.1');
    await expect(gate.run(() => Promise.resolve('fourth'), '10.0.0.1')).rejects.toBeInstanceOf(
      HashingBusy,
    );
    const other = gate.run(() => Promise.resolve('other'), '10.0.0.2');
    release();
    await expect(Promise.all([first, second, third, other])).resolves.toEqual([
      'first',
      'second',
      'third',
      'other',
    ]);
    // Once its tasks are done, the client has its whole quota again.
    await expect(
      Promise.all([
        gate.run(() => Promise.resolve('a'), '10.0.0.1'),
        gate.run(() => Promise.resolve('b'), '10.0.0.1'),
      ]),
    ).resolves.toEqual(['a', 'b']);
  });

  it('refuses a task that waited too long for its client’s quota', async () => {
    const gate = new Semaphore(4, 10, 5_000, { limit: 1, maxWaiting: 1, maxWaitMs: 50 });
    let release: () => void = () => undefined;
    const blocker = gate.run(() => new Promise<void>((resolve) => (release = resolve)), 'a');
    const waited = gate.run(() => Promise.resolve('late'), 'a');
    await expect(waited).rejects.toBeInstanceOf(HashingBusy); // after 50 ms
    release();
    await blocker;
    await expect(gate.run(() => Promise.resolve('free'), 'a')).resolves.toBe('free');
  });

  it('checks the passwords of colleagues behind one address at once, without a refusal', async () => {
    const hasher = createPasswordHasher({ params: FAST, concurrency: 1, perClient: 4 });
    const stored = await hasher.hash('pw-123456');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => hasher.verify('pw-123456', stored, '203.0.113.5')),
    );
    expect(outcomes).toEqual(Array(4).fill({ status: 'fulfilled', value: true }));
  });

  it('makes a flood from one client cost its quota and its short queue, not the shared queue', async () => {
    const hasher = createPasswordHasher({ params: FAST, concurrency: 1, perClient: 4 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => hasher.verify(`guess-${i}`, undefined, '203.0.113.5')),
    );
    // Four in hand, four more waited for them; twelve refused at once.
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(8);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.every((outcome) => outcome.reason instanceof HashingBusy)).toBe(true);
    expect(hasher.stats.derivations).toBe(8);
    // Another client was never behind more than the flood's quota.
    await expect(hasher.verify('other', undefined, '198.51.100.7')).resolves.toBe(false);
  });
});

describe('the password hasher', () => {
  it('costs one derivation for a wrong password and for an unknown user alike', async () => {
    const hasher = createPasswordHasher({ params: FAST, concurrency: 2 });
    const stored = await hasher.hash('right-password');
    const before = hasher.stats.derivations;
    expect(await hasher.verify('wrong-password', stored)).toBe(false);
    expect(hasher.stats.derivations - before).toBe(1);
    expect(await hasher.verify('right-password', undefined)).toBe(false);
    expect(hasher.stats.derivations - before).toBe(2);
    expect(await hasher.verify('right-password', stored)).toBe(true);
    expect(hasher.stats.derivations - before).toBe(3);
  });

  it('never runs more derivations at once than its concurrency', async () => {
    const hasher = createPasswordHasher({ params: FAST, concurrency: 2, maxWaiting: 20 });
    const stored = await hasher.hash('pw-123456');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => hasher.verify(`guess-${i}`, i % 2 ? stored : undefined)),
    );
    expect(hasher.stats.maxRunning).toBe(2);
    expect(hasher.stats.running).toBe(0);
  });

  it('refuses with HashingBusy when too many wait, rather than queueing without bound', async () => {
    const hasher = createPasswordHasher({
      params: { N: 2 ** 14, r: 8, p: 1 },
      concurrency: 1,
      maxWaiting: 2,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => hasher.verify('guess', undefined)),
    );
    const busy = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && outcome.reason instanceof HashingBusy,
    );
    expect(busy).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
  });

  it('hashes at its cost and says which stored hashes are of another', async () => {
    const hasher = createPasswordHasher({ params: FAST, concurrency: 1 });
    const stored = await hasher.hash('pw-123456');
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(hasher.needsRehash(stored)).toBe(false);
    const other = createPasswordHasher({ params: { N: 2048, r: 8, p: 1 }, concurrency: 1 });
    expect(other.needsRehash(stored)).toBe(true);
  });
});
