import {
  addDays,
  formatNumber,
  formatPercent,
  formatReiwa,
  formatReiwaDateTime,
  formatSeireki,
  formatYen,
  japanDate,
  parseYen,
} from './index';

describe('yen', () => {
  it('writes ¥ and thousands separators', () => {
    expect(formatYen(0)).toBe('¥0');
    expect(formatYen(999)).toBe('¥999');
    expect(formatYen(1000)).toBe('¥1,000');
    expect(formatYen(1234567)).toBe('¥1,234,567');
    expect(formatYen(-500)).toBe('-¥500');
    expect(formatYen(Number.MAX_SAFE_INTEGER)).toBe('¥9,007,199,254,740,991');
    expect(formatNumber(3300000)).toBe('3,300,000');
  });

  it('refuses what is not integer yen', () => {
    expect(() => formatYen(1.5)).toThrow(RangeError);
    expect(() => formatYen(Number.NaN)).toThrow(RangeError);
    expect(() => formatYen(2 ** 60)).toThrow(RangeError);
  });

  it('reads what a person types into an amount field', () => {
    expect(parseYen('3300000')).toBe(3300000);
    expect(parseYen('3,300,000')).toBe(3300000);
    expect(parseYen('¥3,300,000')).toBe(3300000);
    expect(parseYen('１，２００円')).toBe(1200);
    expect(parseYen(' 42 ')).toBe(42);
    expect(parseYen('')).toBeUndefined();
    expect(parseYen('-5')).toBeUndefined();
    expect(parseYen('1.5')).toBeUndefined();
    expect(parseYen('1e3')).toBeUndefined();
    expect(parseYen('abc')).toBeUndefined();
    expect(parseYen('99999999999999999')).toBeUndefined();
  });
});

describe('令和 dates', () => {
  it('writes an ISO date in 令和', () => {
    expect(formatReiwa('2026-11-26')).toBe('令和8年11月26日');
    expect(formatReiwa('2019-05-01')).toBe('令和元年5月1日');
    expect(formatReiwa('2020-01-01')).toBe('令和2年1月1日');
  });

  it('leaves what it cannot write in 令和 as it is', () => {
    expect(formatReiwa('2019-04-30')).toBe('2019-04-30');
    expect(formatReiwa('not a date')).toBe('not a date');
    expect(formatReiwa('2026-02-30')).toBe('2026-02-30');
  });

  it('writes the Western-calendar form vendors read', () => {
    expect(formatSeireki('2026-04-05')).toBe('2026年4月5日');
  });

  it('takes an instant to its Japan date and time', () => {
    expect(japanDate('2026-11-26T15:00:00Z')).toBe('2026-11-27');
    expect(japanDate('2026-11-26T14:59:59Z')).toBe('2026-11-26');
    expect(formatReiwaDateTime('2026-11-26T06:05:00Z')).toBe('令和8年11月26日 15:05');
    expect(formatReiwaDateTime('2026-11-26T23:30:00+09:00')).toBe('令和8年11月26日 23:30');
  });

  it('counts calendar days', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('percentages', () => {
  it('rounds down to one decimal', () => {
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(2, 3)).toBe('66.6%');
    expect(formatPercent(1, 2)).toBe('50%');
    expect(formatPercent(5, 0)).toBe('0%');
    expect(formatPercent(10, 10)).toBe('100%');
  });
});
