import { UNNAMED_SIGNER } from '@denpyo/pdf';
import type { Budget, Contract, Vendor } from '@denpyo/schemas';
import { budgetAtCommitment } from '../src/domain/budget-at-commitment';
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

// What the voucher carries beside its date: the budget line by name and as the commitment found
// it, the tax contained, and the signers by name, never by username.
describe('contractVoucher contents', () => {
  const contract = {
    id: '00000000-0000-4000-8000-000000000001',
    documentNumber: 'CT-2026-000002',
    vendorId: '00000000-0000-4000-8000-000000000002',
    title: '生活困窮者自立相談支援業務委託',
    budgetCode: '03.01.01.12',
    fiscalYear: 2026,
    amount: 1_234_567,
    taxRate: 10,
    startDate: '2026-10-01',
    endDate: '2027-03-31',
    kind: 'services',
    status: 'approved',
    createdBy: 'procurement',
    createdBySignature: {
      username: 'procurement',
      displayName: '佐藤 健一',
      title: '福祉課主事',
      department: '福祉部 福祉課',
    },
    invoicedAmount: 0,
    paidAmount: 0,
    remainingAmount: 1_234_567,
    route: ['kacho', 'bucho'],
    approvals: [
      {
        step: 1,
        approver: 'approver',
        username: 'approver',
        displayName: '高橋 誠',
        title: '福祉課長',
        at: '2026-09-02T01:00:00.000Z',
      },
      // Signed while the account had no display name or title: the username stood in.
      {
        step: 2,
        approver: 'approver2',
        username: 'approver2',
        displayName: 'approver2',
        title: '',
        at: '2026-09-03T01:00:00.000Z',
      },
    ],
    requiredApprovals: 2,
    concludedOn: '2026-09-03',
    budgetAtCommitment: {
      currentAmount: 10_000_000,
      committedBefore: 6_000_000,
      thisCommitment: 1_234_567,
    },
    commitments: [{ fiscalYear: 2026, amount: 1_234_567, encumbered: 1_234_567 }],
    amendments: [],
    createdAt: '2026-08-20T01:00:00.000Z',
    updatedAt: '2026-09-03T01:00:00.000Z',
  } satisfies Contract;
  const vendor = { name: '社会福祉法人みなと会' } as Vendor;
  const budget = {
    code: '03.01.01.12',
    name: '自立相談支援 委託料',
    kanName: '民生費',
    kouName: '社会福祉費',
    mokuName: '社会福祉総務費',
  } as Budget;

  it('names the budget line by 款・項・目 as the city registered them and the national 節', () => {
    expect(contractVoucher('テスト市', contract, vendor, budget).budget).toEqual({
      code: '03.01.01.12',
      name: '03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料',
    });
    const unnamed = { code: '03.01.01.12', name: '委託料' } as Budget;
    expect(contractVoucher('テスト市', contract, vendor, unnamed).budget.name).toBe(
      '03款 民生費 01項 01目 12節 委託料',
    );
  });

  it('prints the figures recorded at the commitment, with 残額, and the tax contained', () => {
    const voucher = contractVoucher('テスト市', contract, vendor, budget);
    expect(voucher.budgetStatus).toEqual({
      currentAmount: 10_000_000,
      committedBefore: 6_000_000,
      thisCommitment: 1_234_567,
      remaining: 2_765_433,
    });
    // 1,234,567 × 10 / 110 = 112,233.36…: rounded down.
    expect(voucher.tax).toBe(112_233);
    const before: Contract = { ...contract };
    delete before.budgetAtCommitment;
    expect(contractVoucher('テスト市', before, vendor, budget)).not.toHaveProperty('budgetStatus');
  });

  it('prints signers by display name and title, and never a username in place of a name', () => {
    const voucher = contractVoucher('テスト市', contract, vendor, budget);
    expect(voucher.drafter).toEqual({
      name: '佐藤 健一',
      title: '福祉課主事',
      department: '福祉部 福祉課',
      at: '2026-08-20T01:00:00.000Z',
    });
    expect(voucher.route.map((step) => step.signer)).toEqual([
      { name: '高橋 誠', title: '福祉課長', at: '2026-09-02T01:00:00.000Z' },
      { name: UNNAMED_SIGNER, title: '部長', at: '2026-09-03T01:00:00.000Z' },
    ]);
  });
});

describe('budgetAtCommitment', () => {
  it('takes 既負担額 as what the line carried before this contract encumbered its year', () => {
    expect(
      budgetAtCommitment({ fiscalYear: 2026, currentAmount: 10_000_000, encumbered: 7_234_567 }, [
        { fiscalYear: 2026, amount: 1_234_567, encumbered: 1_234_567 },
        { fiscalYear: 2027, amount: 5_000_000, encumbered: 0 },
      ]),
    ).toEqual({ currentAmount: 10_000_000, committedBefore: 6_000_000, thisCommitment: 1_234_567 });
  });
});
