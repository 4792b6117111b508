import type {
  ContractVoucher,
  PaymentOrderVoucher,
  RemittanceNotice,
  TransferSummary,
} from '../src';

const vendor = {
  name: '株式会社みなと建設',
  address: '神奈川県横浜市中区本町六丁目50番地の10',
  registrationNumber: 'T8010001008843',
};

const budget = {
  code: '08.02.02.14',
  name: '08款 土木費 02項 道路橋りょう費 02目 道路維持費 14節 工事請負費',
};

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
  tax: 1_122_272,
  budgetStatus: {
    currentAmount: 150_000_000,
    committedBefore: 98_765_000,
    thisCommitment: 12_345_000,
    remaining: 38_890_000,
  },
  period: { start: '2026-12-01', end: '2027-03-19' },
  kind: '工事',
  method: '一般競争入札',
  drafter: {
    name: '佐藤 花子',
    title: '道路課 主任',
    department: '都市整備局 道路課',
    at: '2026-11-20T00:15:00Z',
  },
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
    { step: '受付', name: '田中 美咲', role: '道路課 主事', at: '2027-01-08T02:05:00Z' },
    {
      step: '検収',
      name: '中村 大輔',
      role: '道路課 技師',
      at: '2027-01-12T08:30:00Z',
      comment: '検収調書と照合済み',
    },
    { step: '支出命令', name: '鈴木 一郎', role: '道路課長', at: '2027-01-14T01:00:00Z' },
  ],
  confirmation: {
    step: '確認',
    name: '渡辺 直樹',
    role: '会計管理者',
    at: '2027-01-15T00:10:00Z',
  },
  payment: {
    method: '振込',
    account: {
      bankName: '横浜銀行',
      branchName: '関内支店',
      type: '普通',
      number: '1234567',
      holderKana: 'ｶ)ﾐﾅﾄｹﾝｾﾂ',
    },
  },
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

// Three invoices of one vendor in one batch: a lecturer's fee with ¥10,210 withheld, a plain
// invoice, and one the bank returned (振込不能).
export const remittanceItems: RemittanceNotice['items'] = [
  {
    invoiceNumber: 'INV-2027-0077',
    invoiceDate: '2027-01-10',
    amount: 100_000,
    withholdingTax: 10_210,
    result: { status: 'paid' },
  },
  {
    invoiceNumber: 'INV-2027-0078',
    invoiceDate: '2027-01-12',
    amount: 55_000,
    withholdingTax: 0,
    result: { status: 'paid' },
  },
  {
    invoiceNumber: 'INV-2027-0079',
    invoiceDate: '2027-01-15',
    amount: 22_000,
    withholdingTax: 0,
    result: { status: 'failed', reason: '口座なし' },
  },
];

/** The notice of a settled batch: one of its three transfers returned by the bank. */
export const settledRemittanceNotice: RemittanceNotice = {
  ...remittanceNotice,
  status: 'settled',
  items: remittanceItems,
  total: 144_790,
};

// A batch of five transfers to three banks, drafted by an accountant and approved by the treasurer.
export const transferSummary: TransferSummary = {
  city: '伝票市',
  documentNumber: '総振-20270205-1A2B3C4D',
  date: '2027-02-03',
  requester: {
    nameKana: 'ﾃﾞﾝﾋﾟﾖｳｼ',
    code: '1234567890',
    bankName: 'みずほ',
    branchName: '東京営業部',
    accountType: '当座',
    accountNumber: '7654321',
  },
  transferDate: '2027-02-05',
  transferDesignation: '電信',
  fileName: 'zengin-1a2b3c4d.txt',
  banks: [
    { bankCode: '0001', bankName: 'みずほ', count: 2, total: 155_000 },
    { bankCode: '0005', bankName: '三菱ＵＦＪ', count: 1, total: 89_790 },
    { bankCode: '0009', bankName: '三井住友', count: 2, total: 1_234_567 },
  ],
  count: 5,
  total: 1_479_357,
  approvals: [
    { step: '起票', role: '会計課 主任', name: '佐藤 花子', at: '2027-02-01T00:30:00Z' },
    { step: '承認', role: '会計管理者', name: '渡辺 直樹', at: '2027-02-02T01:10:00Z' },
  ],
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

/** A 支出命令書 of five lines: still one page, hash footer included. */
export const fiveLineOrder: PaymentOrderVoucher = {
  ...paymentOrderVoucher,
  lines: [
    ...paymentOrderVoucher.lines,
    { description: '仮設資材 損料（12月分）', amount: 120_000, taxRate: 10 },
    { description: '産業廃棄物 運搬処分', amount: 85_000, taxRate: 10 },
  ],
  subtotal: 5_106_704,
  taxes: [
    { rate: 10, base: 5_053_000, tax: 505_300 },
    { rate: 8, base: 53_704, tax: 4_296 },
  ],
  total: 5_616_300,
  netAmount: 5_616_300,
};

/**
 * Forty 講師謝金 lines subject to 源泉徴収 (two pages): 40 × ¥25,000 tax-included, ¥102,100
 * withheld (10.21%), ¥897,900 transferred.
 */
export const fortyLineOrderWithWithholding: PaymentOrderVoucher = {
  ...paymentOrderVoucher,
  vendor: { name: '山田 太郎' },
  qualified: false,
  amountsInclude: 'tax-included',
  lines: Array.from({ length: 40 }, (_, index) => ({
    description: `市民講座 講師謝金 第${index + 1}回`,
    amount: 25_000,
    taxRate: 10 as const,
    withholding: true,
  })),
  subtotal: 909_091,
  taxes: [{ rate: 10, base: 1_000_000, tax: 90_909 }],
  total: 1_000_000,
  withholdingTax: 102_100,
  netAmount: 897_900,
  payment: {
    method: '振込',
    account: {
      bankName: 'さわやか信用金庫',
      branchName: '本店',
      type: '普通',
      number: '7654321',
      holderKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    },
  },
};

/** A 支出命令書 of one line. */
export const oneLineOrder: PaymentOrderVoucher = {
  ...paymentOrderVoucher,
  lines: paymentOrderVoucher.lines.slice(0, 1),
  subtotal: 4_200_000,
  taxes: [{ rate: 10, base: 4_200_000, tax: 420_000 }],
  total: 4_620_000,
  netAmount: 4_620_000,
};
