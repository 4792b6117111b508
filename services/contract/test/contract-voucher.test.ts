import type { Budget, Contract, Vendor } from '@denpyo/schemas';
import { contractVoucher } from '../src/domain/contract-voucher';

// 支出負担行為決議書: dated the day the contract was concluded (契約締結日), whatever became of it.
describe('contractVoucher date', () => {
  const approval = {
    step: 1,
    approver: 'k',
    username: 'k',
    displayName: '課長 太郎',
    title: '課長',
    rank: 'kacho' as const,
    // 2026-09-02 in UTC, 2026-09-03 in Japan: the approval day is Japan's.
    at: '2026-09-02T16:00:00.000Z',
  };
  const contract: Contract = {
    id: '00000000-0000-4000-8000-000000000001',
    documentNumber: 'CT-2026-000001',
    vendorId: '00000000-0000-4000-8000-000000000002',
    title: '庁舎清掃業務委託',
    budgetCode: '01.01.01.01',
    fiscalYear: 2026,
    amount: 500_000,
    taxRate: 10,
    startDate: '2026-10-01',
    endDate: '2027-03-31',
    kind: 'services',
    status: 'draft',
    createdBy: 'p',
    invoicedAmount: 0,
    paidAmount: 0,
    remainingAmount: 500_000,
    route: ['kacho'],
    approvals: [],
    requiredApprovals: 1,
    commitments: [{ fiscalYear: 2026, amount: 500_000, encumbered: 0 }],
    amendments: [],
    createdAt: '2026-08-20T01:00:00.000Z',
    updatedAt: '2026-08-20T01:00:00.000Z',
  };
  const vendor = { name: '株式会社デンピョウ' } as Vendor;
  const budget = { code: '01.01.01.01', name: '委託料' } as Budget;
  const dateOf = (changes: Partial<Contract>) =>
    contractVoucher('テスト市', { ...contract, ...changes }, vendor, budget).date;

  it('is the draft day while the contract was never concluded', () => {
    expect(dateOf({})).toBe('2026-08-20');
    expect(dateOf({ status: 'cancelled' })).toBe('2026-08-20');
  });

  it('is the day it was concluded, also once completed or cancelled', () => {
    for (const status of ['approved', 'completed', 'cancelled'] as const) {
      expect(
        dateOf({
          status,
          concludedOn: '2026-09-03',
          approvals: [approval],
          updatedAt: '2027-01-10T01:00:00.000Z',
        }),
      ).toBe('2026-09-03');
    }
  });

  it('is the last sign-off day of a contract concluded before concludedOn was recorded', () => {
    expect(dateOf({ status: 'completed', approvals: [approval] })).toBe('2026-09-03');
  });
});
