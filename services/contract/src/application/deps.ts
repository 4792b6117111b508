import type { UnitOfWork } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';
import type { Rank } from '@denpyo/schemas';
import type { DelegationRules } from '../domain/delegation';

/** What the use cases are made with (`makeX(deps)`). */
export interface ContractDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** Printed on vouchers. */
  cityName: string;
  /** Where people reach the portal: a voucher's QR code opens its verification page there. */
  publicUrl: string;
  /** Today in Japan, from the one clock (DENPYO_TODAY when pinned). */
  today: () => string;
  /** The delegation rules (専決規程) routes are fixed from. */
  delegationRules: DelegationRules;
  /** The lowest rank that decides a 流用 (TRANSFER_APPROVER_RANK). */
  transferApproverRank: Rank;
}

/** The consumer group whose inbox records which events this service has applied. */
export const CONSUMER_GROUP = 'contract-service';
