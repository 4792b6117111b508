import fc from 'fast-check';
import {
  addCalendarDays,
  isBankBusinessDay,
  monthRange,
  nationalTaxDeadline,
  nextMonth,
  withholdingTaxDueDate,
} from '../src';

describe('months (YYYY-MM)', () => {
  it('runs from its first to its last day, leap years included', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
  });

  it('is followed by the next month, across the year end', () => {
    expect(nextMonth('2026-11')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2027-09')).toBe('2027-10');
    expect(nextMonth('0131-07')).toBe('0131-08'); // the year keeps its four digits
    expect(nextMonth('0999-12')).toBe('1000-01');
  });

  it.each(['2026-13', '2026-00', '2026-1', '202611', '2026-11-01'])('refuses %s', (month) => {
    expect(() => monthRange(month)).toThrow(RangeError);
    expect(() => nextMonth(month)).toThrow(RangeError);
  });

  it('the day after a month is the first of the next', () => {
    const month = fc
      .tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }))
      .map(([year, m]) => `${year}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, (m) => {
        expect(addCalendarDays(monthRange(m).to, 1)).toBe(`${nextMonth(m)}-01`);
      }),
    );
  });
});

describe('nationalTaxDeadline (国税通則法 Art. 10(2), 施行令 Art. 2(2))', () => {
  it.each([
    ['2026-12-10', '2026-12-10', 'a Thursday'],
    ['2027-07-10', '2027-07-12', 'a Saturday'],
    ['2027-01-10', '2027-01-12', 'a Sunday, then 成人の日'],
    ['2026-05-03', '2026-05-07', '憲法記念日 on a Sunday, みどりの日, こどもの日, 振替休日'],
    // Banks are open on 12-29 and 12-30; the tax office is not.
    ['2026-12-29', '2027-01-04', 'the year-end days'],
  ])('%s → %s (%s)', (deadline, moved) => {
    expect(nationalTaxDeadline(deadline)).toBe(moved);
  });

  it('is the first day from the deadline on that the tax office is open', () => {
    const taxOfficeOpen = (date: string) =>
      isBankBusinessDay(date) && !['12-29', '12-30'].includes(date.slice(5));
    const day = fc.integer({ min: 0, max: 365 * 8 }).map((n) => addCalendarDays('2019-01-01', n));
    fc.assert(
      fc.property(day, (deadline) => {
        const moved = nationalTaxDeadline(deadline);
        expect(taxOfficeOpen(moved)).toBe(true);
        for (let date = deadline; date < moved; date = addCalendarDays(date, 1)) {
          expect(taxOfficeOpen(date)).toBe(false);
        }
      }),
    );
  });
});

describe('withholdingTaxDueDate (所得税法 Art. 204(1))', () => {
  it.each([
    ['2026-11', '2026-12-10'], // a Thursday
    ['2026-12', '2027-01-12'], // 2027-01-10 is a Sunday, 01-11 成人の日
    ['2027-01', '2027-02-10'],
    ['2027-04', '2027-05-10'], // a Monday
    ['2027-06', '2027-07-12'], // 2027-07-10 is a Saturday
  ])('tax withheld in %s is due %s', (month, due) => {
    expect(withholdingTaxDueDate(month)).toBe(due);
  });
});
