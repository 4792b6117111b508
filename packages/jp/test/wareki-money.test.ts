import fc from 'fast-check';
import { formatWarekiDate, formatYen } from '../src';

describe('formatWarekiDate', () => {
  it.each([
    ['2019-05-01', '令和元年5月1日'],
    ['2019-12-31', '令和元年12月31日'],
    ['2020-01-01', '令和2年1月1日'],
    ['2026-11-24', '令和8年11月24日'],
  ])('%s → %s', (iso, expected) => {
    expect(formatWarekiDate(iso)).toBe(expected);
  });

  it('rejects dates before 令和 and malformed or impossible dates', () => {
    expect(() => formatWarekiDate('2019-04-30')).toThrow(RangeError);
    expect(() => formatWarekiDate('2026-2-3')).toThrow(RangeError);
    expect(() => formatWarekiDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('formatYen', () => {
  it.each([
    [0, '0円'],
    [999, '999円'],
    [1000, '1,000円'],
    [1234567, '1,234,567円'],
    [-1234567, '-1,234,567円'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991円'],
  ])('%d → %s', (amount, expected) => {
    expect(formatYen(amount)).toBe(expected);
  });

  it('rejects fractions and unsafe numbers', () => {
    expect(() => formatYen(1.5)).toThrow(RangeError);
    expect(() => formatYen(2 ** 53)).toThrow(RangeError);
  });

  it('round-trips: removing separators and 円 gives the number back', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (amount) => {
        const text = formatYen(amount);
        expect(Number(text.replace(/[,円]/g, ''))).toBe(amount);
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*円$/);
      }),
    );
  });
});
