import { byDate, isOverdue, monthGrid, monthRange, shiftMonth } from './calendar';

describe('the payments calendar', () => {
  it('lays a month out in weeks from Sunday, padded with the neighbouring days', () => {
    // 2026-12-01 is a Tuesday; December has 31 days.
    const weeks = monthGrid(2026, 12);
    expect(weeks).toHaveLength(5);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0]!.map((d) => d.date)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
    expect(weeks[0]![0]).toMatchObject({ inMonth: false, weekday: 0, day: 29 });
    expect(weeks[0]![2]).toMatchObject({ inMonth: true, weekday: 2, day: 1 });
    expect(weeks[4]![4]).toMatchObject({ date: '2026-12-31', inMonth: true });
    expect(weeks[4]![6]).toMatchObject({ date: '2027-01-02', inMonth: false });
  });

  it('handles February of a leap year and a month starting on Sunday', () => {
    const feb = monthGrid(2026, 2); // 2026-02-01 is a Sunday, 28 days: exactly 4 weeks
    expect(feb).toHaveLength(4);
    expect(feb[0]![0]!.date).toBe('2026-02-01');
    const leap = monthGrid(2028, 2);
    expect(leap.flat().filter((d) => d.inMonth)).toHaveLength(29);
  });

  it('gives the month as a due-date range and steps across years', () => {
    expect(monthRange(2027, 2)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth(2026, 5, -17)).toEqual({ year: 2024, month: 12 });
  });

  it('groups payments by their due date', () => {
    const grouped = byDate(
      [
        { id: 'a', dueDate: '2026-12-10' },
        { id: 'b', dueDate: '2026-12-25' },
        { id: 'c', dueDate: '2026-12-10' },
      ],
      (x) => x.dueDate,
    );
    expect(grouped.get('2026-12-10')!.map((x) => x.id)).toEqual(['a', 'c']);
    expect(grouped.get('2026-12-11')).toBeUndefined();
  });

  it('marks unpaid payments whose due date has passed as overdue', () => {
    const today = '2026-12-10';
    expect(isOverdue({ status: 'scheduled', dueDate: '2026-12-09' }, today)).toBe(true);
    expect(isOverdue({ status: 'batched', dueDate: '2026-12-09' }, today)).toBe(true);
    expect(isOverdue({ status: 'scheduled', dueDate: '2026-12-10' }, today)).toBe(false);
    expect(isOverdue({ status: 'paid', dueDate: '2026-11-01' }, today)).toBe(false);
  });
});
