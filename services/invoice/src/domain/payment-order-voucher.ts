import { japanToday } from '@denpyo/jp';
import type { ApprovalRecord, PaymentOrderVoucher } from '@denpyo/pdf';
import type { InvoiceView } from '../db/invoices';
import type { ContractProjection, VendorProjection } from '../db/projections';

/** What the 支出命令書 of an approved invoice prints, from what this service knows. */
export function paymentOrderVoucher(
  city: string,
  invoice: InvoiceView,
  contract: ContractProjection,
  vendor: VendorProjection | undefined,
): PaymentOrderVoucher {
  return {
    city,
    documentNumber: invoice.paymentOrderNumber ?? invoice.documentNumber,
    date: japanToday(new Date(invoice.approvedAt ?? invoice.createdAt)),
    fiscalYear: contract.fiscalYear,
    // The contract's events carry the budget code only; its name stays with the contract service.
    budget: { code: contract.budgetCode, name: '' },
    vendor: {
      name: vendor?.name ?? `取引先 ${invoice.vendorId}`,
      registrationNumber: invoice.registrationNumber,
    },
    contract: { documentNumber: contract.documentNumber, title: contract.title },
    invoiceNumber: invoice.invoiceNumber,
    receivedOn: invoice.receivedOn,
    dueDate: invoice.dueDate,
    lines: invoice.lines,
    subtotal: invoice.subtotal,
    taxes: invoice.taxes,
    total: invoice.total,
    approvals: approvalRecord(invoice),
  };
}

/** Who received, inspected (検収) and ordered payment (支出命令), and when. */
function approvalRecord(invoice: InvoiceView): ApprovalRecord[] {
  const steps: ApprovalRecord[] = [
    { step: '受付', name: invoice.createdBy, role: '請求受付', at: invoice.createdAt },
  ];
  if (invoice.inspectedBy && invoice.inspectedAt) {
    steps.push({
      step: '検収',
      name: invoice.inspectedBy,
      role: '検収担当',
      at: invoice.inspectedAt,
    });
  }
  if (invoice.approvedBy && invoice.approvedAt) {
    steps.push({
      step: '支出命令',
      name: invoice.approvedBy,
      role: '会計担当',
      at: invoice.approvedAt,
    });
  }
  return steps;
}
