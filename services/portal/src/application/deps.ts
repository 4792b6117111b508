import type { UnitOfWork } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';
import type { Db, Tx } from '../db/prisma';
import type { LoginThrottle } from '../domain/login-throttle';

/**
 * Whether a vendor exists, asked of the contract service (which owns vendors) on behalf of
 * `asUser`, so the contract service applies its own access rules. Throws when it cannot answer.
 */
export type VendorLookup = (vendorId: string, asUser: AuthUser) => Promise<boolean>;

/** What the use cases are made with (`makeX(deps)`). */
export interface PortalDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** Signs the bearer tokens handed out at login (shared with the services). */
  jwtSecret: string;
  /** Failed logins per username and address; kept in this process's memory. */
  throttle: LoginThrottle;
  vendorExists: VendorLookup;
  /** The system's date from its one clock (DENPYO_TODAY when pinned), YYYY-MM-DD. */
  today: () => string;
}
