import type { ContractVoucher, PaymentOrderVoucher, RemittanceNotice } from '../src';

const vendor = {
  name: '株式会社みなと建設',
  address: '神奈川県横浜市中区本町六丁目50番地の10',
  registrationNumber: 'T8010001008843',
};

const budget = { code: '08-02-01-14', name: '土木費 道路橋りょう費 道路維持費 工事請負費' };

export const contractVoucher: ContractVoucher = {
  city: '横浜市',
  documentNumber: '契-2026-001234',
  date: '2026-11-24',
  fiscalYear: 2026,
  budget,
  vendor,
  title: '市道本町線舗装補修工事（その2）',
  amount: 12_345_000,
  taxRate: 10,
  period: { start: '2026-12-01', end: '2027-03-19' },
  kind: '工事',
  method: '一般競争入札',
  drafter: { name: '佐藤 花子', title: '道路課 主任', at: '2026-11-20T00:15:00Z' },
  route: [
    {
      rank: '課長',
      signer: {
        name: '鈴木 一郎',
        title: '道路課長',
        at: '2026-11-21T06:40:00Z',
        comment: '設計書と内訳を確認済み',
      },
    },
    {
      rank: '部長',
      signer: { name: '高橋 健', title: '都市整備局長', at: '2026-11-24T01:32:00Z' },
    },
    { rank: '副市長', signer: { name: '伊藤 誠', title: '副市長', at: '2026-11-24T05:00:00Z' } },
  ],
};

export const paymentOrderVoucher: PaymentOrderVoucher = {
  city: '横浜市',
  documentNumber: '支-2027-000987',
  date: '2027-01-15',
  fiscalYear: 2026,
  budget,
  vendor,
  contract: { documentNumber: contractVoucher.documentNumber, title: contractVoucher.title },
  invoiceNumber: 'INV-2027-0042',
  qualified: true,
  amountsInclude: 'tax-excluded',
  receivedOn: '2027-01-08',
  dueDate: '2027-02-05',
  lines: [
    { description: '舗装補修工事 出来高（12月分）', amount: 4_200_000, taxRate: 10 },
    { description: '交通誘導員 延べ36人日', amount: 648_000, taxRate: 10 },
    { description: '現場作業員用 弁当・飲料', amount: 53_704, taxRate: 8 },
  ],
  subtotal: 4_901_704,
  taxes: [
    { rate: 10, base: 4_848_000, tax: 484_800 },
    { rate: 8, base: 53_704, tax: 4_296 },
  ],
  total: 5_390_800,
  withholdingTax: 0,
  netAmount: 5_390_800,
  approvals: [
    { step: '起票', name: '田中 美咲', role: '会計課 主事', at: '2027-01-12T02:05:00Z' },
    {
      step: '審査',
      name: '伊藤 誠',
      role: '会計課長',
      at: '2027-01-14T08:30:00Z',
      comment: '検収調書と照合済み',
    },
    { step: '決裁', name: '渡辺 直樹', role: '会計管理者', at: '2027-01-15T00:10:00Z' },
  ],
};

export const remittanceNotice: RemittanceNotice = {
  city: '横浜市',
  documentNumber: '振-2027-000321',
  date: '2027-02-01',
  vendor,
  transferDate: '2027-02-05',
  bankAccount: {
    bankName: '横浜銀行',
    branchName: '本町支店',
    type: '普通',
    number: '1234567',
    holderKana: 'カ）ミナトケンセツ',
  },
  items: [
    { invoiceNumber: 'INV-2027-0042', amount: 5_390_800 },
    { invoiceNumber: 'INV-2027-0051', amount: 1_122_000 },
  ],
  total: 6_512_800,
};

/** The heaviest voucher in use: a 支出命令書 of 100 lines (four pages). */
export const hundredLineOrder: PaymentOrderVoucher = {
  ...paymentOrderVoucher,
  lines: Array.from({ length: 100 }, (_, index) => ({
    description: `道路維持補修 資材・作業 第${index + 1}工区`,
    amount: 10_000 + index,
    taxRate: 10 as const,
  })),
  subtotal: 1_004_950,
  taxes: [{ rate: 10, base: 1_004_950, tax: 100_495 }],
  total: 1_105_445,
  netAmount: 1_105_445,
};
