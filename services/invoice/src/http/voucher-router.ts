import { Router } from 'express';
import { japanToday } from '@denpyo/jp';
import { conflict, requireRole, STAFF_ROLES } from '@denpyo/platform';
import {
  renderPaymentOrderVoucher,
  type ApprovalRecord,
  type PaymentOrderVoucher,
} from '@denpyo/pdf';
import type { InvoiceView } from '../db/invoices';
import type { Db } from '../db/prisma';
import {
  findContract,
  findVendor,
  type ContractProjection,
  type VendorProjection,
} from '../db/projections';
import { findInvoiceOr404 } from './invoices-router';

/** 支出命令書: the payment order voucher of an approved invoice. */
export function voucherRouter(prisma: Db, cityName: string): Router {
  const router = Router();
  router.get('/invoices/:id/voucher.pdf', requireRole(...STAFF_ROLES), async (req, res) => {
    const invoice = await findInvoiceOr404(prisma, req.params);
    if (invoice.status !== 'approved') {
      throw conflict(`The invoice is ${invoice.status}: no payment order has been issued yet`);
    }
    const contract = await findContract(prisma, invoice.contractId);
    if (!contract)
      throw new Error(`Contract ${invoice.contractId} of invoice ${invoice.id} is missing`);
    const vendor = await findVendor(prisma, invoice.vendorId);
    const pdf = await renderPaymentOrderVoucher(
      paymentOrderVoucher(cityName, invoice, contract, vendor),
    );
    res.type('application/pdf').send(pdf);
  });
  return router;
}

export function paymentOrderVoucher(
  city: string,
  invoice: InvoiceView,
  contract: ContractProjection,
  vendor: VendorProjection | null,
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
