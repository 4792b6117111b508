import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import { z } from 'zod';

/**
 * How a process authenticates to Kafka and protects the connection: SASL/SCRAM credentials (each
 * service its own user, so the broker's ACLs give it only its own topics) and TLS. All settings
 * are optional (a local broker on PLAINTEXT needs none), but they come all or none: a username
 * without a password is refused at start-up, naming the missing variable.
 */
const fileContents = (what: string, check?: (text: string) => boolean, hint = '') =>
  z.string().transform((path, context) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      context.addIssue({
        code: 'custom',
        message: `cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return z.NEVER;
    }
    if (check && !check(text)) {
      context.addIssue({ code: 'custom', message: `${path} is not ${what}${hint}` });
      return z.NEVER;
    }
    return text;
  });

export const KAFKA_SECURITY_ENV = {
  /** SCRAM-SHA-256 or SCRAM-SHA-512 (the broker's `sasl.enabled.mechanisms`). */
  KAFKA_SASL_MECHANISM: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['scram-sha-256', 'scram-sha-512'], 'must be SCRAM-SHA-256 or SCRAM-SHA-512'))
    .optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** A file holding the password (a Docker or Kubernetes secret); parsed into its contents. */
  KAFKA_SASL_PASSWORD_FILE: fileContents('a password file', (text) => text.trim().length > 0)
    .transform((text) => text.replace(/\r?\n$/, ''))
    .optional(),
  /** TLS to the brokers (SASL_SSL or SSL listeners). */
  KAFKA_SSL: z
    .enum(['1', 'true', '0', 'false', ''])
    .transform((value) => value === '1' || value === 'true')
    .optional(),
  /** PEM certificates to trust for the brokers (a private CA); the system's CAs when unset. */
  KAFKA_SSL_CA_FILE: fileContents(
    'a PEM certificate file',
    (text) => text.includes('-----BEGIN CERTIFICATE-----'),
    ' (expected -----BEGIN CERTIFICATE-----)',
  ).optional(),
};

type KafkaSecurityEnv = {
  KAFKA_BROKERS?: string[];
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SASL_PASSWORD_FILE?: string;
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
};

/** The all-or-none rules of the Kafka security settings, each problem under its variable. */
export function checkKafkaSecurity(env: KafkaSecurityEnv, context: z.RefinementCtx): void {
  const problem = (variable: string, message: string) =>
    context.addIssue({ code: 'custom', path: [variable], message });
  const sasl = [
    env.KAFKA_SASL_MECHANISM,
    env.KAFKA_SASL_USERNAME,
    env.KAFKA_SASL_PASSWORD,
    env.KAFKA_SASL_PASSWORD_FILE,
  ].some((value) => value !== undefined);
  if (sasl) {
    if (env.KAFKA_SASL_MECHANISM === undefined)
      problem('KAFKA_SASL_MECHANISM', 'is not set (SCRAM-SHA-256 or SCRAM-SHA-512)');
    if (env.KAFKA_SASL_USERNAME === undefined)
      problem('KAFKA_SASL_USERNAME', 'is not set but other KAFKA_SASL_ settings are');
    if (env.KAFKA_SASL_PASSWORD === undefined && env.KAFKA_SASL_PASSWORD_FILE === undefined)
      problem('KAFKA_SASL_PASSWORD', 'is not set (nor KAFKA_SASL_PASSWORD_FILE)');
    if (env.KAFKA_SASL_PASSWORD !== undefined && env.KAFKA_SASL_PASSWORD_FILE !== undefined)
      problem('KAFKA_SASL_PASSWORD_FILE', 'set only one of KAFKA_SASL_PASSWORD and this');
  }
  if (env.KAFKA_SSL_CA_FILE !== undefined && !env.KAFKA_SSL)
    problem('KAFKA_SSL_CA_FILE', 'is set but KAFKA_SSL is not 1');
  if ((sasl || env.KAFKA_SSL) && !env.KAFKA_BROKERS?.length)
    problem('KAFKA_BROKERS', 'is not set but Kafka security settings are');
}

/** kafkajs's SCRAM options (the only SASL mechanisms Denpyo configures). */
export type ScramOptions = Extract<SASLOptions, { mechanism: 'scram-sha-256' | 'scram-sha-512' }>;

/** What the Kafka client needs: SASL credentials and TLS options, both optional. */
export interface KafkaSecurity {
  sasl?: ScramOptions;
  /** true: TLS with the system's CAs; an object: TLS trusting these PEM certificates. */
  ssl?: true | { ca: string[] };
}

/** The parsed (and checked) settings as kafkajs options; {} for a PLAINTEXT broker. */
export function kafkaSecurityOf(env: KafkaSecurityEnv): KafkaSecurity {
  const password = env.KAFKA_SASL_PASSWORD ?? env.KAFKA_SASL_PASSWORD_FILE;
  return {
    ...(env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && password
      ? {
          sasl: {
            mechanism: env.KAFKA_SASL_MECHANISM,
            username: env.KAFKA_SASL_USERNAME,
            password,
          } as ScramOptions,
        }
      : {}),
    ...(env.KAFKA_SSL
      ? { ssl: env.KAFKA_SSL_CA_FILE ? { ca: [env.KAFKA_SSL_CA_FILE] } : true }
      : {}),
  };
}
