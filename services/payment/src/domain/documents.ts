import type { Requester, TransferDesignation, ZenginTransferInput } from '@denpyo/jp';
import { accountTypeName, ediReference, formalBankName, formalBranchName } from '@denpyo/jp';
import { signerName, type RemittanceNotice, type TransferSummary } from '@denpyo/pdf';
import type { BankAccount, Signature, TransferBatch } from '@denpyo/schemas';
import type { AnnouncedBatch } from './transfer-batch';

/** One payment of a vendor in a batch, as its 振込通知書 lists it. */
export interface RemittanceLine {
  paymentId: string;
  invoiceNumber: string;
  /** The invoice's 請求日; a late-interest payment's is its invoice's. */
  invoiceDate?: string;
  kind: 'invoice' | 'late-interest';
  amount: number;
  withholdingTax: number;
  netAmount: number;
  /** The bank's result once the batch is settled. */
  result?: { status: 'paid' } | { status: 'failed'; reason: string };
  payeeAccount: BankAccount;
}

/**
 * The 総合振込 input for a batch: one transfer per payment, to the vendor's account. A transfer
 * to one of `ediBanks` carries the invoice number as EDI情報 (when Zengin kana can write it), so
 * the vendor sees which invoice it pays; the others carry no customer codes.
 */
export function zenginInput(
  requester: Requester,
  transferDate: string,
  items: readonly { amount: number; bankAccount: BankAccount; invoiceNumber: string }[],
  ediBanks: readonly string[] = [],
): ZenginTransferInput {
  return {
    requester,
    transferDate,
    transfers: items.map(({ amount, bankAccount, invoiceNumber }) => {
      const ediInfo = ediBanks.includes(bankAccount.bankCode)
        ? ediReference(invoiceNumber)
        : undefined;
      return {
        bankCode: bankAccount.bankCode,
        branchCode: bankAccount.branchCode,
        accountType: bankAccount.type,
        accountNumber: bankAccount.number,
        holderKana: bankAccount.holderKana,
        amount,
        ...(ediInfo === undefined ? {} : { ediInfo }),
      };
    }),
  };
}

export function zenginFileName(batchId: string): string {
  return `zengin-${batchId}.txt`;
}

const TRANSFER_DESIGNATION_LABELS: Record<TransferDesignation, string> = {
  '7': '電信',
  '8': '文書',
};

/** 総合振込依頼書 number: the transfer date and the batch id, so it is stable and unique. */
export function transferSummaryNumber(batchId: string, transferDate: string): string {
  return `総振-${transferDate.replaceAll('-', '')}-${batchId.slice(0, 8).toUpperCase()}`;
}

function signOff(step: string, signature: Signature | undefined, at: string) {
  return {
    step,
    role: signature?.title ?? '',
    name: signerName(signature),
    at,
  };
}

/**
 * The 総合振込依頼書 of an approved batch: what its Zengin file pays (count and total per
 * receiving bank, in bank code order, and in all) and who drafted and approved it.
 */
export function transferSummary(input: {
  city: string;
  date: string;
  requester: Requester;
  transferDesignation: TransferDesignation;
  batch: TransferBatch & { createdAt: string; approvedAt: string };
  items: readonly { amount: number; bankAccount: BankAccount }[];
}): TransferSummary {
  const { requester, batch } = input;
  const byBank = new Map<string, { count: number; total: number }>();
  for (const { amount, bankAccount } of input.items) {
    const bank = byBank.get(bankAccount.bankCode) ?? { count: 0, total: 0 };
    byBank.set(bankAccount.bankCode, { count: bank.count + 1, total: bank.total + amount });
  }
  return {
    city: input.city,
    documentNumber: transferSummaryNumber(batch.id, batch.transferDate),
    date: input.date,
    requester: {
      nameKana: requester.nameKana,
      code: requester.code,
      bankName: formalBankName(requester.bankCode) ?? requester.bankCode,
      branchName:
        formalBranchName(requester.bankCode, requester.branchCode) ?? requester.branchCode,
      accountType: accountTypeName(requester.accountType),
      accountNumber: requester.accountNumber,
    },
    transferDate: batch.transferDate,
    transferDesignation: TRANSFER_DESIGNATION_LABELS[input.transferDesignation],
    fileName: zenginFileName(batch.id),
    banks: [...byBank]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([bankCode, { count, total }]) => ({
        bankCode,
        bankName: formalBankName(bankCode) ?? bankCode,
        count,
        total,
      })),
    count: input.items.length,
    total: input.items.reduce((sum, item) => sum + item.amount, 0),
    approvals: [
      signOff('起票', batch.createdBySignature, batch.createdAt),
      signOff('承認', batch.approvedBySignature, batch.approvedAt),
    ],
  };
}

/**
 * How long after its n-th failed attempt a 振込通知書 mail is tried again: 30 s, doubling, at most
 * an hour, so a server down for a while is not hammered and a refused address is tried hourly
 * (its error recorded) until someone corrects it.
 */
export function remittanceMailRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** 振込通知書 number: the transfer date, the batch and the vendor, so it is stable and unique. */
export function remittanceDocumentNumber(
  batch: { id: string; transferDate: string },
  vendorId: string,
): string {
  const short = (id: string) => id.slice(0, 8).toUpperCase();
  return `振込-${batch.transferDate.replaceAll('-', '')}-${short(batch.id)}-${short(vendorId)}`;
}

/**
 * The 振込通知書 of one vendor in one announced batch: every payment to it there, the account
 * copied onto the batch (bank and branch names from the zengin-code data), and as total what is
 * transferred, i.e. the net amounts of the lines the bank did not return.
 */
export function remittanceNotice(input: {
  city: string;
  date: string;
  batch: { id: string; transferDate: string; announced: AnnouncedBatch };
  vendor: { id: string; name: string; registrationNumber?: string };
  lines: readonly RemittanceLine[];
}): RemittanceNotice {
  const [first] = input.lines;
  if (!first) throw new Error('A remittance notice needs at least one line');
  const bankAccount = first.payeeAccount;
  return {
    city: input.city,
    documentNumber: remittanceDocumentNumber(input.batch, input.vendor.id),
    date: input.date,
    vendor: {
      name: input.vendor.name,
      ...(input.vendor.registrationNumber
        ? { registrationNumber: input.vendor.registrationNumber }
        : {}),
    },
    transferDate: input.batch.transferDate,
    status: input.batch.announced,
    bankAccount: {
      bankName: formalBankName(bankAccount.bankCode) ?? bankAccount.bankCode,
      branchName:
        formalBranchName(bankAccount.bankCode, bankAccount.branchCode) ?? bankAccount.branchCode,
      type: accountTypeName(bankAccount.type),
      number: bankAccount.number,
      holderKana: bankAccount.holderKana,
    },
    items: input.lines.map((line) => ({
      invoiceNumber: line.invoiceNumber,
      ...(line.invoiceDate ? { invoiceDate: line.invoiceDate } : {}),
      amount: line.amount,
      kind: line.kind,
      withholdingTax: line.withholdingTax,
      ...(line.result ? { result: line.result } : {}),
    })),
    total: input.lines
      .filter((line) => line.result?.status !== 'failed')
      .reduce((sum, line) => sum + line.netAmount, 0),
  };
}
