import type { LateInterestRate, Requester, ZenginFileOptions } from '@denpyo/jp';
import type { EventBus, Mailer, UnitOfWork } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';

/** What the use cases are made with (`makeX(deps)`). */
export interface PaymentDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** The city's account transfers are paid from (依頼人 of the Zengin file). */
  requester: Requester;
  /** Printed on remittance notices. */
  cityName: string;
  /** Where people reach the portal: the notice's QR code opens its verification page there. */
  publicUrl: string;
  /** Today in Japan, the one clock of the rules that depend on the date. */
  today(): string;
  /** The dated late-payment interest rates (LATE_INTEREST_RATES), oldest first. */
  lateInterestRates: readonly LateInterestRate[];
  /** Where refused payment orders kept back (parked) are dead-lettered: the service's bus. */
  deadLetters?: Pick<EventBus, 'publish'>;
  /** How long a payment order may wait for its contract (PAYMENT_ORDER_WAIT_SECONDS). */
  orderWaitSeconds?: number;
  /** Outgoing mail (MAIL_SMTP_URL); absent: 振込通知書 are not mailed, only downloaded. */
  mailer?: Mailer;
  /** How the paying bank takes the 総合振込 file (ZENGIN_* settings); the writer's defaults else. */
  zenginFile?: ZenginFileSettings;
}

/** 振込指定区分 and line ending of the file, and which receiving banks take EDI情報. */
export interface ZenginFileSettings extends ZenginFileOptions {
  /** Bank codes whose 振込情報開示 takes EDI情報: transfers to them carry the invoice number. */
  ediBanks?: readonly string[];
}

/** An hour: the contract topic lags the invoice topic by seconds, or by an outage. */
export const DEFAULT_ORDER_WAIT_SECONDS = 3600;

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'payment-service';

/** Who the audit trail and events name for what the service does on its own. */
export const SERVICE_ACTOR = 'payment-service';

/** A batch may hold thousands of payments, each locked, updated and audited in one transaction. */
export const BATCH_TIMEOUT_MS = 60_000;
