import { ok, type Outcome } from '@denpyo/platform';
import { revokeSessionsOf } from '../db/sessions';
import { disableUser, enabledDemoUsernames } from '../db/users';
import type { PortalDeps } from './deps';

/** Who the audit trail (and `disabledBy`) names for demo users disabled at a start. */
export const DEMO_MODE_OFF_ACTOR = 'portal (demo mode off)';

/**
 * Disables the demo users that an earlier demo-mode run created, when the portal starts without
 * demo mode: their password is the well-known `demo`, so they must not sign in to a real system
 * (API.md v2: demo users exist only while demo mode is on). The rows stay for the audit trail;
 * a later start in demo mode enables them again. Returns the usernames disabled now.
 */
export function makeDisableDemoUsers({ db, uow }: PortalDeps) {
  return async (): Promise<Outcome<string[]>> => {
    if ((await enabledDemoUsernames(db)).length === 0) return ok([]);
    return uow.runAs(DEMO_MODE_OFF_ACTOR, async ({ tx, now, actor, audit }) => {
      const disabled: string[] = [];
      for (const username of await enabledDemoUsernames(tx)) {
        if (!(await disableUser(tx, username, { by: actor, at: now }))) continue;
        // Sessions opened in demo mode end with it (their refresh tokens would be refused anyway).
        await revokeSessionsOf(tx, username, 'user-disabled', now);
        audit({
          action: 'user.disabled',
          entityType: 'user',
          entityId: username,
          before: { disabled: false },
          after: { disabled: true, reason: 'demo mode is off' },
        });
        disabled.push(username);
      }
      return ok(disabled);
    });
  };
}
