import fc from 'fast-check';
import {
  addCalendarDays,
  daysBetween,
  dueDateAfterInspection,
  inspectionDueDate,
  invoiceDueDate,
  isBankBusinessDay,
} from '../src';

describe('inspectionDueDate (支払遅延防止法 Art. 5: 10 days, works 14; calendar days)', () => {
  it('counts from the day after the arrival, without moving over holidays', () => {
    expect(inspectionDueDate('2026-12-01', 'services')).toBe('2026-12-11');
    expect(inspectionDueDate('2026-12-01', 'goods')).toBe('2026-12-11');
    expect(inspectionDueDate('2026-12-01', 'works')).toBe('2026-12-15');
    expect(inspectionDueDate('2026-12-24', 'services')).toBe('2027-01-03'); // a bank holiday
  });
});

describe('invoiceDueDate (Art. 6: 30 days, works 40; previous bank business day)', () => {
  it('a claim that arrived 2026-12-01 is due 2026-12-30, whenever it was keyed in', () => {
    expect(invoiceDueDate('2026-12-01', 'services')).toBe('2026-12-30'); // 12-31 closed
  });

  it('works get 40 days: 2027-01-10 (Sunday) → Friday 2027-01-08', () => {
    expect(invoiceDueDate('2026-12-01', 'works')).toBe('2027-01-08');
  });
});

describe('dueDateAfterInspection (Art. 7: late inspection days come off the payment period)', () => {
  it.each([
    ['2026-12-05', 0, '2026-12-30'], // early
    ['2026-12-11', 0, '2026-12-30'], // on the last day
    ['2026-12-14', 3, '2026-12-28'], // 12-31 − 3 = Monday 12-28
    ['2026-12-16', 5, '2026-12-25'], // 12-26 is a Saturday
    ['2027-01-15', 35, '2026-11-26'], // beyond the period: deemed expired (already late)
  ])('received 2026-12-01, inspected %s: %d days late, due %s', (inspectedOn, late, due) => {
    expect(dueDateAfterInspection('2026-12-01', 'services', inspectedOn)).toEqual({
      lateDays: late,
      dueDate: due,
    });
  });

  it('works: 14 days to inspect, 40 to pay', () => {
    // Due for inspection 12-15; inspected 12-20 is 5 days late: 40 − 5 = 35 → 2027-01-05.
    expect(dueDateAfterInspection('2026-12-01', 'works', '2026-12-20')).toEqual({
      lateDays: 5,
      dueDate: '2027-01-05',
    });
  });

  it('never later than on-time inspection, and a business day at most period − late away', () => {
    const day = fc.integer({ min: 0, max: 365 * 8 }).map((n) => addCalendarDays('2020-01-01', n));
    const kind = fc.constantFrom('goods' as const, 'services' as const, 'works' as const);
    fc.assert(
      fc.property(day, kind, fc.integer({ min: 0, max: 60 }), (receivedOn, k, after) => {
        const inspectedOn = addCalendarDays(receivedOn, after);
        const { lateDays, dueDate } = dueDateAfterInspection(receivedOn, k, inspectedOn);
        const period = k === 'works' ? 40 : 30;
        expect(isBankBusinessDay(dueDate)).toBe(true);
        expect(dueDate <= invoiceDueDate(receivedOn, k)).toBe(true);
        expect(daysBetween(receivedOn, dueDate)).toBeLessThanOrEqual(period - lateDays);
        expect(lateDays).toBe(Math.max(0, after - (k === 'works' ? 14 : 10)));
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days, across months, years and leap days', () => {
    expect(daysBetween('2026-12-11', '2026-12-14')).toBe(3);
    expect(daysBetween('2026-12-14', '2026-12-11')).toBe(-3);
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
  });
});
