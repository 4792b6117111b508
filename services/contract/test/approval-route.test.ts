import fc from 'fast-check';
import { DEFAULT_APPROVAL_ROUTE, requiredApprovals } from '../src/domain/approval-route';

const yen = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

describe('requiredApprovals', () => {
  it('asks one approval below ¥1,000,000 and two from ¥1,000,000', () => {
    expect(requiredApprovals(1)).toBe(1);
    expect(requiredApprovals(999_999)).toBe(1);
    expect(requiredApprovals(1_000_000)).toBe(2);
    expect(requiredApprovals(50_000_000_000)).toBe(2);
  });

  it('never asks fewer approvals for a larger amount', () => {
    fc.assert(
      fc.property(yen, yen, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(requiredApprovals(low)).toBeLessThanOrEqual(requiredApprovals(high));
      }),
    );
  });

  it('follows a changed route regardless of the order its tiers are listed in', () => {
    const route = [
      { fromAmount: 10_000_000, approvals: 3 },
      { fromAmount: 0, approvals: 1 },
      { fromAmount: 500_000, approvals: 2 },
    ];
    expect(requiredApprovals(499_999, route)).toBe(1);
    expect(requiredApprovals(500_000, route)).toBe(2);
    expect(requiredApprovals(10_000_000, route)).toBe(3);
    expect(requiredApprovals(999_999, DEFAULT_APPROVAL_ROUTE)).toBe(1);
  });
});
