import { budgetParts, budgetTotals, transferNet, transferTargets } from './budget-bar';

describe('a budget line as a bar', () => {
  it('splits the current amount into spent, encumbered-unpaid and available', () => {
    expect(
      budgetParts({
        amount: 10_000_000,
        currentAmount: 10_000_000,
        encumbered: 3_300_000,
        spent: 1_100_000,
        available: 6_700_000,
      }),
    ).toEqual({
      spent: 1_100_000,
      encumberedUnpaid: 2_200_000,
      available: 6_700_000,
      encumberedShare: 0.33,
    });
  });

  it('measures against 予算現額 after a transfer (流用)', () => {
    // ¥1,000,000 moved in: 予算現額 ¥11,000,000, of which ¥5,500,000 encumbered.
    const parts = budgetParts({
      amount: 10_000_000,
      currentAmount: 11_000_000,
      encumbered: 5_500_000,
      spent: 0,
      available: 5_500_000,
    });
    expect(parts.encumberedShare).toBe(0.5);
    expect(parts.available).toBe(5_500_000);
  });

  it('copes with an empty budget line', () => {
    expect(
      budgetParts({ amount: 0, currentAmount: 0, encumbered: 0, spent: 0, available: 0 }),
    ).toEqual({ spent: 0, encumberedUnpaid: 0, available: 0, encumberedShare: 0 });
  });

  it('adds lines up', () => {
    const line = { amount: 100, currentAmount: 120, encumbered: 40, spent: 10, available: 80 };
    expect(budgetTotals([line, line])).toEqual({
      amount: 200,
      currentAmount: 240,
      encumbered: 80,
      spent: 20,
      available: 160,
    });
  });
});

describe('transfers (流用)', () => {
  it('nets what came in and went out', () => {
    expect(transferNet({ transfersIn: 300, transfersOut: 100 })).toBe(200);
    expect(transferNet({ transfersIn: 0, transfersOut: 500 })).toBe(-500);
  });

  it('go only between 節 of the same 款・項・目', () => {
    const lines = [
      { code: '02.01.01.01' },
      { code: '02.01.01.02' },
      { code: '02.01.01.13' },
      { code: '02.01.02.01' },
      { code: '03.01.01.01' },
    ];
    expect(transferTargets('02.01.01.01', lines).map((l) => l.code)).toEqual([
      '02.01.01.02',
      '02.01.01.13',
    ]);
    expect(transferTargets('02.01.02.01', lines)).toEqual([]);
  });
});
