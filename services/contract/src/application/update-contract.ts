import { fiscalYearsOfPeriod } from '@denpyo/jp';
import { ok, refuse, zodFieldErrors, type Caller, type Outcome } from '@denpyo/platform';
import {
  ContractCreateRequestSchema,
  type Contract,
  type ContractUpdateRequest,
} from '@denpyo/schemas';
import { updateDraftTerms } from '../db/contracts';
import { decideEdit } from '../domain/contract';
import { checkDraftTerms } from './contract-terms';
import type { ContractDeps } from './deps';
import { contractAudit, lockContract } from './contract-transition';

/** Edits a draft: the fields given replace the draft's, and the result is checked as a new draft. */
export function makeUpdateContract({ uow, delegationRules, today }: ContractDeps) {
  return (id: string, changes: ContractUpdateRequest, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockContract(unit, id);
      if (!locked.ok) return locked;
      const before = locked.value;
      const editable = decideEdit(before.status);
      if (!editable.ok) return editable;
      // The merged terms are parsed as a create request, so its cross-field rules hold too. The
      // draft's schedule is kept only while the edited period still spans several years.
      const startDate = changes.startDate ?? before.startDate;
      const endDate = changes.endDate ?? before.endDate;
      const keepSchedule = before.schedule && fiscalYearsOfPeriod(startDate, endDate).length > 1;
      const merged = ContractCreateRequestSchema.safeParse({
        vendorId: before.vendorId,
        title: before.title,
        budgetCode: before.budgetCode,
        fiscalYear: before.fiscalYear,
        amount: before.amount,
        taxRate: before.taxRate,
        startDate: before.startDate,
        endDate: before.endDate,
        kind: before.kind,
        ...(before.method ? { method: before.method } : {}),
        ...(keepSchedule ? { schedule: before.schedule } : {}),
        ...changes,
      });
      if (!merged.success) {
        return refuse(
          'unprocessable',
          'The edited draft is not a valid contract',
          zodFieldErrors(merged.error),
        );
      }
      const terms = await checkDraftTerms(unit.tx, merged.data, {
        delegationRules,
        today: today(),
      });
      if (!terms.ok) return terms;
      const after = await updateDraftTerms(unit.tx, id, terms.value, unit.now);
      unit.audit(contractAudit('contract.edited', before, after));
      return ok(after);
    });
}
