import { z } from 'zod';

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

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port[,host:port…]')).min(1));

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

/** What every service process reads from its environment. */
export const serviceEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  /** Each service keeps its tables in its own schema of the database. */
  DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  KAFKA_BROKERS: commaList.optional(),
  /** Where the PostgreSQL event log keeps its tables when KAFKA_BROKERS is not set. */
  EVENT_LOG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
    .default('eventlog'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CITY_NAME: z.string().min(1).default('デンピョウ市'),
  /** Demo users and a pinnable clock (every process of the system gets the same value). */
  DEMO_MODE: flag.default(false),
  /** Pins the system's date (API.md v2, the clock); refused outside demo mode and tests. */
  DENPYO_TODAY: z.iso.date().optional(),
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

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
