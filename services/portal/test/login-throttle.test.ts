import { LoginThrottle } from '../src/domain/login-throttle';

describe('LoginThrottle', () => {
  const policy = { maxFailures: 3, windowMs: 60_000 };
  let now: number;
  let throttle: LoginThrottle;
  beforeEach(() => {
    now = 1_000_000;
    throttle = new LoginThrottle(policy, () => now);
  });

  const fail = (times: number, username = 'alice', address = '10.0.0.1') => {
    for (let i = 0; i < times; i += 1) throttle.recordFailure(username, address);
  };

  it('allows attempts until the limit of failures is reached', () => {
    fail(2);
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    fail(1);
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(60_000);
  });

  it('counts per username and address', () => {
    fail(3);
    expect(throttle.retryAfterMs('bob', '10.0.0.1')).toBe(0);
    expect(throttle.retryAfterMs('alice', '10.0.0.2')).toBe(0);
    expect(throttle.retryAfterMs('ALICE', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('lets the user try again once the window has passed', () => {
    fail(3);
    now += 59_999;
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(1);
    now += 1;
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    fail(1);
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
  });

  it('refuses a throttled attempt as throttled, rounding the wait up to whole seconds', () => {
    expect(throttle.refuseIfThrottled('alice', '10.0.0.1')).toBeUndefined();
    fail(3);
    now += 30_500;
    expect(throttle.refuseIfThrottled('alice', '10.0.0.1')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 30 }),
    });
  });

  it('forgets failures after a successful login', () => {
    fail(2);
    throttle.recordSuccess('alice', '10.0.0.1');
    fail(2);
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
  });
});
