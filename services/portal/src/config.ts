import { availableParallelism } from 'node:os';
import express from 'express';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  commaSeparated,
  demoModeSetting,
  jsonSetting,
  MAX_ACCESS_TOKEN_AGE_SECONDS,
  PrivateJwkSetSchema,
  type ServiceEnv,
} from '@denpyo/platform';
import { PER_CLIENT_HASHES } from './application/password-hasher';
import { DEFAULT_THROTTLE_POLICY } from './domain/login-throttle';
import { MIN_PRODUCTION_LOG_N } from './domain/password';
import type { UpstreamService } from './domain/routes';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** One service's instances: their base URLs, comma-separated (`http://a:3001,http://b:3001`). */
const instanceUrls = commaSeparated(httpUrl);

/**
 * CONTRACT_URL, INVOICE_URL, PAYMENT_URL: checked here, kept as written (callers of startService
 * give them as strings too) and split by `upstreamUrls`.
 */
const instanceList = z.string().superRefine((value, context) => {
  for (const issue of instanceUrls.safeParse(value).error?.issues ?? []) {
    context.addIssue({ code: 'custom', message: issue.message });
  }
});

/** The portal's own settings when neither the environment nor the caller gives them. */
export const PORTAL_DEFAULTS = {
  CONTRACT_URL: 'http://127.0.0.1:3001',
  INVOICE_URL: 'http://127.0.0.1:3002',
  PAYMENT_URL: 'http://127.0.0.1:3003',
  PROXY_TIMEOUT_MS: 30_000,
  UPSTREAM_CHECK_INTERVAL_MS: 2_000,
  ACCESS_TOKEN_TTL_SECONDS,
  /** A working day: sign in once a day, however often the access token is renewed. */
  SESSION_TTL_SECONDS: 10 * 3600,
  TRUSTED_PROXIES: false as TrustedProxies,
  PASSWORD_SCRYPT_LOG_N: 17,
  PASSWORD_HASH_CONCURRENCY: availableParallelism(),
  PASSWORD_HASH_PER_CLIENT: PER_CLIENT_HASHES,
  LOGIN_ACCOUNT_FAILURE_LIMIT: DEFAULT_THROTTLE_POLICY.accountFailureLimit,
  LOGIN_CLIENT_FAILURE_LIMIT: DEFAULT_THROTTLE_POLICY.clientFailureLimit,
  LOGIN_GLOBAL_FAILURES_PER_MINUTE: DEFAULT_THROTTLE_POLICY.globalFailuresPerMinute,
};

/**
 * Which peers may say who the client is (X-Forwarded-For), as express's `trust proxy` takes it:
 * false (none: the socket's address is the client), a number of hops, or addresses and CIDRs.
 */
export type TrustedProxies = false | number | string[];

const trustedProxies = z
  .string()
  .trim()
  .transform((value, ctx): TrustedProxies => {
    if (value === '' || value === '0' || value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const list = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    try {
      // As express will read it (proxy-addr): names (loopback…), addresses and CIDRs.
      express().set('trust proxy', list);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
    return list;
  });

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** What the portal reads from its environment besides the common service settings. */
export const portalSettingsSchema = z
  .object({
    /** Where each service listens: one base URL per instance, comma-separated (balanced). */
    CONTRACT_URL: instanceList.default(PORTAL_DEFAULTS.CONTRACT_URL),
    INVOICE_URL: instanceList.default(PORTAL_DEFAULTS.INVOICE_URL),
    PAYMENT_URL: instanceList.default(PORTAL_DEFAULTS.PAYMENT_URL),
    /** How long a forwarded request may wait for its service before the caller gets a 503. */
    PROXY_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(PORTAL_DEFAULTS.PROXY_TIMEOUT_MS),
    /**
     * How often the instances of a service with several are asked whether they are ready (their
     * /ready): one that is not is skipped until it is again. A refused connection skips it at once.
     */
    UPSTREAM_CHECK_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(PORTAL_DEFAULTS.UPSTREAM_CHECK_INTERVAL_MS),
    /** The built web app served at `/`; by default @denpyo/web's `dist` (packages/web/dist). */
    WEB_DIST_DIR: z.string().min(1).optional(),
    /**
     * The anchor role's connection (db/roles.ts: reads the audit chains' heads, inserts into
     * audit_anchor.anchors, nothing else). Unset: chain heads are not anchored.
     */
    AUDIT_ANCHOR_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    /** The schemas whose audit chains are anchored; by default the portal's and the three services'. */
    AUDIT_ANCHOR_TRAILS: commaSeparated(
      z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected schema names'),
    ).optional(),
    /**
     * The proxies in front of the portal whose X-Forwarded-For is believed: a hop count or a
     * comma-separated list of addresses/CIDRs (`loopback`, `10.0.0.0/8`). Default none: the
     * client is the socket's peer, and a forwarded header cannot buy extra sign-in attempts.
     */
    TRUSTED_PROXIES: trustedProxies.default(false),
    /** scrypt's cost N = 2^this (r=8, p=1); below 17 only in tests (NODE_ENV=test). */
    PASSWORD_SCRYPT_LOG_N: count(10, 20)
      .refine((logN) => logN >= MIN_PRODUCTION_LOG_N || process.env.NODE_ENV === 'test', {
        message: `must be at least ${MIN_PRODUCTION_LOG_N} (N = 2^${MIN_PRODUCTION_LOG_N}, OWASP); lower only in tests`,
      })
      .default(PORTAL_DEFAULTS.PASSWORD_SCRYPT_LOG_N),
    /** Password hashes computed at once (each takes 128 MiB at N=2^17); by default the cores. */
    PASSWORD_HASH_CONCURRENCY: count(1, 64).default(PORTAL_DEFAULTS.PASSWORD_HASH_CONCURRENCY),
    /**
     * Password checks one client (an address; an IPv6 /64) may have in hand at once, as many
     * more waiting up to a second: colleagues behind one office NAT sign in together.
     */
    PASSWORD_HASH_PER_CLIENT: count(1, 64).default(PORTAL_DEFAULTS.PASSWORD_HASH_PER_CLIENT),
    /** Failures on one account (all clients, 15 min) beyond which clients that failed back off. */
    LOGIN_ACCOUNT_FAILURE_LIMIT: count(1, 10_000).default(
      PORTAL_DEFAULTS.LOGIN_ACCOUNT_FAILURE_LIMIT,
    ),
    /** Failures of one client (all accounts, 15 min) beyond which it waits: password spraying. */
    LOGIN_CLIENT_FAILURE_LIMIT: count(1, 10_000).default(
      PORTAL_DEFAULTS.LOGIN_CLIENT_FAILURE_LIMIT,
    ),
    /** Failed sign-ins per minute overall beyond which clients with failures wait. */
    LOGIN_GLOBAL_FAILURES_PER_MINUTE: count(1, 1_000_000).default(
      PORTAL_DEFAULTS.LOGIN_GLOBAL_FAILURES_PER_MINUTE,
    ),
    /**
     * The portal's private signing keys: a JWK Set of Ed25519 (or P-256) keys, each with a `kid`.
     * The first signs; all are published at /.well-known/jwks.json (rotation: README "Security
     * model"). Or AUTH_SIGNING_KEYS_FILE: a file holding the same JSON (a container secret).
     * Required outside demo mode; demo mode without one signs with a key made at start.
     */
    AUTH_SIGNING_KEYS: jsonSetting(PrivateJwkSetSchema).optional(),
    AUTH_SIGNING_KEYS_FILE: z
      .string()
      .min(1)
      .transform((path, context) => {
        try {
          return readFileSync(path, 'utf8');
        } catch (error) {
          context.addIssue({
            code: 'custom',
            message: `cannot be read: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      })
      .pipe(jsonSetting(PrivateJwkSetSchema))
      .optional(),
    /** An access token's lifetime in seconds: at most 15 minutes (what every verifier accepts). */
    ACCESS_TOKEN_TTL_SECONDS: count(30, MAX_ACCESS_TOKEN_AGE_SECONDS).default(
      PORTAL_DEFAULTS.ACCESS_TOKEN_TTL_SECONDS,
    ),
    /** A session's absolute lifetime from sign-in, in seconds (refresh tokens end with it). */
    SESSION_TTL_SECONDS: count(300, 7 * 24 * 3600).default(PORTAL_DEFAULTS.SESSION_TTL_SECONDS),
    /** Read here too: whether a signing key may be left out. */
    DEMO_MODE: demoModeSetting,
  })
  .superRefine((env, context) => {
    if (env.AUTH_SIGNING_KEYS && env.AUTH_SIGNING_KEYS_FILE) {
      context.addIssue({
        code: 'custom',
        path: ['AUTH_SIGNING_KEYS_FILE'],
        message: 'give the signing keys once: AUTH_SIGNING_KEYS or AUTH_SIGNING_KEYS_FILE',
      });
    }
    // A key made at start would change at every restart and differ between portal instances:
    // fine for a demonstration, never for a city's installation.
    if (!env.DEMO_MODE && !env.AUTH_SIGNING_KEYS && !env.AUTH_SIGNING_KEYS_FILE) {
      context.addIssue({
        code: 'custom',
        path: ['AUTH_SIGNING_KEYS'],
        message:
          'is not set (nor AUTH_SIGNING_KEYS_FILE): outside demo mode the portal needs its signing key (a JWK Set of private keys)',
      });
    }
  });
export type PortalSettings = z.infer<typeof portalSettingsSchema>;
export type PortalEnv = ServiceEnv & PortalSettings;

/**
 * A service environment plus any of the portal's own settings, so a test can start it with
 * `withPortalDefaults({ ...testServiceEnv('portal'), CONTRACT_URL: contract.url })`.
 */
export type PortalOptions = ServiceEnv & Partial<PortalSettings>;

/** What `startService(portalService, …)` needs: the options with the defaults filled in. */
export function withPortalDefaults(options: PortalOptions): PortalEnv {
  return { ...PORTAL_DEFAULTS, ...definedOnly(options) };
}

/** Where the instances of each service behind the portal listen. */
export function upstreamUrls(
  env: Pick<PortalSettings, 'CONTRACT_URL' | 'INVOICE_URL' | 'PAYMENT_URL'>,
): Record<UpstreamService, string[]> {
  return {
    contract: instanceUrls.parse(env.CONTRACT_URL),
    invoice: instanceUrls.parse(env.INVOICE_URL),
    payment: instanceUrls.parse(env.PAYMENT_URL),
  };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
