import { ok, type Outcome } from '@denpyo/platform';
import type { ContractCreateRequest } from '@denpyo/schemas';
import { findBudget } from '../db/budgets';
import { closedFiscalYears } from '../db/closed-years';
import type { ContractTerms } from '../db/contracts';
import type { Tx } from '../db/prisma';
import { findVendor } from '../db/vendors';
import { checkContractParties } from '../domain/contract';
import { routeFor, type DelegationRules } from '../domain/delegation';
import { checkCommitmentTerms, refuseIfClosed, refuseIfYearOver } from '../domain/fiscal-year';

/**
 * The checks a draft passes, new or edited: its vendor and budget line exist, its fiscal year
 * is not over (nor closed), it starts within it and a multi-year period has its schedule. The
 * value is the draft as stored, with the route its amount and kind would take.
 */
export async function checkDraftTerms(
  tx: Tx,
  request: ContractCreateRequest,
  { delegationRules, today }: { delegationRules: DelegationRules; today: string },
): Promise<Outcome<ContractTerms>> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const vendor = await findVendor(tx, request.vendorId);
  const budget = await findBudget(tx, { fiscalYear: request.fiscalYear, code: request.budgetCode });
  const closed = await closedFiscalYears(tx);
  const parties = checkContractParties(
    { vendor: vendor !== undefined, budget: budget !== undefined },
    request.fiscalYear,
  );
  if (!parties.ok) return parties;
  const current = refuseIfYearOver(request.fiscalYear, today);
  if (!current.ok) return current;
  const open = refuseIfClosed(closed, request.fiscalYear);
  if (!open.ok) return open;
  const schedule = checkCommitmentTerms(request);
  if (!schedule.ok) return schedule;
  const kind = request.kind ?? 'services';
  return ok({
    ...request,
    kind,
    schedule: schedule.value,
    route: routeFor(request.amount, kind, delegationRules),
  });
}
