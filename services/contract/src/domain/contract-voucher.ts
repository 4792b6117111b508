import { japanToday } from '@denpyo/jp';
import { UNNAMED_SIGNER as UNNAMED, type ContractVoucher, type RouteStep } from '@denpyo/pdf';
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_METHOD_LABELS,
  type Approval,
  type Budget,
  type Contract,
  type Vendor,
} from '@denpyo/schemas';
import { RANK_LABELS } from './labels';

/**
 * What the 支出負担行為決議書 of a contract prints: dated the day it was concluded (契約締結日,
 * the day its route completed and the budget was committed), also once completed or cancelled;
 * the day it was drafted while it was never concluded. Every person is
 * printed by display name and title as recorded when they acted; a sign-off recorded before
 * names existed prints 氏名未登録, never a username.
 */
export function contractVoucher(
  city: string,
  contract: Contract,
  vendor: Vendor,
  budget: Budget,
): ContractVoucher {
  const drafter = contract.createdBySignature;
  return {
    city,
    documentNumber: contract.documentNumber,
    date: concludedOn(contract) ?? japanToday(new Date(contract.createdAt)),
    fiscalYear: contract.fiscalYear,
    budget: { code: budget.code, name: budget.name },
    vendor: { name: vendor.name, registrationNumber: vendor.invoiceRegistrationNumber },
    title: contract.title,
    amount: contract.amount,
    taxRate: contract.taxRate,
    period: { start: contract.startDate, end: contract.endDate },
    kind: CONTRACT_KIND_LABELS[contract.kind],
    ...(contract.method ? { method: CONTRACT_METHOD_LABELS[contract.method] } : {}),
    drafter: {
      name: drafter?.displayName ?? UNNAMED,
      title: drafter?.title ?? '',
      at: contract.createdAt,
    },
    route: contract.route.map((rank, index) =>
      routeStep(RANK_LABELS[rank], contract.approvals[index]),
    ),
    ...(contract.schedule ? { schedule: contract.schedule } : {}),
  };
}

/**
 * The day a contract was concluded: recorded since v2 (approved, then completed or cancelled);
 * for one concluded under v1, the day of the sign-off that completed its route.
 */
function concludedOn(contract: Contract): string | undefined {
  if (contract.concludedOn) return contract.concludedOn;
  const last = contract.approvals.at(-1);
  const routeCompleted = last !== undefined && contract.approvals.length === contract.route.length;
  return routeCompleted ? japanToday(new Date(last.at)) : undefined;
}

function routeStep(rank: string, approval: Approval | undefined): RouteStep {
  if (!approval) return { rank };
  return {
    rank,
    signer: {
      name: approval.displayName ?? UNNAMED,
      title: approval.title ?? '',
      at: approval.at,
      ...(approval.comment ? { comment: approval.comment } : {}),
    },
  };
}
