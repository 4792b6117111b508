import {
  notFound,
  ok,
  prismaExecutor,
  searchAuditPage,
  type ListPage,
  type Outcome,
} from '@denpyo/platform';
import type { AuditEntry, HistoryQuery } from '@denpyo/schemas';
import { contractExists } from '../db/contracts';
import type { ContractDeps } from './deps';

/** A contract's timeline: its audit entries (drafted, submitted, approvals, invoiced, paid). */
export function makeGetContractHistory({ db }: ContractDeps) {
  return async (id: string, query: HistoryQuery): Promise<Outcome<ListPage<AuditEntry>>> => {
    if (!(await contractExists(db, id))) return notFound('Contract', id);
    return ok(
      await searchAuditPage(prismaExecutor(db), { ...query, entityType: 'contract', entityId: id }),
    );
  };
}
