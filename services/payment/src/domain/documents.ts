import type { Requester, ZenginTransferInput } from '@denpyo/jp';
import { lookupBank, lookupBranch } from '@denpyo/jp';
import type { RemittanceNotice } from '@denpyo/pdf';
import type { BankAccount } from '@denpyo/schemas';
import { accountTypeLabel } from './bank-account';

export interface PayeeAccount {
  name: string;
  registrationNumber?: string;
  bankAccount: BankAccount;
}

export interface PaidItem {
  paymentId: string;
  invoiceNumber: string;
  kind: 'invoice' | 'late-interest';
  amount: number;
  withholdingTax: number;
  /** What the transfer carries: amount − withholdingTax. */
  netAmount: number;
}

/** The 総合振込 input for a batch: one transfer per payment, to the vendor's account. */
export function zenginInput(
  requester: Requester,
  transferDate: string,
  items: readonly { amount: number; bankAccount: BankAccount }[],
): ZenginTransferInput {
  return {
    requester,
    transferDate,
    transfers: items.map(({ amount, bankAccount }) => ({
      bankCode: bankAccount.bankCode,
      branchCode: bankAccount.branchCode,
      accountType: bankAccount.type,
      accountNumber: bankAccount.number,
      holderKana: bankAccount.holderKana,
      amount,
    })),
  };
}

export function zenginFileName(batchId: string): string {
  return `zengin-${batchId}.txt`;
}

/** 振込通知書 number: the transfer date and the payment id, so it is stable and unique. */
export function remittanceDocumentNumber(paymentId: string, transferDate: string): string {
  return `振込-${transferDate.replaceAll('-', '')}-${paymentId.slice(0, 8).toUpperCase()}`;
}

/** The 振込通知書 for one payment; bank and branch names come from the zengin-code data. */
export function remittanceNotice(input: {
  city: string;
  date: string;
  transferDate: string;
  item: PaidItem;
  payee: PayeeAccount;
}): RemittanceNotice {
  const { bankAccount } = input.payee;
  return {
    city: input.city,
    documentNumber: remittanceDocumentNumber(input.item.paymentId, input.transferDate),
    date: input.date,
    vendor: {
      name: input.payee.name,
      ...(input.payee.registrationNumber
        ? { registrationNumber: input.payee.registrationNumber }
        : {}),
    },
    transferDate: input.transferDate,
    bankAccount: {
      bankName: lookupBank(bankAccount.bankCode)?.name ?? bankAccount.bankCode,
      branchName:
        lookupBranch(bankAccount.bankCode, bankAccount.branchCode)?.name ?? bankAccount.branchCode,
      type: accountTypeLabel(bankAccount.type),
      number: bankAccount.number,
      holderKana: bankAccount.holderKana,
    },
    items: [
      {
        invoiceNumber: input.item.invoiceNumber,
        amount: input.item.amount,
        kind: input.item.kind,
        withholdingTax: input.item.withholdingTax,
      },
    ],
    total: input.item.netAmount,
  };
}
