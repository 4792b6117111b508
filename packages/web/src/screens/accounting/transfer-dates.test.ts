import { isUsableTransferDate, nextBankBusinessDays, suggestTransferDate } from './transfer-dates';

describe('transfer dates among bank business days', () => {
  it('skips weekends, national holidays and the year-end closure', () => {
    // 2026-12-31 (Thu) to 2027-01-03 banks are closed; 2027-01-11 is 成人の日.
    expect(nextBankBusinessDays('2026-12-29', 6)).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
    ]);
    expect(nextBankBusinessDays('2027-01-08', 2)).toEqual(['2027-01-08', '2027-01-12']);
  });

  it('accepts only business days from today on', () => {
    expect(isUsableTransferDate('2026-12-28', '2026-12-28')).toBe(true);
    expect(isUsableTransferDate('2026-12-25', '2026-12-28')).toBe(false);
    expect(isUsableTransferDate('2027-01-02', '2026-12-28')).toBe(false);
    expect(isUsableTransferDate('2026-12-27', '2026-12-21')).toBe(false); // a Sunday
  });

  it('stops where the holiday table ends instead of guessing', () => {
    expect(nextBankBusinessDays('2999-01-04', 3)).toEqual([]);
    expect(isUsableTransferDate('2999-01-04', '2026-12-01')).toBe(false);
  });

  it('suggests the last business day that still pays the earliest due date on time', () => {
    const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];
    expect(suggestTransferDate(days, '2026-12-09')).toBe('2026-12-09');
    expect(suggestTransferDate(days, '2026-12-31')).toBe('2026-12-10');
    expect(suggestTransferDate(days, '2026-12-01')).toBe('2026-12-07'); // already late: soonest
    expect(suggestTransferDate(days, undefined)).toBe('2026-12-07');
    expect(suggestTransferDate([], '2026-12-01')).toBeUndefined();
  });
});
