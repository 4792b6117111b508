import { budgetParts, budgetTotals } from './budget-bar';

describe('a budget line as a bar', () => {
  it('splits the amount into spent, encumbered-unpaid and available', () => {
    expect(
      budgetParts({
        amount: 10_000_000,
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

  it('copes with an empty budget line', () => {
    expect(budgetParts({ amount: 0, encumbered: 0, spent: 0, available: 0 })).toEqual({
      spent: 0,
      encumberedUnpaid: 0,
      available: 0,
      encumberedShare: 0,
    });
  });

  it('adds lines up', () => {
    const line = { amount: 100, encumbered: 40, spent: 10, available: 60 };
    expect(budgetTotals([line, line])).toEqual({
      amount: 200,
      encumbered: 80,
      spent: 20,
      available: 120,
    });
  });
});
