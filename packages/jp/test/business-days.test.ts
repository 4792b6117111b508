import fc from 'fast-check';
import {
  addCalendarDays,
  isBankBusinessDay,
  japanToday,
  paymentDueDate,
  previousBankBusinessDay,
} from '../src';

describe('isBankBusinessDay', () => {
  it.each([
    ['2026-05-04', 'みどりの日'],
    ['2026-05-05', 'こどもの日'],
    ['2026-05-06', '振替休日'],
    ['2026-11-23', '勤労感謝の日'],
    ['2026-12-31', 'year-end closure (Thursday)'],
    ['2027-01-01', '元日'],
    ['2027-01-02', 'year-end closure (Saturday)'],
    ['2027-01-03', 'year-end closure (Sunday)'],
    ['2026-11-28', 'Saturday'],
    ['2026-11-29', 'Sunday'],
  ])('%s is closed (%s)', (date) => {
    expect(isBankBusinessDay(date)).toBe(false);
  });

  it.each(['2026-05-07', '2026-11-24', '2026-12-30', '2027-01-04'])('%s is open', (date) => {
    expect(isBankBusinessDay(date)).toBe(true);
  });

  it('rejects invalid dates and years without holiday data', () => {
    expect(() => isBankBusinessDay('2026-13-01')).toThrow(RangeError);
    expect(() => isBankBusinessDay('2199-06-01')).toThrow(/no holiday data/);
  });
});

describe('previousBankBusinessDay and paymentDueDate', () => {
  it('keeps a business day and moves a closed day back', () => {
    expect(previousBankBusinessDay('2026-11-24')).toBe('2026-11-24');
    expect(previousBankBusinessDay('2026-05-06')).toBe('2026-05-01');
    expect(previousBankBusinessDay('2027-01-03')).toBe('2026-12-30');
  });

  it('is 30 days after receipt, moved back to a business day', () => {
    expect(paymentDueDate('2026-10-01')).toBe('2026-10-30'); // Saturday 10-31 → Friday 10-30
    expect(paymentDueDate('2026-04-06')).toBe('2026-05-01'); // 5-06 振替休日 → before GW
    expect(paymentDueDate('2026-12-04')).toBe('2026-12-30'); // 1-03 → before the year-end closure
    expect(paymentDueDate('2026-11-01', 10)).toBe('2026-11-11');
  });

  it('the due date is the last business day on or before the deadline', () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addCalendarDays('2019-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 90 }), (receivedOn, days) => {
        const deadline = addCalendarDays(receivedOn, days);
        const due = paymentDueDate(receivedOn, days);
        expect(isBankBusinessDay(due)).toBe(true);
        expect(due <= deadline).toBe(true);
        // No business day lies between them: the run of holidays can be long (Golden Week 2019
        // closed banks for ten days, 4-27 to 5-06), so no fixed bound holds.
        for (
          let later = addCalendarDays(due, 1);
          later <= deadline;
          later = addCalendarDays(later, 1)
        ) {
          expect(isBankBusinessDay(later)).toBe(false);
        }
      }),
    );
  });

  it('moves a deadline in Golden Week 2019 back to the business day before it', () => {
    expect(paymentDueDate('2019-04-14', 19)).toBe('2019-04-26');
  });
});

describe('calendar helpers', () => {
  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(() => addCalendarDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('japanToday is the Tokyo date, nine hours ahead of UTC', () => {
    expect(japanToday(new Date('2026-11-23T14:59:59Z'))).toBe('2026-11-23');
    expect(japanToday(new Date('2026-11-23T15:00:00Z'))).toBe('2026-11-24');
    expect(japanToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
