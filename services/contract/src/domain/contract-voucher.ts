import { acceptedTaxes, budgetAccountLabel, japanToday } from '@denpyo/jp';
import { signerName, type BudgetStatus, type ContractVoucher, type RouteStep } from '@denpyo/pdf';
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_METHOD_LABELS,
  type Approval,
  type Budget,
  type BudgetAtCommitment,
  type Contract,
  type Vendor,
} from '@denpyo/schemas';
import { RANK_LABELS } from './labels';

/**
 * What the 支出負担行為決議書 of a contract prints: dated the day it was concluded (契約締結日,
 * the day its route completed and the budget was committed), also once completed or cancelled;
 * the day it was drafted while it was never concluded. The budget line by its 款・項・目・節
 * names and its figures as the commitment found them (recorded then, so a reprint is the same).
 * Every person is printed by display name and title as recorded when they acted; a sign-off
 * recorded without a name (before names existed, or a name that is only the username) prints
 * 氏名未登録, never a username. 起案課: the drafter's 所属 as signed; a draft signed without one
 * prints the drafter's title there, which names the 課.
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
    budget: { code: budget.code, name: budgetLineName(budget) },
    vendor: { name: vendor.name, registrationNumber: vendor.invoiceRegistrationNumber },
    title: contract.title,
    amount: contract.amount,
    taxRate: contract.taxRate,
    tax: acceptedTaxes(contract.amount, contract.taxRate, 'tax-included').down,
    ...(contract.budgetAtCommitment
      ? { budgetStatus: budgetStatus(contract.budgetAtCommitment) }
      : {}),
    period: { start: contract.startDate, end: contract.endDate },
    kind: CONTRACT_KIND_LABELS[contract.kind],
    ...(contract.method ? { method: CONTRACT_METHOD_LABELS[contract.method] } : {}),
    drafter: {
      name: signerName(drafter),
      title: drafter?.title ?? '',
      ...(drafter?.department ? { department: drafter.department } : {}),
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

/** The budget line as vouchers print it: the city's 款・項・目 names, the national 節. */
export function budgetLineName(
  budget: Pick<Budget, 'code' | 'kanName' | 'kouName' | 'mokuName'>,
): string {
  return budgetAccountLabel(budget.code, {
    kan: budget.kanName,
    kou: budget.kouName,
    moku: budget.mokuName,
  });
}

/** 残額: what the line had left once this contract was committed. */
function budgetStatus(figures: BudgetAtCommitment): BudgetStatus {
  return {
    ...figures,
    remaining: figures.currentAmount - figures.committedBefore - figures.thisCommitment,
  };
}

/** The rank's label stands in for a signature without a title. */
function routeStep(rank: string, approval: Approval | undefined): RouteStep {
  if (!approval) return { rank };
  return {
    rank,
    signer: {
      name: signerName({ displayName: approval.displayName, username: approval.approver }),
      title: approval.title || rank,
      at: approval.at,
      ...(approval.comment ? { comment: approval.comment } : {}),
    },
  };
}
