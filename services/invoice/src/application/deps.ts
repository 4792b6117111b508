import type { UnitOfWork } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';

/** What the use cases are made with (`makeX(deps)`). */
export interface InvoiceDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** Printed on vouchers. */
  cityName: string;
  /** The city's paying bank (指定金融機関): its accounts are paid by 口座振替. */
  cityBankCode?: string;
  /** Where people reach the portal: a voucher's QR code opens its verification page there. */
  publicUrl: string;
  /** Today in Japan, the one clock of the rules that depend on the date. */
  today(): string;
}

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'invoice-service';
