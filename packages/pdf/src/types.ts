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

/** Budget line (款・項・目・節) the expenditure is charged to. */
export interface BudgetLine {
  code: string;
  name: string;
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
  amount: number;
  taxRate: TaxRate;
  period: { start: string; end: string };
  /** 物品 / 役務 / 工事. */
  kind: string;
  /** 契約方法 (一般競争入札 …); absent when not recorded. */
  method?: string;
  /** 起案者: display name and title (職名), and when the draft was made. */
  drafter: { name: string; title: string; at: string };
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
  /** 源泉徴収税額 (0: none) and 差引支払額 = total − withholdingTax, what is transferred. */
  withholdingTax: number;
  netAmount: number;
  /** 受付, 検収, 支出命令, 確認: name is the display name, role the title (職名). */
  approvals: ApprovalRecord[];
}

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
  bankAccount: BankAccount;
  items: RemittanceItem[];
  /** What is transferred: the sum of the items' net amounts. */
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
}
