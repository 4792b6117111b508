import type { TokenSigner, UnitOfWork } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';
import type { Db, Tx } from '../db/prisma';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { SessionSettings } from './sessions';
import type { AuditTrailsDeps } from './verify-audit-trails';

/**
 * Whether a vendor exists, asked of the contract service (which owns vendors) on behalf of
 * `asUser`, so the contract service applies its own access rules. Throws when it cannot answer.
 */
export type VendorLookup = (vendorId: string, asUser: AuthUser) => Promise<boolean>;

/** What the use cases are made with (`makeX(deps)`). */
export interface PortalDeps {
  db: Db;
  uow: UnitOfWork<Tx>;
  /** Signs access tokens with the portal's private key; the services hold only its public part. */
  signer: TokenSigner;
  /** How long access tokens and sessions live. */
  sessionSettings: SessionSettings;
  /** Failed sign-ins per account, client and overall; kept in the database, shared by portals. */
  throttle: LoginThrottle;
  /** Every scrypt derivation: at the configured cost, a few at a time. */
  hasher: PasswordHasher;
  vendorExists: VendorLookup;
  /** The system's date from its one clock (DENPYO_TODAY when pinned), YYYY-MM-DD. */
  today: () => string;
  /** The four audit trails' verification and the anchoring of their heads. */
  auditTrails: AuditTrailsDeps;
}
