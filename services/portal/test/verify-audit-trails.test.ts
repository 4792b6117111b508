import { ok, type Caller, type SqlExecutor } from '@denpyo/platform';
import type { AuditTrailVerification, KeptHead } from '@denpyo/schemas';
import { makeVerifyAuditTrails } from '../src/application/verify-audit-trails';

// The portal's share of GET /api/audit/verify with kept heads: each process gets the heads of
// its own trail, and a kept head of the anchors is never silently dropped.
describe('verifying the trails against the heads an auditor kept', () => {
  const hash = (c: string) => c.repeat(64);
  const caller: Caller = { user: { username: 'auditor', roles: ['auditor'] }, correlationId: 'c' };
  const intact = (owner: AuditTrailVerification['owner']): AuditTrailVerification => ({
    owner,
    entries: 0,
    head: null,
    status: 'intact',
  });
  /** A portal database without the anchor table (anchoring off). */
  const noAnchors: SqlExecutor = { query: async () => [] } as unknown as SqlExecutor;

  it('hands each process the heads of its own trail only', async () => {
    const seen: Record<string, readonly KeptHead[]> = {};
    const verifier =
      (owner: 'contract' | 'invoice' | 'payment') =>
      async (_caller: Caller, kept: readonly KeptHead[]) => {
        seen[owner] = kept;
        return intact(owner);
      };
    const verify = makeVerifyAuditTrails({
      verifyOwn: async (kept) => {
        seen.portal = kept;
        return ok(intact('portal'));
      },
      upstreams: {
        contract: verifier('contract'),
        invoice: verifier('invoice'),
        payment: verifier('payment'),
      },
      db: noAnchors,
      now: () => new Date('2026-11-28T00:00:00Z'),
    });
    const kept: KeptHead[] = [
      { owner: 'contract', sequence: 3, hash: hash('a') },
      { owner: 'portal', sequence: 1, hash: hash('b') },
      { owner: 'contract', sequence: 5, hash: hash('c') },
    ];
    const result = await verify(caller, kept);
    expect(result).toMatchObject({ ok: true, value: { status: 'intact' } });
    expect(seen).toEqual({
      portal: [kept[1]],
      contract: [kept[0], kept[2]],
      invoice: [],
      payment: [],
    });

    // A head of the anchors kept, and no anchors to be found: broken, not ignored.
    const anchored = await verify(caller, [{ owner: 'anchors', sequence: 7, hash: hash('d') }]);
    expect(anchored).toMatchObject({
      ok: true,
      value: {
        status: 'broken',
        anchors: {
          status: 'broken',
          firstBroken: { sequence: 7, reason: 'kept-head-missing' },
        },
      },
    });
  });
});
