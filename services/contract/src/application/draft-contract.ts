import { randomUUID } from 'node:crypto';
import { nextDocumentSequence, ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract, ContractCreateRequest } from '@denpyo/schemas';
import { findBudget } from '../db/budgets';
import { insertContract } from '../db/contracts';
import { findVendor } from '../db/vendors';
import { checkContractParties, contractDocumentNumber } from '../domain/contract';
import type { ContractDeps } from './deps';
import { contractAudit } from './contract-transition';

/** Drafts a contract against a vendor and a budget line, numbered in its fiscal year. */
export function makeDraftContract({ uow }: ContractDeps) {
  return (request: ContractCreateRequest, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async ({ tx, sql, now, actor, audit }) => {
      const vendor = await findVendor(tx, request.vendorId);
      const budget = await findBudget(tx, {
        fiscalYear: request.fiscalYear,
        code: request.budgetCode,
      });
      const parties = checkContractParties(
        { vendor: vendor !== undefined, budget: budget !== undefined },
        request.fiscalYear,
      );
      if (!parties.ok) return parties;
      const sequence = await nextDocumentSequence(sql, 'CT', request.fiscalYear);
      const created = await insertContract(tx, {
        ...request,
        id: randomUUID(),
        documentNumber: contractDocumentNumber(request.fiscalYear, sequence),
        createdBy: actor,
        createdAt: now,
      });
      audit(contractAudit('contract.drafted', null, created));
      return ok(created);
    });
}
