import { judgePaymentOrder, type KnownContract } from '../src/domain/order-consistency';

describe('judgePaymentOrder', () => {
  const contract: KnownContract = { vendorId: 'v-1', amount: 1_000_000, releasedAmount: 0 };
  const order = { contractId: 'c-1', vendorId: 'v-1', amount: 300_000, fiscalYear: 2026 };
  const none = { total: 0, ofYear: 0 };

  it('accepts an order of the contract vendor within the amount', () => {
    expect(judgePaymentOrder(order, contract, none)).toEqual({ verdict: 'accept' });
    expect(judgePaymentOrder(order, contract, { total: 700_000, ofYear: 700_000 })).toEqual({
      verdict: 'accept',
    });
  });

  it('waits for a contract it has not seen (its ContractApproved may still be on the way)', () => {
    expect(judgePaymentOrder(order, undefined, none)).toEqual({
      verdict: 'wait',
      reason: 'contract c-1 has not been seen approved',
    });
  });

  it("refuses another vendor than the contract's, whatever else", () => {
    expect(judgePaymentOrder({ ...order, vendorId: 'v-2' }, contract, none)).toEqual({
      verdict: 'refuse',
      reason: 'vendor v-2 is not the vendor v-1 of contract c-1',
    });
    expect(
      judgePaymentOrder({ ...order, vendorId: 'v-2' }, { ...contract, amount: null }, none),
    ).toMatchObject({ verdict: 'refuse' });
  });

  it('waits while the orders would exceed an open contract (an amendment may raise it)', () => {
    expect(judgePaymentOrder(order, contract, { total: 700_001, ofYear: 0 })).toEqual({
      verdict: 'wait',
      reason: 'the orders of contract c-1 would total 1000001 yen, above its amount 1000000 yen',
    });
    expect(judgePaymentOrder({ ...order, amount: 1_000_001 }, contract, none)).toMatchObject({
      verdict: 'wait',
    });
  });

  it('refuses beyond a closed contract, counting what the closure released', () => {
    const completed = { ...contract, closedOutcome: 'completed' as const, releasedAmount: 400_000 };
    expect(judgePaymentOrder(order, completed, { total: 300_000, ofYear: 0 })).toEqual({
      verdict: 'accept',
    });
    expect(judgePaymentOrder(order, completed, { total: 300_001, ofYear: 0 })).toEqual({
      verdict: 'refuse',
      reason:
        'contract c-1 was completed keeping 600000 yen, but its orders would total 600001 yen',
    });
  });

  it("keeps a multi-year contract's orders within the year's scheduled amount", () => {
    const multiYear: KnownContract = {
      ...contract,
      schedule: [
        { fiscalYear: 2026, amount: 400_000 },
        { fiscalYear: 2027, amount: 600_000 },
      ],
    };
    expect(judgePaymentOrder(order, multiYear, { total: 100_000, ofYear: 100_000 })).toEqual({
      verdict: 'accept',
    });
    expect(judgePaymentOrder(order, multiYear, { total: 100_001, ofYear: 100_001 })).toEqual({
      verdict: 'wait',
      reason:
        'the orders of contract c-1 in fiscal year 2026 would total 400001 yen, above its scheduled 400000 yen',
    });
    expect(
      judgePaymentOrder(
        order,
        { ...multiYear, closedOutcome: 'completed' },
        { total: 100_001, ofYear: 100_001 },
      ),
    ).toMatchObject({ verdict: 'refuse' });
    // A year outside the schedule is held to the contract's total only, as the invoice service does.
    expect(
      judgePaymentOrder({ ...order, fiscalYear: 2028 }, multiYear, { total: 0, ofYear: 0 }),
    ).toEqual({ verdict: 'accept' });
  });

  it('checks only the vendor of a contract known from payments before v3 (amount unknown)', () => {
    expect(
      judgePaymentOrder({ ...order, amount: 10 ** 12 }, { ...contract, amount: null }, none),
    ).toEqual({ verdict: 'accept' });
  });
});
