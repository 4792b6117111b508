import type { LateInterestRate, Requester } from '@denpyo/jp';
import type { EventBus, UnitOfWork } from '@denpyo/platform';
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
  /** Where refused payment orders kept back (parked) are dead-lettered: the service's bus. */
  deadLetters?: Pick<EventBus, 'publish'>;
  /** How long a payment order may wait for its contract (PAYMENT_ORDER_WAIT_SECONDS). */
  orderWaitSeconds?: number;
}

/** An hour: the contract topic lags the invoice topic by seconds, or by an outage. */
export const DEFAULT_ORDER_WAIT_SECONDS = 3600;

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'payment-service';

/** Who the audit trail and events name for what the service does on its own. */
export const SERVICE_ACTOR = 'payment-service';

/** A batch may hold thousands of payments, each locked, updated and audited in one transaction. */
export const BATCH_TIMEOUT_MS = 60_000;
