import { japanToday } from '@denpyo/jp';
import type { ApprovalRecord, ContractVoucher } from '@denpyo/pdf';
import type { Approval, Budget, Contract, Vendor } from '@denpyo/schemas';

/**
 * What the 支出負担行為決議書 of a contract prints: dated the day its route completed (the day
 * the budget was committed), or the day it was drafted while still on its way.
 */
export function contractVoucher(
  city: string,
  contract: Contract,
  vendor: Vendor,
  budget: Budget,
): ContractVoucher {
  const finalApproval = contract.status === 'approved' ? contract.approvals.at(-1) : undefined;
  return {
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
  };
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
