import {
  accountTypeName,
  budgetAccountLabel,
  formalBankName,
  formalBranchName,
  japanToday,
} from '@denpyo/jp';
import {
  signerName,
  type ApprovalRecord,
  type PaymentMethod,
  type PaymentOrderVoucher,
} from '@denpyo/pdf';
import type { BankAccount, Signature } from '@denpyo/schemas';
import type { InvoiceRecord } from '../db/invoices';
import type { ContractProjection, VendorProjection } from '../db/projections';

/**
 * What the 支出命令書 of an approved invoice prints, from what this service knows. `cityBankCode`:
 * the city's own paying bank (指定金融機関); an account there is paid by 口座振替.
 */
export function paymentOrderVoucher(
  city: string,
  invoice: InvoiceRecord,
  contract: ContractProjection,
  vendor: VendorProjection | undefined,
  cityBankCode?: string,
): PaymentOrderVoucher {
  return {
    city,
    documentNumber: invoice.paymentOrderNumber ?? invoice.documentNumber,
    date: japanToday(new Date(invoice.approvedAt ?? invoice.createdAt)),
    fiscalYear: invoice.fiscalYear,
    // As the contract service named it; a contract projected before it did: the national 款 and
    // 節 names, 項・目 by number.
    budget: {
      code: contract.budgetCode,
      name: contract.budgetName ?? budgetAccountLabel(contract.budgetCode),
    },
    vendor: {
      name: vendor?.name ?? `取引先 ${invoice.vendorId}`,
      ...(invoice.registrationNumber ? { registrationNumber: invoice.registrationNumber } : {}),
    },
    contract: { documentNumber: contract.documentNumber, title: contract.title },
    invoiceNumber: invoice.invoiceNumber,
    qualified: invoice.qualified,
    amountsInclude: invoice.amountsInclude,
    receivedOn: invoice.receivedOn,
    dueDate: invoice.dueDate,
    lines: invoice.lines,
    subtotal: invoice.subtotal,
    taxes: invoice.taxes,
    total: invoice.total,
    credits: invoice.credits.map(({ creditNoteNumber, total }) => ({ creditNoteNumber, total })),
    withholdingTax: invoice.withholdingTax,
    netAmount: invoice.netAmount,
    approvals: approvalRecord(invoice),
    ...(invoice.confirmedBy && invoice.confirmedAt
      ? {
          confirmation: signOff(
            '確認',
            '会計管理者',
            invoice.confirmedBySignature,
            invoice.confirmedAt,
          ),
        }
      : {}),
    ...(vendor?.bankAccount ? { payment: paymentMethod(vendor.bankAccount, cityBankCode) } : {}),
  };
}

/** 口座振替 to an account at the city's own bank, 振込 to any other; names as a form prints them. */
export function paymentMethod(account: BankAccount, cityBankCode?: string): PaymentMethod {
  return {
    method: account.bankCode === cityBankCode ? '口座振替' : '振込',
    account: {
      bankName: formalBankName(account.bankCode) ?? `金融機関コード ${account.bankCode}`,
      branchName:
        formalBranchName(account.bankCode, account.branchCode) ?? `店番 ${account.branchCode}`,
      type: accountTypeName(account.type),
      number: account.number,
      holderKana: account.holderKana,
    },
  };
}

/** One act by display name and title as signed at the time, never by username. */
function signOff(
  step: string,
  role: string,
  signature: Signature | undefined,
  at: string,
): ApprovalRecord {
  return {
    step,
    name: signerName(signature),
    role: signature?.title || role,
    at,
  };
}

/**
 * Who received, inspected (検収) and ordered payment (支出命令), and when; the 会計管理者's
 * confirmation is printed on its own line. Acts recorded without a signature (before v2, or
 * confirmed by an event without one), or signed while the account had no display name (the
 * username stood in), print the step's role and 氏名未登録.
 */
function approvalRecord(invoice: InvoiceRecord): ApprovalRecord[] {
  const steps = [signOff('受付', '請求受付', invoice.createdBySignature, invoice.createdAt)];
  if (invoice.inspectedBy && invoice.inspectedAt) {
    steps.push(signOff('検収', '検収担当', invoice.inspectedBySignature, invoice.inspectedAt));
  }
  if (invoice.approvedBy && invoice.approvedAt) {
    steps.push(signOff('支出命令', '会計担当', invoice.orderedBySignature, invoice.approvedAt));
  }
  return steps;
}
