import type { Request, RequestHandler } from 'express';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { AuthUserSchema, type AuthUser, type Role } from '@denpyo/schemas';
import { hasRole } from '../application/access';
import { forbidden, unauthorized } from './errors';
import {
  csrfTokenMatches,
  needsCsrfToken,
  REFRESH_COOKIE,
  requestCookies,
  SESSION_COOKIE,
} from './session-cookies';
import {
  publicJwks,
  TOKEN_ALGORITHMS,
  type PrivateJwkSet,
  type PublicJwkSet,
} from './signing-keys';

const ISSUER = 'denpyo-portal';
const AUDIENCE = 'denpyo';
/** RFC 9068's type of an access token: a token of another kind is never taken for one. */
const TOKEN_TYPE = 'at+jwt';

/** How long an access token stays valid; a session lasts longer through refresh tokens. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/**
 * No verifier accepts a token issued longer ago than this, whatever its `exp` says: short-lived
 * tokens are a rule of every process, not a promise of the one that signs.
 */
export const MAX_ACCESS_TOKEN_AGE_SECONDS = 15 * 60;

/** What a verified access token says: who, and the session it belongs to (absent for internal tokens). */
export interface VerifiedToken {
  user: AuthUser;
  /** The `sid` claim: the portal's session the token was issued for. */
  sessionId?: string;
  expiresAt: Date;
}

/** Verifies an access token's signature and claims; rejects when it is not valid. */
export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

export interface IssueOptions {
  /** Seconds from now; at most MAX_ACCESS_TOKEN_AGE_SECONDS is honoured by verifiers. */
  ttlSeconds?: number;
  sessionId?: string;
}

/** Issues access tokens with the first of its private keys; verifies those of any of them. */
export interface TokenSigner {
  issue(user: AuthUser, options?: IssueOptions): Promise<string>;
  /** The public keys to publish (GET /.well-known/jwks.json). */
  readonly jwks: PublicJwkSet;
  readonly verify: TokenVerifier;
}

/**
 * The portal's token signer. The first key of `signingKeys` signs (its `kid` in the header);
 * every key of the set verifies and is published, so tokens signed before a rotation stay
 * valid until the old key is removed.
 */
export function createTokenSigner(signingKeys: PrivateJwkSet): TokenSigner {
  const [current] = signingKeys.keys;
  if (!current) throw new Error('A token signer needs at least one key');
  let privateKey: Promise<KeyLike | Uint8Array> | undefined;
  const jwks = publicJwks(signingKeys);
  return {
    jwks,
    verify: createTokenVerifier({ jwks }),
    async issue(user, options = {}) {
      privateKey ??= importJWK(current, current.alg);
      // The username is the token's subject; every other field of the user is a claim.
      const { username, ...claims } = user;
      return new SignJWT({ ...claims, ...(options.sessionId ? { sid: options.sessionId } : {}) })
        .setProtectedHeader({ alg: current.alg, kid: current.kid, typ: TOKEN_TYPE })
        .setSubject(username)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(await privateKey);
    },
  };
}

/** Where a process finds the public keys it verifies with. */
export type PublicKeySource =
  | { jwks: PublicJwkSet }
  /**
   * Fetched when first needed, again for a `kid` it does not know yet (at most every
   * `refetchCooldownMs`, 30 s unless a test says otherwise) and at least every 5 minutes.
   */
  | { jwksUrl: string; refetchCooldownMs?: number };

/**
 * Verifies access tokens with public keys only: the algorithm pinned to EdDSA or ES256 (`none`
 * and HS* are refused before any key is looked at), the key chosen by `kid`, issuer, audience,
 * type, expiry and age all checked.
 */
export function createTokenVerifier(source: PublicKeySource): TokenVerifier {
  const keys =
    'jwks' in source
      ? createLocalJWKSet(source.jwks)
      : createRemoteJWKSet(new URL(source.jwksUrl), {
          timeoutDuration: 5_000,
          cooldownDuration: source.refetchCooldownMs ?? 30_000,
          // A removed key stops verifying within this long (its tokens have expired by then).
          cacheMaxAge: 5 * 60_000,
        });
  const verified = new LRUCache<string, { token: VerifiedToken; key: unknown }>({
    max: VERIFIED_TOKENS_KEPT,
  });
  return async (token) => {
    // A token verified before is taken as verified again while it is unexpired and the key set
    // still gives the same key for its kid (a key removed or replaced makes it verify afresh):
    // the Ed25519 check is most of a small request's CPU, the key lookup costs next to nothing.
    const known = verified.get(token);
    if (known && known.token.expiresAt.getTime() > Date.now()) {
      const key = await keys(decodeProtectedHeader(token)).catch(() => undefined);
      if (key === known.key) return known.token;
    }
    let key: unknown;
    const { payload } = await jwtVerify(
      token,
      async (header, input) => (key = await keys(header, input)),
      {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [...TOKEN_ALGORITHMS],
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'iat', 'exp'],
        maxTokenAge: MAX_ACCESS_TOKEN_AGE_SECONDS,
        clockTolerance: 5,
      },
    );
    const result: VerifiedToken = {
      // Shared by every request that carries the token: nobody may change it.
      user: Object.freeze(userOf(payload)),
      ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
    // Reused no longer than its expiry or its age (iat + MAX_ACCESS_TOKEN_AGE_SECONDS) allow.
    const usableUntil = Math.min(
      result.expiresAt.getTime(),
      ((payload.iat ?? 0) + MAX_ACCESS_TOKEN_AGE_SECONDS) * 1000,
    );
    const ttl = usableUntil - Date.now();
    if (ttl > 0) verified.set(token, { token: result, key }, { ttl });
    return result;
  };
}

/** Tokens a process keeps as verified (about a kilobyte each). */
const VERIFIED_TOKENS_KEPT = 5_000;

function userOf(payload: JWTPayload): AuthUser {
  // The registered claims and `sid` are not the user's; AuthUserSchema keeps what is.
  return AuthUserSchema.parse({ ...payload, username: payload.sub });
}

/** The tokens a request carries: its access token (bearer, else session cookie) and refresh cookie. */
export interface RequestTokens {
  accessToken?: string;
  /** Whether the access token came in the session cookie (a browser) rather than a header. */
  fromCookie: boolean;
  refreshToken?: string;
}

export function requestTokens(req: Request): RequestTokens {
  const header = req.header('authorization');
  const cookies = requestCookies(req);
  const accessToken = header === undefined ? cookies[SESSION_COOKIE] : BEARER.exec(header)?.[1];
  return {
    ...(accessToken ? { accessToken } : {}),
    fromCookie: header === undefined && accessToken !== undefined,
    ...(cookies[REFRESH_COOKIE] ? { refreshToken: cookies[REFRESH_COOKIE] } : {}),
  };
}

/**
 * Requires a valid token and puts the caller on `req.user`. The token comes as
 * `Authorization: Bearer <jwt>` or, from a browser, in the `denpyo_session` cookie (the same
 * JWT, verified the same way); a request that sends both is judged by its bearer token alone. A
 * cookie-authenticated request that may change something (anything but GET, HEAD, OPTIONS)
 * must also repeat the `denpyo_csrf` cookie in the `X-CSRF-Token` header, else 403.
 */
export function authenticate(verify: TokenVerifier): RequestHandler {
  return (req, _res, next) => {
    const { accessToken, fromCookie } = requestTokens(req);
    if (!accessToken)
      return next(unauthorized('A valid bearer token or session cookie is required'));
    verify(accessToken).then(
      ({ user }) => {
        if (fromCookie && needsCsrfToken(req.method) && !csrfTokenMatches(req)) {
          return next(forbidden('CSRF token missing or wrong'));
        }
        req.user = user;
        next();
      },
      () => next(invalidToken(fromCookie)),
    );
  };
}

/** The 401 for a token that does not verify, worded for a browser's session or a bearer client. */
export function invalidToken(fromCookie: boolean) {
  return unauthorized(
    fromCookie
      ? 'The session is invalid or has expired; sign in again'
      : 'The bearer token is invalid or expired',
  );
}

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

/** A role check that says which roles it admits, so a test can read them off the routes. */
export type RoleCheck = RequestHandler & { readonly roles: readonly Role[] };

/** Allows the request when the caller has any of `roles`. */
export function requireRole(roles: readonly Role[]): RoleCheck {
  const check: RequestHandler = (req, _res, next) => {
    const user = req.user;
    if (!user) return next(unauthorized());
    if (!hasRole(user, roles))
      return next(forbidden(`Requires one of the roles: ${roles.join(', ')}`));
    next();
  };
  return Object.assign(check, { roles });
}
