/** Consumption tax rates in percent: standard, reduced (軽減税率), exempt. */
export type TaxRate = 10 | 8 | 0;

/** One electronic sign-off: the replacement for a seal (押印) on the paper voucher. */
export interface ApprovalRecord {
  step: string;
  name: string;
  role: string;
  /** ISO timestamp with offset, e.g. 2026-11-24T01:32:00Z; printed in Japan time. */
  at: string;
  comment?: string;
}

/** Taxable base and tax for one rate, as rounded once per rate on a qualified invoice. */
export interface TaxLine {
  rate: TaxRate;
  base: number;
  tax: number;
}

export interface Party {
  name: string;
  address?: string;
  /** 適格請求書発行事業者登録番号, e.g. T1234567890123. */
  registrationNumber?: string;
}

/**
 * Budget line (款・項・目・節) the expenditure is charged to: its code and its printed name,
 * e.g. 「03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料」.
 */
export interface BudgetLine {
  code: string;
  name: string;
}

/**
 * The budget line as the commitment found it (captured when the contract was committed, so a
 * reprint shows the same figures): 予算現額 incl. 流用, 既負担額 before this contract, 今回負担額
 * and 残額 = 予算現額 − 既負担額 − 今回負担額.
 */
export interface BudgetStatus {
  currentAmount: number;
  committedBefore: number;
  thisCommitment: number;
  remaining: number;
}

/** Dates are ISO 'YYYY-MM-DD'; amounts are integer yen. */
export interface ContractVoucher {
  city: string;
  documentNumber: string;
  date: string;
  fiscalYear: number;
  budget: BudgetLine;
  vendor: Party;
  title: string;
  /** Tax included. */
  amount: number;
  taxRate: TaxRate;
  /** うち消費税額: the consumption tax contained in the amount. */
  tax: number;
  /** Absent for a contract committed before the figures were captured. */
  budgetStatus?: BudgetStatus;
  period: { start: string; end: string };
  /** 物品 / 役務 / 工事. */
  kind: string;
  /** 契約方法 (一般競争入札 …); absent when not recorded. */
  method?: string;
  /** 起案者: display name and title (職名), and when the draft was made; 起案課 when recorded. */
  drafter: { name: string; title: string; at: string; department?: string };
  /** The route (決裁ルート) in order: each rank, and who signed it once signed. */
  route: RouteStep[];
  /** 債務負担行為: the amount per fiscal year of a multi-year contract. */
  schedule?: { fiscalYear: number; amount: number }[];
}

/** One step of a route: the rank it needs (課長 …) and its signer once signed. */
export interface RouteStep {
  rank: string;
  signer?: { name: string; title: string; at: string; comment?: string };
}

export interface PaymentOrderLine {
  description: string;
  /** As the invoice states it: tax-excluded or tax-included (amountsInclude). */
  amount: number;
  taxRate: TaxRate;
  /** A fee subject to 源泉徴収. */
  withholding?: boolean;
}

export interface PaymentOrderVoucher {
  city: string;
  documentNumber: string;
  date: string;
  fiscalYear: number;
  budget: BudgetLine;
  /** registrationNumber: the one the invoice carries (none on a non-qualified invoice). */
  vendor: Party;
  contract: { documentNumber: string; title: string };
  invoiceNumber: string;
  /** 適格請求書: the invoice carries the vendor's own registration number. */
  qualified: boolean;
  /** What the line amounts and the tax bases are. */
  amountsInclude: 'tax-excluded' | 'tax-included';
  receivedOn: string;
  dueDate: string;
  lines: PaymentOrderLine[];
  /** Tax excluded. */
  subtotal: number;
  /** Per rate, as the invoice states them. */
  taxes: TaxLine[];
  total: number;
  /**
   * 適格返還請求書 received before the order, each with its own number and 返還額 (tax included):
   * what is paid is total less these. Absent or empty: none.
   */
  credits?: { creditNoteNumber: string; total: number }[];
  /** 源泉徴収税額 (0: none) and 差引支払額 = total − credits − withholdingTax, what is transferred. */
  withholdingTax: number;
  netAmount: number;
  /** 受付, 検収, 支出命令: name is the display name, role the title (職名). */
  approvals: ApprovalRecord[];
  /** 会計管理者の確認 (支出の決定): absent until the accounting manager confirmed the order. */
  confirmation?: ApprovalRecord;
  /** 支払方法 and the 振込先口座 the vendor registered; absent when the account is not known. */
  payment?: PaymentMethod;
}

/** 口座振替: to an account at the city's own bank; 振込: to another bank. */
export interface PaymentMethod {
  method: '口座振替' | '振込';
  account: BankAccount;
}

/** As printed: formal bank and branch names (横浜銀行 関内支店), type, number, holder kana. */
export interface BankAccount {
  bankName: string;
  branchName: string;
  /** 普通, 当座, … */
  type: string;
  number: string;
  holderKana: string;
}

export interface RemittanceNotice {
  city: string;
  documentNumber: string;
  date: string;
  vendor: Party;
  transferDate: string;
  /**
   * scheduled (absent): the batch is approved, transferDate is the 振込予定日; settled: the bank
   * has reported, transferDate is the 振込日 and each item says whether it was transferred.
   */
  status?: 'scheduled' | 'settled';
  bankAccount: BankAccount;
  items: RemittanceItem[];
  /** What is (to be) transferred: the sum of the net amounts of the items not failed. */
  total: number;
}

export interface RemittanceItem {
  invoiceNumber: string;
  /** The amount owed (the invoice total, or the interest). */
  amount: number;
  /** Absent: an invoice's payment; 'late-interest' prints 遅延利息. */
  kind?: 'invoice' | 'late-interest';
  /** 源泉徴収税額; absent or 0: none, and amount is what is transferred. */
  withholdingTax?: number;
  /** The invoice's 請求日; absent when not known. */
  invoiceDate?: string;
  /** Once settled: paid, or failed (振込不能, with the bank's reason) and not in the total. */
  result?: { status: 'paid' } | { status: 'failed'; reason: string };
}
