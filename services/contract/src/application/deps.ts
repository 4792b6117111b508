import type { UnitOfWork } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';

/** What the use cases are made with (`makeX(deps)`). */
export interface ContractDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** Printed on vouchers. */
  cityName: string;
}

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'contract-service';
