import { z } from 'zod';
import { checkKafkaSecurity, KAFKA_SECURITY_ENV } from './events/kafka-settings';
import { PublicJwkSetSchema } from './http/signing-keys';

export class ConfigError extends Error {}

/**
 * Parses environment variables with a zod schema. A missing or bad variable is reported by name,
 * all of them at once, so a misconfigured process stops at start-up instead of failing later.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return `  ${name}: ${missing ? 'is not set' : issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** Entry points call this: print what is wrong and exit non-zero. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, env = process.env): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** A setting holding a comma-separated list (blanks ignored), each item checked by `item`. */
export function commaSeparated<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));
}

const commaList = commaSeparated(
  z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port[,host:port…]'),
);

const postgresUrl = z
  .string()
  .refine(
    (value) => /^postgres(ql)?:\/\//.test(value),
    'expected a postgres:// or postgresql:// URL',
  );

/**
 * A setting whose value is JSON, checked by `schema`: `DELEGATION_RULES='[…]'`. Bad JSON and a
 * bad shape are both reported under the variable's name, like any other setting.
 */
export function jsonSetting<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const flag = z
  .enum(['1', 'true', '0', 'false', ''])
  .transform((value) => value === '1' || value === 'true');

/** DEMO_MODE as every process reads it (`1`/`true` on; off when unset). */
export const demoModeSetting = flag.default(false);

/**
 * Whether a PostgreSQL URL authenticates without a password in it: allowed outside demo mode only
 * when the password comes from elsewhere the driver reads (PGPASSWORD) or the connection is a
 * unix socket (`?host=/run/postgresql` or no host: peer authentication by the OS user).
 */
export function databasePasswordMissing(
  databaseUrl: string,
  env: Record<string, string | undefined> = process.env,
): boolean {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false; // not a URL: the DATABASE_URL check itself reports it
  }
  if (url.password !== '' || (env.PGPASSWORD ?? '') !== '') return false;
  const socketHost = url.searchParams.get('host') ?? '';
  return !(url.hostname === '' || socketHost.startsWith('/'));
}

/** What every service process reads from its environment. */
export const serviceEnvSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    /** Each service keeps its tables in its own schema of the database. */
    DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).optional(),
    HOST: z.string().default('127.0.0.1'),
    KAFKA_BROKERS: commaList.optional(),
    /** SASL/SCRAM and TLS to Kafka, all or none (events/kafka-settings.ts). */
    ...KAFKA_SECURITY_ENV,
    /**
     * Partitions of each event topic this process creates (Kafka's, or the PostgreSQL event
     * log's; default 3): how many instances of a consumer group can share a topic's events.
     */
    EVENT_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).optional(),
    /** Where the PostgreSQL event log keeps its tables when KAFKA_BROKERS is not set. */
    EVENT_LOG_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
      .default('eventlog'),
    /**
     * Where this process gets the portal's public keys to verify access tokens with (the portal's
     * GET /.well-known/jwks.json), or the keys themselves in AUTH_JWKS (a JWK Set, public keys
     * only). A service never holds a key that can sign: the portal alone signs (its own
     * AUTH_SIGNING_KEYS).
     */
    AUTH_JWKS_URL: z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
      .optional(),
    AUTH_JWKS: jsonSetting(PublicJwkSetSchema).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    CITY_NAME: z.string().min(1).default('デンピョウ市'),
    /**
     * Where people reach the portal: the QR code on every voucher opens
     * `<PUBLIC_URL>/verify/<kind>/<id>?h=<hash>` (@denpyo/schemas verificationUrl). Required
     * outside demo mode (publicUrlOf), so no city prints codes that lead to localhost.
     */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
      .optional(),
    /** Demo users and a pinnable clock (every process of the system gets the same value). */
    DEMO_MODE: demoModeSetting,
    /** Pins the system's date (API.md v2, the clock); refused outside demo mode and tests. */
    DENPYO_TODAY: z.iso.date().optional(),
    /** Bearer token Prometheus sends for /metrics (http/app.ts); empty is unset. */
    METRICS_TOKEN: z
      .string()
      .optional()
      .transform((token) => token || undefined)
      .pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /**
     * PDF render worker threads of this process (default 1: each holds its fonts and heap,
     * 50–105 MB; repeated prints are answered from PDF_CACHE_MB without one).
     */
    PDF_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    /** Megabytes of rendered PDFs this process keeps for repeated prints (default 8; 0: none). */
    PDF_CACHE_MB: z.coerce.number().min(0).max(1024).optional(),
    /** PDF renders that may wait for a worker; one more is 503 (default 16). */
    PDF_MAX_QUEUE: z.coerce.number().int().min(0).max(10_000).optional(),
    /** PDF renders one user may have in flight in this process; one more is 429 (default 2). */
    PDF_RENDERS_PER_USER: z.coerce.number().int().min(1).max(100).optional(),
  })
  .superRefine((env, context) => {
    // A database reachable without a password is a demo's shortcut, never a city's installation.
    if (!env.DEMO_MODE && databasePasswordMissing(env.DATABASE_URL)) {
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'has no password: outside demo mode (DEMO_MODE=1) give one in the URL or PGPASSWORD, or connect over a unix socket',
      });
    }
    if (!env.DEMO_MODE && env.PUBLIC_URL === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message:
          "is not set: outside demo mode (DEMO_MODE=1) give the address people reach the portal at; every voucher's QR code opens a page there",
      });
    }
    checkKafkaSecurity(env, context);
  });
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/** The portal's address vouchers print (PUBLIC_URL; a demo's own machine when unset). */
export function publicUrlOf(env: Pick<ServiceEnv, 'PUBLIC_URL'>): string {
  return env.PUBLIC_URL ?? 'http://localhost:3000';
}

/**
 * The clock's pinned date, or undefined for the wall clock. A pinned date in production would
 * let deadlines and interest be computed on a fictitious day, so it needs demo mode or a test.
 */
export function pinnedToday(
  env: Pick<ServiceEnv, 'DEMO_MODE' | 'DENPYO_TODAY'>,
  nodeEnv = process.env.NODE_ENV,
): string | undefined {
  if (env.DENPYO_TODAY === undefined) return undefined;
  if (!env.DEMO_MODE && nodeEnv !== 'test') {
    throw new ConfigError(
      'Invalid configuration:\n  DENPYO_TODAY: is accepted only with DEMO_MODE=1 or in tests',
    );
  }
  return env.DENPYO_TODAY;
}

/**
 * A process that verifies tokens with the portal's public keys needs one source of them: reported
 * like any other bad setting (runService adds this check for every process but the portal).
 */
export function requirePublicKeys(
  env: { AUTH_JWKS_URL?: string | undefined; AUTH_JWKS?: unknown },
  context: z.RefinementCtx,
): void {
  if (env.AUTH_JWKS_URL === undefined && env.AUTH_JWKS === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['AUTH_JWKS_URL'],
      message:
        "is not set (nor AUTH_JWKS): the process verifies tokens with the portal's public keys",
    });
  }
}

/** How a process renders PDFs (@denpyo/pdf's pool and the limits of registerOperations). */
export interface PdfSettings {
  workers: number;
  maxQueue: number;
  perUser: number;
  cacheBytes: number;
}

/** The PDF settings with their defaults filled in. */
export function pdfSettings(
  env: Pick<ServiceEnv, 'PDF_WORKERS' | 'PDF_MAX_QUEUE' | 'PDF_RENDERS_PER_USER' | 'PDF_CACHE_MB'>,
): PdfSettings {
  return {
    workers: env.PDF_WORKERS ?? 1,
    maxQueue: env.PDF_MAX_QUEUE ?? 16,
    perUser: env.PDF_RENDERS_PER_USER ?? 2,
    cacheBytes: Math.round((env.PDF_CACHE_MB ?? 8) * 1024 * 1024),
  };
}
