// The 支出命令書's data from this service's records: the budget line by name, how and where the
// vendor is paid, the 会計管理者's confirmation on its own line, and names never usernames.
import { UNNAMED_SIGNER } from '@denpyo/pdf';
import type { BankAccount } from '@denpyo/schemas';
import type { InvoiceRecord } from '../src/db/invoices';
import type { ContractProjection, VendorProjection } from '../src/db/projections';
import { paymentMethod, paymentOrderVoucher } from '../src/domain/payment-order-voucher';

const account: BankAccount = {
  bankCode: '0138',
  branchCode: '310',
  type: 'ordinary',
  number: '1234567',
  holderKana: 'ｶ)ﾐﾅﾄｹﾝｾﾂ',
};

describe('paymentMethod', () => {
  it('pays an account at another bank by 振込, with the formal bank and branch names', () => {
    expect(paymentMethod(account, '0001')).toEqual({
      method: '振込',
      account: {
        bankName: '横浜銀行',
        branchName: '関内支店',
        type: '普通',
        number: '1234567',
        holderKana: 'ｶ)ﾐﾅﾄｹﾝｾﾂ',
      },
    });
    expect(paymentMethod(account).method).toBe('振込');
  });

  it('pays an account at the city’s own bank by 口座振替', () => {
    expect(paymentMethod(account, '0138').method).toBe('口座振替');
  });

  it('spells out a 信用金庫 without adding 銀行, and prints unknown codes as codes', () => {
    expect(
      paymentMethod({ ...account, bankCode: '1310', branchCode: '001' }).account,
    ).toMatchObject({
      bankName: 'さわやか信用金庫',
      type: '普通',
    });
    expect(
      paymentMethod({ ...account, bankCode: '0000', branchCode: '999' }).account,
    ).toMatchObject({
      bankName: '金融機関コード 0000',
      branchName: '店番 999',
    });
  });
});

describe('paymentOrderVoucher', () => {
  const invoice = {
    id: '00000000-0000-4000-8000-000000000010',
    documentNumber: 'IV-2026-000001',
    paymentOrderNumber: 'PO-2026-000001',
    vendorId: '00000000-0000-4000-8000-000000000002',
    fiscalYear: 2026,
    invoiceNumber: 'INV-1',
    qualified: true,
    amountsInclude: 'tax-excluded',
    receivedOn: '2026-12-01',
    dueDate: '2026-12-31',
    lines: [{ description: '清掃', amount: 100_000, taxRate: 10 }],
    subtotal: 100_000,
    taxes: [{ rate: 10, base: 100_000, tax: 10_000 }],
    total: 110_000,
    credits: [],
    payableTotal: 110_000,
    withholdingTax: 0,
    netAmount: 110_000,
    createdBy: 'alice',
    createdBySignature: { username: 'alice', displayName: '受付 花子', title: '総務課 主事' },
    createdAt: '2026-12-01T01:00:00.000Z',
    inspectedBy: 'bob',
    // Signed while bob's account had no display name: the username stood in.
    inspectedBySignature: { username: 'bob', displayName: 'bob', title: '' },
    inspectedAt: '2026-12-02T01:00:00.000Z',
    approvedBy: 'carol',
    orderedBySignature: { username: 'carol', displayName: '会計 花子', title: '総務課長' },
    approvedAt: '2026-12-03T01:00:00.000Z',
    confirmedBy: 'treasurer',
    confirmedBySignature: { username: 'treasurer', displayName: '出納 一郎', title: '会計管理者' },
    confirmedAt: '2026-12-04T01:00:00.000Z',
  } as unknown as InvoiceRecord;
  const contract = {
    documentNumber: 'CT-2026-000001',
    title: '庁舎清掃業務委託',
    budgetCode: '02.01.01.12',
  } as ContractProjection;
  const vendor = {
    vendorId: invoice.vendorId,
    name: '株式会社みなと建設',
    bankAccount: account,
  } as VendorProjection;

  const voucher = paymentOrderVoucher('テスト市', invoice, contract, vendor, '0001');

  it('names the budget line as the contract service sent it, else by the national 款 and 節', () => {
    expect(voucher.budget).toEqual({
      code: '02.01.01.12',
      name: '02款 総務費 01項 01目 12節 委託料',
    });
    const budgetName = '02款 総務費 01項 総務管理費 01目 一般管理費 12節 委託料';
    expect(
      paymentOrderVoucher('テスト市', invoice, { ...contract, budgetName }, vendor).budget.name,
    ).toBe(budgetName);
  });

  it('prints the sign-offs, and the 会計管理者 confirmation on its own line', () => {
    expect(voucher.approvals.map(({ step, name, role }) => [step, name, role])).toEqual([
      ['受付', '受付 花子', '総務課 主事'],
      ['検収', UNNAMED_SIGNER, '検収担当'],
      ['支出命令', '会計 花子', '総務課長'],
    ]);
    expect(voucher.confirmation).toEqual({
      step: '確認',
      name: '出納 一郎',
      role: '会計管理者',
      at: '2026-12-04T01:00:00.000Z',
    });
    const unconfirmed = { ...invoice, confirmedBy: undefined, confirmedAt: undefined };
    expect(paymentOrderVoucher('テスト市', unconfirmed, contract, vendor)).not.toHaveProperty(
      'confirmation',
    );
  });

  it('prints the vendor’s registered account, or none when this service does not know it', () => {
    expect(voucher.payment).toEqual(paymentMethod(account, '0001'));
    const unknown = { ...vendor, bankAccount: null };
    expect(paymentOrderVoucher('テスト市', invoice, contract, unknown)).not.toHaveProperty(
      'payment',
    );
  });

  it('prints each credit note with its number, and pays what is left (netAmount)', () => {
    expect(voucher.credits).toEqual([]);
    const credit = {
      id: '00000000-0000-4000-8000-000000000020',
      creditNoteNumber: 'CN-1',
      issueDate: '2026-12-02',
      total: 22_000,
      taxes: [{ rate: 10 as const, base: 20_000, tax: 2_000 }],
      originalSha256: '0'.repeat(64),
    };
    const credited = { ...invoice, credits: [credit], payableTotal: 88_000, netAmount: 88_000 };
    expect(paymentOrderVoucher('テスト市', credited, contract, vendor)).toMatchObject({
      total: 110_000,
      credits: [{ creditNoteNumber: 'CN-1', total: 22_000 }],
      netAmount: 88_000,
    });
  });
});
