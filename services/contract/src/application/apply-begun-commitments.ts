import { ok } from '@denpyo/platform';
import { encumberBegunYears } from './commitments';
import type { ContractDeps } from './deps';

/** Who the audit trail names for what the service does on its own. */
const SYSTEM_ACTOR = 'system:contract';

/**
 * Encumbers every later year of a multi-year commitment that has begun by today and is not yet
 * on its budget line (run at start-up; also run per line when it is created and when a 流用
 * from or to it is approved). The number applied.
 */
export function makeApplyBegunCommitments({ uow, today }: ContractDeps) {
  return async (): Promise<number> => {
    const applied = await uow.runAs(SYSTEM_ACTOR, async (unit) =>
      ok(await encumberBegunYears(unit, today())),
    );
    return applied.ok ? applied.value : 0;
  };
}
