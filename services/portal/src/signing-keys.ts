import { ConfigError, generateSigningKey, type Logger, type PrivateJwkSet } from '@denpyo/platform';
import type { PortalEnv } from './config';

/**
 * The keys the portal signs access tokens with: AUTH_SIGNING_KEYS or the file AUTH_SIGNING_KEYS_FILE
 * names. Demo mode may go without: a key is made now (tokens then end at a restart, and the
 * services must fetch the JWKS from the portal). Outside demo mode a missing key stops the start.
 */
export function signingKeysOf(
  env: Pick<PortalEnv, 'AUTH_SIGNING_KEYS' | 'AUTH_SIGNING_KEYS_FILE' | 'DEMO_MODE'>,
  logger: Logger,
): PrivateJwkSet {
  const configured = env.AUTH_SIGNING_KEYS ?? env.AUTH_SIGNING_KEYS_FILE;
  if (configured) return configured;
  if (!env.DEMO_MODE) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTH_SIGNING_KEYS: is not set (nor AUTH_SIGNING_KEYS_FILE): outside demo mode the portal needs its signing key (a JWK Set of private keys)',
    );
  }
  const key = generateSigningKey();
  logger.warn(
    { kid: key.kid },
    'demo mode without AUTH_SIGNING_KEYS: signing with a key made at start (sessions end at a restart)',
  );
  return { keys: [key] };
}
