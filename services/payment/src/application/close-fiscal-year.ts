import {
  ok,
  pageOf,
  refuse,
  signatureOf,
  type Caller,
  type ListPage,
  type Outcome,
} from '@denpyo/platform';
import { closingPeriodEnd } from '@denpyo/jp';
import type { FiscalYearListQuery, FiscalYearStatus } from '@denpyo/schemas';
import { insertClosedYear, listFiscalYears, lockYearForClose } from '../db/fiscal-years';
import { approvedBatchesOfYear } from '../db/transfer-batches';
import { decideClose, decideNoBatchInFlight } from '../domain/fiscal-year';
import type { PaymentDeps } from './deps';

/**
 * 出納閉鎖: from June 1 of the next year a treasurer closes the year; the close waits for work in
 * flight in that year (see closedYearsOf), is refused while an approved batch of the year awaits
 * settlement, and happens once (a second one is 409).
 */
export function makeCloseFiscalYear({ uow, today }: PaymentDeps) {
  return async (fiscalYear: number, caller: Caller): Promise<Outcome<FiscalYearStatus>> => {
    const decision = decideClose(fiscalYear, today());
    if (!decision.ok) return decision;
    return uow.run(caller, async ({ tx, now, actor, audit, publish }) => {
      await lockYearForClose(tx, fiscalYear);
      const inFlight = decideNoBatchInFlight(
        fiscalYear,
        await approvedBatchesOfYear(tx, fiscalYear),
      );
      if (!inFlight.ok) return inFlight;
      const signature = signatureOf(caller.user);
      if (!(await insertClosedYear(tx, fiscalYear, signature, now))) {
        return refuse('conflict', `Fiscal year ${fiscalYear} is already closed`);
      }
      audit({
        action: 'fiscal-year.closed',
        entityType: 'fiscal_year',
        entityId: String(fiscalYear),
        before: { status: 'open' },
        after: { status: 'closed', closedBy: actor, closedBySignature: signature },
      });
      publish('FiscalYearClosed', String(fiscalYear), {
        fiscalYear,
        closedBy: actor,
        closedAt: now.toISOString(),
      });
      return ok({
        fiscalYear,
        status: 'closed' as const,
        closingPeriodEnd: closingPeriodEnd(fiscalYear),
        closedBy: actor,
        closedBySignature: signature,
        closedAt: now.toISOString(),
      });
    });
  };
}

/** The years with payments (or closed), and which are closed: a handful, paged in memory. */
export function makeListFiscalYears({ db }: PaymentDeps) {
  return async (query: FiscalYearListQuery): Promise<Outcome<ListPage<FiscalYearStatus>>> => {
    return ok(pageOf(await listFiscalYears(db), query, ['fiscalYear']));
  };
}
