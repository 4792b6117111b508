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
  approvals: ApprovalRecord[];
}

export interface PaymentOrderLine {
  description: string;
  amount: number;
  taxRate: TaxRate;
}

export interface PaymentOrderVoucher {
  city: string;
  documentNumber: string;
  date: string;
  fiscalYear: number;
  budget: BudgetLine;
  vendor: Party;
  contract: { documentNumber: string; title: string };
  invoiceNumber: string;
  receivedOn: string;
  dueDate: string;
  lines: PaymentOrderLine[];
  subtotal: number;
  taxes: TaxLine[];
  total: number;
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
  items: { invoiceNumber: string; amount: number }[];
  total: number;
}
