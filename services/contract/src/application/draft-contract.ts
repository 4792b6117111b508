import { randomUUID } from 'node:crypto';
import { nextDocumentSequence, ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract, ContractCreateRequest } from '@denpyo/schemas';
import { insertContract } from '../db/contracts';
import { contractDocumentNumber } from '../domain/contract';
import { checkDraftTerms } from './contract-terms';
import type { ContractDeps } from './deps';
import { contractAudit } from './contract-transition';

/**
 * Drafts a contract against a vendor and a budget line, numbered in its fiscal year; its creator
 * is recorded as 起案者 (name and title).
 */
export function makeDraftContract({ uow, delegationRules, today }: ContractDeps) {
  return (request: ContractCreateRequest, caller: Caller): Promise<Outcome<Contract>> =>
    uow.run(caller, async ({ tx, sql, now, actor, audit }) => {
      const terms = await checkDraftTerms(tx, request, { delegationRules, today: today() });
      if (!terms.ok) return terms;
      const sequence = await nextDocumentSequence(sql, 'CT', request.fiscalYear);
      const created = await insertContract(tx, {
        ...terms.value,
        id: randomUUID(),
        documentNumber: contractDocumentNumber(request.fiscalYear, sequence),
        createdBy: actor,
        createdBySignature: signatureOf(caller.user),
        createdAt: now,
      });
      audit(contractAudit('contract.drafted', null, created));
      return ok(created);
    });
}
