import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { recordClosedFiscalYear } from '../db/closed-years';
import { CONSUMER_GROUP, type ContractDeps } from './deps';

/** 出納閉鎖 announced by the payment service: no new commitment in that year from now on. */
export function makeRecordClosedFiscalYear({ uow }: ContractDeps) {
  return (event: EventOf<'FiscalYearClosed'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, audit }) => {
      const { fiscalYear, closedBy, closedAt } = event.payload;
      if (
        await recordClosedFiscalYear(tx, { fiscalYear, closedBy, closedAt: new Date(closedAt) })
      ) {
        audit({
          action: 'fiscalYear.closed',
          entityType: 'fiscalYear',
          entityId: String(fiscalYear),
          after: { fiscalYear, closedBy, closedAt, causedBy: event.id },
        });
      }
      return ok(undefined);
    });
}
