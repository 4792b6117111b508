import { japanToday } from '@denpyo/jp';
import { renderContractVoucher, type ApprovalRecord } from '@denpyo/pdf';
import type { Approval, Contract } from '@denpyo/schemas';
import { findBudget } from '../db/budgets';
import type { Db } from '../db/prisma';
import { findVendor } from '../db/vendors';

/**
 * 支出負担行為決議書 of a contract: dated the day its route completed (the day the budget was
 * committed), or the day it was drafted while still on its way.
 */
export async function contractVoucherPdf(
  db: Db,
  contract: Contract,
  city: string,
): Promise<Buffer> {
  const [vendor, budget] = await Promise.all([
    findVendor(db, contract.vendorId),
    findBudget(db, { fiscalYear: contract.fiscalYear, code: contract.budgetCode }),
  ]);
  if (!vendor || !budget)
    throw new Error(`Contract ${contract.id} refers to a missing vendor or budget line`);
  const finalApproval = contract.status === 'approved' ? contract.approvals.at(-1) : undefined;
  return renderContractVoucher({
    city,
    documentNumber: contract.documentNumber,
    date: japanToday(new Date(finalApproval?.at ?? contract.createdAt)),
    fiscalYear: contract.fiscalYear,
    budget: { code: budget.code, name: budget.name },
    vendor: { name: vendor.name, registrationNumber: vendor.invoiceRegistrationNumber },
    title: contract.title,
    amount: contract.amount,
    taxRate: contract.taxRate,
    period: { start: contract.startDate, end: contract.endDate },
    approvals: contract.approvals.map(toApprovalRecord),
  });
}

function toApprovalRecord(approval: Approval): ApprovalRecord {
  return {
    step: `第${approval.step}承認`,
    name: approval.approver,
    role: '決裁者',
    at: approval.at,
    comment: approval.comment,
  };
}
