import {
  judgeRefresh,
  newRefreshToken,
  refreshTokenHash,
  sessionIsLive,
} from '../src/domain/session-tokens';

const now = new Date('2027-06-01T09:00:00Z');
const later = new Date('2027-06-01T19:00:00Z');
const earlier = new Date('2027-06-01T08:00:00Z');

describe('refresh tokens', () => {
  it('are 256 random bits, kept as their SHA-256', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toEqual(refreshTokenHash(a.token));
    expect(a.hash).toHaveLength(32);
  });

  it.each([
    ['an unspent token of a live session', null, later, null, 'renew'],
    ['a spent token of a live session', earlier, later, null, 'reused'],
    ['a token of a revoked session', null, later, earlier, 'ended'],
    ['a spent token of a revoked session', earlier, later, earlier, 'ended'],
    ['a token of a session past its end', null, now, null, 'ended'],
  ] as const)('judge %s: %s', (_case, usedAt, expiresAt, revokedAt, verdict) => {
    expect(judgeRefresh({ usedAt, session: { expiresAt, revokedAt } }, now)).toBe(verdict);
  });

  it('let a session be used while it is neither revoked nor over', () => {
    expect(sessionIsLive({ expiresAt: later, revokedAt: null }, now)).toBe(true);
    expect(sessionIsLive({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(sessionIsLive({ expiresAt: later, revokedAt: earlier }, now)).toBe(false);
    expect(sessionIsLive(undefined, now)).toBe(false);
  });
});
