import { japanToday } from '@denpyo/jp';
import { UNNAMED_SIGNER, type ApprovalRecord, type PaymentOrderVoucher } from '@denpyo/pdf';
import type { Signature } from '@denpyo/schemas';
import type { InvoiceRecord } from '../db/invoices';
import type { ContractProjection, VendorProjection } from '../db/projections';

/** What the 支出命令書 of an approved invoice prints, from what this service knows. */
export function paymentOrderVoucher(
  city: string,
  invoice: InvoiceRecord,
  contract: ContractProjection,
  vendor: VendorProjection | undefined,
): PaymentOrderVoucher {
  return {
    city,
    documentNumber: invoice.paymentOrderNumber ?? invoice.documentNumber,
    date: japanToday(new Date(invoice.approvedAt ?? invoice.createdAt)),
    fiscalYear: invoice.fiscalYear,
    // The contract's events carry the budget code only; its name stays with the contract service.
    budget: { code: contract.budgetCode, name: '' },
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
    withholdingTax: invoice.withholdingTax,
    netAmount: invoice.netAmount,
    approvals: approvalRecord(invoice),
  };
}

/**
 * Who received, inspected (検収), ordered payment (支出命令) and confirmed the order (会計管理者),
 * and when: by display name and title as signed at the time, never by username. Acts recorded
 * without a signature (before v2, or confirmed by an event without one) print the step's role and
 * 氏名未登録.
 */
function approvalRecord(invoice: InvoiceRecord): ApprovalRecord[] {
  const step = (
    name: string,
    role: string,
    signature: Signature | undefined,
    at: string,
  ): ApprovalRecord => ({
    step: name,
    name: signature?.displayName ?? UNNAMED_SIGNER,
    role: signature?.title || role,
    at,
  });
  const steps = [step('受付', '請求受付', invoice.createdBySignature, invoice.createdAt)];
  if (invoice.inspectedBy && invoice.inspectedAt) {
    steps.push(step('検収', '検収担当', invoice.inspectedBySignature, invoice.inspectedAt));
  }
  if (invoice.approvedBy && invoice.approvedAt) {
    steps.push(step('支出命令', '会計担当', invoice.orderedBySignature, invoice.approvedAt));
  }
  if (invoice.confirmedBy && invoice.confirmedAt) {
    steps.push(step('確認', '会計管理者', invoice.confirmedBySignature, invoice.confirmedAt));
  }
  return steps;
}
