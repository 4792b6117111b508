import type { LateInterestRate, Requester } from '@denpyo/jp';
import type { UnitOfWork } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';

/** What the use cases are made with (`makeX(deps)`). */
export interface PaymentDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** The city's account transfers are paid from (依頼人 of the Zengin file). */
  requester: Requester;
  /** Printed on remittance notices. */
  cityName: string;
  /** Today in Japan, the one clock of the rules that depend on the date. */
  today(): string;
  /** The dated late-payment interest rates (LATE_INTEREST_RATES), oldest first. */
  lateInterestRates: readonly LateInterestRate[];
}

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'payment-service';

/** Who the audit trail and events name for what the service does on its own. */
export const SERVICE_ACTOR = 'payment-service';

/** A batch may hold thousands of payments, each locked, updated and audited in one transaction. */
export const BATCH_TIMEOUT_MS = 60_000;
