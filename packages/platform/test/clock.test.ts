import { createClock } from '../src/application/clock';
import { ConfigError, pinnedToday } from '../src/config';

describe('the clock', () => {
  it('reads the wall clock in Japan time when nothing pins it', () => {
    // 2026-03-31 15:30 UTC is already 2026-04-01 00:30 in Japan: a new fiscal year.
    const clock = createClock(undefined, () => new Date('2026-03-31T15:30:00Z'));
    expect(clock.today()).toBe('2026-04-01');
  });

  it('keeps the pinned day and the wall clock time of day', () => {
    const clock = createClock('2027-06-01', () => new Date('2026-11-26T01:02:03.004Z'));
    expect(clock.today()).toBe('2027-06-01');
    expect(clock.now().toISOString()).toBe('2027-06-01T01:02:03.004Z');
  });

  it('keeps the pinned day late in the Japanese evening', () => {
    const clock = createClock('2027-06-01', () => new Date('2026-11-26T14:59:59.000Z'));
    expect(clock.now().toISOString()).toBe('2027-06-01T14:59:59.000Z');
  });

  it('accepts DENPYO_TODAY in demo mode and tests only', () => {
    expect(pinnedToday({ DEMO_MODE: true, DENPYO_TODAY: '2027-06-01' }, 'production')).toBe(
      '2027-06-01',
    );
    expect(pinnedToday({ DEMO_MODE: false, DENPYO_TODAY: '2027-06-01' }, 'test')).toBe(
      '2027-06-01',
    );
    expect(() =>
      pinnedToday({ DEMO_MODE: false, DENPYO_TODAY: '2027-06-01' }, 'production'),
    ).toThrow(ConfigError);
    expect(pinnedToday({ DEMO_MODE: false }, 'production')).toBeUndefined();
  });
});
