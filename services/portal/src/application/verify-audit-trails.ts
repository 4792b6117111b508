import {
  anchorAuditTrails,
  anchorsReadable,
  KeptHeads,
  ok,
  verifyAnchorChain,
  type AnchorRecorded,
  type Caller,
  type Outcome,
  type SqlExecutor,
} from '@denpyo/platform';
import type { AuditTrailVerification, AuditVerification, KeptHead } from '@denpyo/schemas';
import type { UpstreamService } from '../domain/routes';

/**
 * Asks a service to verify its own trail, as the caller, with the heads of it an auditor kept;
 * throws when it cannot answer.
 */
export type TrailVerifier = (
  caller: Caller,
  kept: readonly KeptHead[],
) => Promise<AuditTrailVerification>;

/** What verifying and anchoring the four audit trails needs (PortalDeps.auditTrails). */
export interface AuditTrailsDeps {
  /** The portal's own trail. */
  verifyOwn(kept: readonly KeptHead[]): Promise<Outcome<AuditTrailVerification>>;
  upstreams: Readonly<Record<UpstreamService, TrailVerifier>>;
  /** The portal's database: the anchors' own chain is read there. */
  db: SqlExecutor;
  /**
   * The anchor role's connection and the schemas whose chain heads it anchors; absent when
   * AUDIT_ANCHOR_URL is not set (no anchoring).
   */
  anchoring?: { db: SqlExecutor; trails: readonly string[] };
  now(): Date;
}

/**
 * `GET /api/audit/verify`: each process re-computes its own chain (checking it against its
 * anchored heads and the heads of it the auditor kept), the portal gathers the four answers and
 * re-computes the anchors' chain. A service that does not answer is `unavailable`, the others
 * are still reported.
 */
export function makeVerifyAuditTrails(deps: AuditTrailsDeps) {
  return async function verifyAuditTrails(
    caller: Caller,
    kept: readonly KeptHead[] = [],
  ): Promise<Outcome<AuditVerification>> {
    const keptOf = (owner: string) => kept.filter((head) => head.owner === owner);
    const upstreams = Object.entries(deps.upstreams) as [UpstreamService, TrailVerifier][];
    const trails = await Promise.all([
      deps.verifyOwn(keptOf('portal')).then((outcome) => {
        if (!outcome.ok) throw new Error(outcome.refusal.message);
        return outcome.value;
      }),
      ...upstreams.map(([owner, verify]) =>
        verify(caller, keptOf(owner)).catch((): AuditTrailVerification => ({
          owner,
          entries: 0,
          head: null,
          status: 'unavailable',
        })),
      ),
    ]);
    const keptAnchors = keptOf('anchors');
    let anchors: AuditVerification['anchors'];
    if (await anchorsReadable(deps.db)) {
      anchors = await verifyAnchorChain(deps.db, undefined, keptAnchors);
    } else if (keptAnchors.length > 0) {
      // The auditor kept a head of the anchors, and there are none to check it against.
      const firstBroken = new KeptHeads(keptAnchors).missing(0)!;
      anchors = { entries: 0, head: null, status: 'broken', firstBroken };
    }
    const statuses = [...trails.map((trail) => trail.status), anchors?.status];
    return ok({
      verifiedAt: deps.now().toISOString(),
      status: statuses.includes('broken')
        ? 'broken'
        : statuses.includes('unavailable')
          ? 'unavailable'
          : 'intact',
      trails,
      ...(anchors ? { anchors } : {}),
    });
  };
}

/**
 * Records each trail's chain head that moved since its last anchor (the portal's periodic task,
 * and on demand). Nothing to do when anchoring is not configured.
 */
export function makeAnchorAuditTrails(deps: Pick<AuditTrailsDeps, 'anchoring'>) {
  return async function anchorTrails(): Promise<AnchorRecorded[]> {
    if (!deps.anchoring) return [];
    return anchorAuditTrails(deps.anchoring.db, deps.anchoring.trails);
  };
}
