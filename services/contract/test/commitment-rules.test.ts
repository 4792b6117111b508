import fc from 'fast-check';
import { keepInvoiced, planCommitments } from '../src/domain/commitment';
import { checkCommitmentTerms, refuseIfClosed, yearHasBegun } from '../src/domain/fiscal-year';

const terms = {
  fiscalYear: 2026,
  amount: 3_000_000,
  startDate: '2026-10-01',
  endDate: '2027-03-31',
};

describe('checkCommitmentTerms (地方自治法 Art. 208, 214)', () => {
  it('keeps a contract within its fiscal year as one year of the whole amount', () => {
    expect(checkCommitmentTerms(terms)).toEqual({
      ok: true,
      value: [{ fiscalYear: 2026, amount: 3_000_000 }],
    });
    expect(checkCommitmentTerms({ ...terms, startDate: '2026-04-01' }).ok).toBe(true);
  });

  it('refuses a start outside the fiscal year, naming startDate and the year', () => {
    for (const startDate of ['2026-03-31', '2027-04-01']) {
      expect(checkCommitmentTerms({ ...terms, startDate, endDate: '2027-04-30' })).toMatchObject({
        ok: false,
        refusal: {
          code: 'unprocessable',
          errors: [
            { path: 'startDate', message: expect.stringMatching(/2026-04-01 to 2027-03-31/) },
          ],
        },
      });
    }
  });

  it('requires a schedule when the period ends after March 31 of the year', () => {
    const multiYear = { ...terms, endDate: '2028-06-30' };
    expect(checkCommitmentTerms(multiYear)).toMatchObject({
      ok: false,
      refusal: {
        errors: [{ path: 'schedule', message: expect.stringMatching(/2026, 2027, 2028/) }],
      },
    });
    const schedule = [
      { fiscalYear: 2026, amount: 1_000_000 },
      { fiscalYear: 2027, amount: 1_500_000 },
      { fiscalYear: 2028, amount: 500_000 },
    ];
    expect(checkCommitmentTerms({ ...multiYear, schedule })).toEqual({ ok: true, value: schedule });
  });

  it('refuses a schedule whose years or sum do not fit the period', () => {
    const multiYear = { ...terms, endDate: '2027-09-30' };
    expect(
      checkCommitmentTerms({
        ...multiYear,
        schedule: [
          { fiscalYear: 2027, amount: 1_000_000 },
          { fiscalYear: 2026, amount: 2_000_000 },
        ],
      }),
    ).toMatchObject({ ok: false, refusal: { errors: [{ path: 'schedule' }] } });
    expect(
      checkCommitmentTerms({
        ...multiYear,
        schedule: [
          { fiscalYear: 2026, amount: 1_000_000 },
          { fiscalYear: 2027, amount: 1_999_999 },
        ],
      }),
    ).toMatchObject({
      ok: false,
      refusal: {
        errors: [
          { path: 'schedule', message: 'amounts sum to 2999999, not the contract amount 3000000' },
        ],
      },
    });
    expect(
      checkCommitmentTerms({ ...terms, schedule: [{ fiscalYear: 2027, amount: 3_000_000 }] }),
    ).toMatchObject({ ok: false, refusal: { errors: [{ path: 'schedule' }] } });
  });
});

describe('refuseIfClosed and yearHasBegun', () => {
  it('refuses a closed year naming it', () => {
    expect(refuseIfClosed([2025], 2025)).toMatchObject({
      ok: false,
      refusal: {
        errors: [{ path: 'fiscalYear', message: expect.stringMatching(/2025 is closed/) }],
      },
    });
    expect(refuseIfClosed([2025], 2026).ok).toBe(true);
  });

  it('opens a year on its April 1', () => {
    expect(yearHasBegun(2027, '2027-03-31')).toBe(false);
    expect(yearHasBegun(2027, '2027-04-01')).toBe(true);
  });
});

describe('planCommitments', () => {
  const planned = [
    { fiscalYear: 2026, amount: 1_000_000, encumbered: 0 },
    { fiscalYear: 2027, amount: 2_000_000, encumbered: 0 },
  ];
  const schedule = planned.map(({ fiscalYear, amount }) => ({ fiscalYear, amount }));

  it('encumbers only the first year at approval before the next year begins', () => {
    expect(
      planCommitments(planned, schedule, { firstYear: 2026, today: '2026-09-01', mode: 'commit' }),
    ).toEqual({
      commitments: [
        { fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 },
        { fiscalYear: 2027, amount: 2_000_000, encumbered: 0 },
      ],
      moves: [{ fiscalYear: 2026, delta: 1_000_000 }],
    });
  });

  it('encumbers a later year that has already begun', () => {
    expect(
      planCommitments(planned, schedule, { firstYear: 2026, today: '2027-04-01', mode: 'commit' })
        .moves,
    ).toEqual([
      { fiscalYear: 2026, delta: 1_000_000 },
      { fiscalYear: 2027, delta: 2_000_000 },
    ]);
  });

  it('moves the difference on an amendment: increase encumbers, decrease releases', () => {
    const approved = [{ fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 }];
    const at = { firstYear: 2026, today: '2026-09-01', mode: 'commit' as const };
    expect(planCommitments(approved, [{ fiscalYear: 2026, amount: 1_200_000 }], at).moves).toEqual([
      { fiscalYear: 2026, delta: 200_000 },
    ]);
    expect(planCommitments(approved, [{ fiscalYear: 2026, amount: 700_000 }], at).moves).toEqual([
      { fiscalYear: 2026, delta: -300_000 },
    ]);
    expect(planCommitments(approved, [{ fiscalYear: 2026, amount: 1_000_000 }], at).moves).toEqual(
      [],
    );
  });

  it('never encumbers more when releasing', () => {
    const partly = [
      { fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 },
      { fiscalYear: 2027, amount: 2_000_000, encumbered: 0 },
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), (invoiced) => {
        const plan = planCommitments(partly, keepInvoiced(partly, invoiced), {
          firstYear: 2026,
          today: '2027-05-01',
          mode: 'release',
        });
        expect(plan.moves.every((move) => move.delta < 0)).toBe(true);
        const kept = plan.commitments.reduce((sum, entry) => sum + entry.amount, 0);
        expect(kept).toBe(invoiced);
      }),
    );
  });
});

describe('keepInvoiced', () => {
  it('counts what is invoiced against the earliest years first', () => {
    const commitments = [
      { fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 },
      { fiscalYear: 2027, amount: 2_000_000, encumbered: 2_000_000 },
    ];
    expect(keepInvoiced(commitments, 1_300_000)).toEqual([
      { fiscalYear: 2026, amount: 1_000_000 },
      { fiscalYear: 2027, amount: 300_000 },
    ]);
    expect(keepInvoiced(commitments, 0)).toEqual([
      { fiscalYear: 2026, amount: 0 },
      { fiscalYear: 2027, amount: 0 },
    ]);
  });
});
