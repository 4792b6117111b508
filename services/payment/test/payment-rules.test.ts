import { DEFAULT_LATE_INTEREST_RATES } from '@denpyo/jp';
import { parseConfig } from '@denpyo/platform';
import type { Outcome } from '@denpyo/platform/outcome';
import { paymentEnvSchema } from '../src/config';
import { decideClose, decideNoBatchInFlight } from '../src/domain/fiscal-year';
import { decideConfirmation, decideRetry, lateInterestOrder } from '../src/domain/payment';

const codeOf = (outcome: Outcome<unknown>) => (outcome.ok ? undefined : outcome.refusal.code);

describe('confirming a payment order (地方自治法 Art. 232-4)', () => {
  const order = { status: 'scheduled', orderedBy: 'accountant', fiscalYear: 2026 } as const;

  test('a treasurer other than the orderer confirms a scheduled order of an open year', () => {
    expect(codeOf(decideConfirmation(order, 'treasurer', new Set()))).toBeUndefined();
    expect(codeOf(decideConfirmation(order, 'accountant', new Set()))).toBe('forbidden');
    expect(codeOf(decideConfirmation({ ...order, status: 'confirmed' }, 't', new Set()))).toBe(
      'conflict',
    );
    const closed = decideConfirmation(order, 'treasurer', new Set([2026]));
    expect(codeOf(closed)).toBe('unprocessable');
    expect(!closed.ok && closed.refusal.message).toContain('2026');
  });
});

describe('retrying a failed transfer', () => {
  const old = {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '1234567',
    holderKana: 'ｶ)ﾃｽﾄ',
  } as const;
  const corrected = { ...old, number: '7654321' };

  test('needs a corrected account, or the statement that the same one is right', () => {
    const failed = { status: 'failed' } as const;
    expect(codeOf(decideRetry(failed, old, corrected, false))).toBeUndefined();
    expect(decideRetry(failed, old, old, false)).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'sameAccount' }] },
    });
    expect(codeOf(decideRetry(failed, old, old, true))).toBeUndefined();
    expect(codeOf(decideRetry({ status: 'paid' }, old, corrected, false))).toBe('conflict');
  });
});

describe('late-payment interest at settlement (支払遅延防止法 Art. 8)', () => {
  const paid = {
    id: 'p1',
    kind: 'invoice',
    amount: 10_000_000,
    dueDate: '2027-05-10',
    contractConcludedOn: '2026-04-15',
  } as const;

  test('¥10,000,000 paid 22 days late at 2.5% owes ¥15,000, due 30 days after payment', () => {
    expect(lateInterestOrder(paid, '2027-06-01', DEFAULT_LATE_INTEREST_RATES)).toEqual({
      amount: 15_000,
      // 2027-07-01 is a Thursday, a bank business day.
      dueDate: '2027-07-01',
      fiscalYear: 2027,
      basis: {
        paymentId: 'p1',
        principal: 10_000_000,
        dueDate: '2027-05-10',
        paidOn: '2027-06-01',
        days: 22,
        ratePercent: '2.5',
      },
    });
  });

  test('nothing on time, nothing under ¥100, no interest on interest', () => {
    expect(lateInterestOrder(paid, '2027-05-10', DEFAULT_LATE_INTEREST_RATES)).toBeUndefined();
    expect(
      lateInterestOrder({ ...paid, amount: 100_000 }, '2027-05-20', DEFAULT_LATE_INTEREST_RATES),
    ).toBeUndefined();
    expect(
      lateInterestOrder(
        { ...paid, kind: 'late-interest' },
        '2027-06-01',
        DEFAULT_LATE_INTEREST_RATES,
      ),
    ).toBeUndefined();
  });

  test('the rate is the one in force on the conclusion day (the due date for old orders)', () => {
    const rates = [
      { from: '2021-04-01', percent: '2.5' },
      { from: '2027-01-01', percent: '3.0' },
    ];
    expect(lateInterestOrder(paid, '2027-06-01', rates)?.basis.ratePercent).toBe('2.5');
    const old = { ...paid, contractConcludedOn: undefined };
    expect(lateInterestOrder(old, '2027-06-01', rates)).toMatchObject({
      amount: 18_000,
      basis: { ratePercent: '3.0' },
    });
  });

  test('the rate table is a setting with a dated default, checked at start', () => {
    expect(parseConfig(paymentEnvSchema, { DEMO_MODE: '1' }).LATE_INTEREST_RATES).toEqual(
      DEFAULT_LATE_INTEREST_RATES,
    );
    const env = parseConfig(paymentEnvSchema, {
      DEMO_MODE: '1',
      LATE_INTEREST_RATES:
        '[{"from":"2027-04-01","percent":"3.1"},{"from":"2021-04-01","percent":"2.5"}]',
    });
    expect(env.LATE_INTEREST_RATES.map((rate) => rate.from)).toEqual(['2021-04-01', '2027-04-01']);
    for (const bad of [
      'not json',
      '[]',
      '[{"from":"2021-04-01","percent":"2,5"}]',
      '[{"from":"2021-04-01","percent":"2.5"},{"from":"2021-04-01","percent":"2.6"}]',
    ]) {
      expect(() =>
        parseConfig(paymentEnvSchema, { DEMO_MODE: '1', LATE_INTEREST_RATES: bad }),
      ).toThrow('LATE_INTEREST_RATES');
    }
  });
});

describe('the fiscal-year close (出納閉鎖, 地方自治法 Art. 235-5)', () => {
  test('is refused until May 31 of the next year and allowed from June 1', () => {
    expect(codeOf(decideClose(2026, '2027-05-31'))).toBe('unprocessable');
    expect(codeOf(decideClose(2026, '2027-06-01'))).toBeUndefined();
    expect(codeOf(decideClose(2026, '2026-12-01'))).toBe('unprocessable');
  });

  test('waits for the approved batches the bank has not reported on, naming them', () => {
    expect(codeOf(decideNoBatchInFlight(2026, []))).toBeUndefined();
    const refused = decideNoBatchInFlight(2026, [
      { id: 'b1', transferDate: '2027-05-31' },
      { id: 'b2', transferDate: '2027-06-01' },
    ]);
    expect(codeOf(refused)).toBe('unprocessable');
    const message = refused.ok ? '' : refused.refusal.message;
    for (const part of ['2026', 'b1', '2027-05-31', 'b2', '2027-06-01'])
      expect(message).toContain(part);
  });
});
