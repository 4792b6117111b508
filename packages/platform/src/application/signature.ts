import type { AuthUser, Signature } from '@denpyo/schemas';

/**
 * How a voucher names the caller: display name and title from the token (a token issued before
 * staff had names falls back to the username, so an old session still signs something legible).
 */
export function signatureOf(user: AuthUser): Signature {
  return {
    username: user.username,
    displayName: user.displayName ?? user.username,
    title: user.title ?? '',
    ...(user.department ? { department: user.department } : {}),
    ...(user.rank ? { rank: user.rank } : {}),
  };
}
