import { decideAmendmentDecision, refuseIfChangesClosedYear } from '../src/domain/amendment';
import { refuseIfYearOver } from '../src/domain/fiscal-year';

describe('decideAmendmentDecision (変更契約, 地方自治法 Art. 153, 170)', () => {
  const contract = { createdBy: 'drafter', submittedBy: 'submitter' };
  const amendment = {
    status: 'submitted' as const,
    requestedBy: 'amender',
    route: ['kacho', 'bucho'] as const,
    signedBy: [] as string[],
  };

  it("refuses the contract's creator and submitter and the amendment's requester, whatever their rank", () => {
    for (const username of ['drafter', 'submitter', 'amender']) {
      expect(
        decideAmendmentDecision(amendment, contract, { username, rank: 'shicho' }),
      ).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
    }
  });

  it('lets whoever may sign the next step decide, a higher rank for a lower one', () => {
    expect(decideAmendmentDecision(amendment, contract, { username: 'k', rank: 'kacho' })).toEqual({
      ok: true,
      value: { step: 1, required: 'kacho', completesRoute: false },
    });
    expect(
      decideAmendmentDecision({ ...amendment, signedBy: ['k'] }, contract, {
        username: 'b',
        rank: 'shicho',
      }),
    ).toEqual({ ok: true, value: { step: 2, required: 'bucho', completesRoute: true } });
  });

  it('refuses a lower rank than the next step, a signer without a rank, and a second signature', () => {
    const signed = { ...amendment, signedBy: ['k'] };
    expect(
      decideAmendmentDecision(signed, contract, { username: 'k2', rank: 'kacho' }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden', message: expect.stringMatching(/Step 2 needs a 部長/) },
    });
    expect(decideAmendmentDecision(signed, contract, { username: 'x' })).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(
      decideAmendmentDecision(signed, contract, { username: 'k', rank: 'bucho' }),
    ).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });

  it('decides only a submitted amendment', () => {
    for (const status of ['approved', 'rejected'] as const) {
      expect(
        decideAmendmentDecision({ ...amendment, status }, contract, {
          username: 'k',
          rank: 'kacho',
        }),
      ).toMatchObject({
        ok: false,
        refusal: { code: 'conflict', message: `This amendment is already ${status}` },
      });
    }
  });

  it('works for a contract never submitted by another (no submitter recorded)', () => {
    expect(
      decideAmendmentDecision(amendment, { createdBy: 'drafter' }, { username: 'k', rank: 'kacho' })
        .ok,
    ).toBe(true);
  });
});

describe('refuseIfChangesClosedYear', () => {
  const current = [
    { fiscalYear: 2026, amount: 1_000 },
    { fiscalYear: 2027, amount: 2_000 },
  ];

  it('allows changes in open years that are not over', () => {
    const target = [
      { fiscalYear: 2026, amount: 1_500 },
      { fiscalYear: 2027, amount: 2_500 },
    ];
    expect(refuseIfChangesClosedYear([2025], '2026-09-01', current, target).ok).toBe(true);
  });

  it('refuses any change to a closed year, naming amount and the year', () => {
    const target = [
      { fiscalYear: 2026, amount: 900 },
      { fiscalYear: 2027, amount: 2_000 },
    ];
    expect(refuseIfChangesClosedYear([2026], '2027-06-02', current, target)).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'amount', message: expect.stringMatching(/2026 is closed/) }] },
    });
    // An unchanged closed year is no change.
    const later = [current[0]!, { fiscalYear: 2027, amount: 2_500 }];
    expect(refuseIfChangesClosedYear([2026], '2027-06-02', current, later).ok).toBe(true);
  });

  it('refuses an increase in a year that is over, and lets a decrease release', () => {
    const increase = [{ fiscalYear: 2026, amount: 1_001 }, current[1]!];
    expect(refuseIfChangesClosedYear([], '2027-04-01', current, increase)).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'amount', message: expect.stringMatching(/2026 ended/) }] },
    });
    const decrease = [{ fiscalYear: 2026, amount: 999 }, current[1]!];
    expect(refuseIfChangesClosedYear([], '2027-04-01', current, decrease).ok).toBe(true);
  });
});

describe('refuseIfYearOver (会計年度独立, 地方自治法 Art. 208)', () => {
  it('allows fiscal year N until March 31 of N+1, and refuses it after, naming the year', () => {
    expect(refuseIfYearOver(2026, '2026-04-01').ok).toBe(true);
    expect(refuseIfYearOver(2026, '2027-03-31').ok).toBe(true);
    expect(refuseIfYearOver(2027, '2026-09-01').ok).toBe(true);
    // The 出納整理期間 (to May 31) is for payments, not for new commitments.
    for (const today of ['2027-04-01', '2027-05-31', '2028-01-01']) {
      expect(refuseIfYearOver(2026, today)).toMatchObject({
        ok: false,
        refusal: {
          code: 'unprocessable',
          errors: [
            {
              path: 'fiscalYear',
              message: expect.stringMatching(/^fiscal year 2026 ended on 2027-03-31/),
            },
          ],
        },
      });
    }
    expect(refuseIfYearOver(2026, '2027-04-01', 'amount')).toMatchObject({
      refusal: { errors: [{ path: 'amount' }] },
    });
  });
});
