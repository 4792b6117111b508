import fc from 'fast-check';
import { formatWarekiDateTime, formatWarekiFiscalYear, japanMidnight } from '../src/datetime';

describe('formatWarekiDateTime', () => {
  it('prints the timestamp in Japan time', () => {
    expect(formatWarekiDateTime('2026-11-24T01:32:00Z')).toBe('令和8年11月24日 10:32');
    expect(formatWarekiDateTime('2026-11-24T10:32:00+09:00')).toBe('令和8年11月24日 10:32');
  });

  it('moves to the next Japanese day and year after 15:00 UTC', () => {
    expect(formatWarekiDateTime('2026-12-31T15:00:00Z')).toBe('令和9年1月1日 00:00');
  });

  it('always prints a two-digit 24-hour time', () => {
    const reiwa = new Date('2019-05-01T00:00:00+09:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: reiwa, max: reiwa + 80 * 365 * 86_400_000 }), (ms) => {
        expect(formatWarekiDateTime(new Date(ms).toISOString())).toMatch(
          /^令和(元|\d+)年\d{1,2}月\d{1,2}日 ([01]\d|2[0-3]):[0-5]\d$/,
        );
      }),
    );
  });

  it('rejects text that is not a timestamp', () => {
    expect(() => formatWarekiDateTime('yesterday')).toThrow(RangeError);
  });
});

describe('formatWarekiFiscalYear', () => {
  it('names the fiscal year by the era year it starts in', () => {
    expect(formatWarekiFiscalYear(2026)).toBe('令和8年度');
    expect(formatWarekiFiscalYear(2019)).toBe('令和元年度');
  });
});

describe('japanMidnight', () => {
  it('is the start of the day in Japan', () => {
    expect(japanMidnight('2026-11-24').toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });

  it('rejects a malformed date', () => {
    expect(() => japanMidnight('2026-13-45')).toThrow(RangeError);
  });
});
