import { readFileSync } from 'node:fs';

/**
 * The Kafka brokers for tests (KAFKA_TEST_BROKERS, set by `npm test`), or undefined to skip the
 * Kafka tests. REQUIRE_KAFKA=1 (CI) makes a missing broker a failure instead of a skip.
 */
export function kafkaTestBrokers(): string[] | undefined {
  const brokers = process.env.KAFKA_TEST_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers?.length) return brokers;
  if (process.env.REQUIRE_KAFKA === '1') {
    throw new Error(
      'REQUIRE_KAFKA=1 but KAFKA_TEST_BROKERS is not set: run the suite with `npm test`',
    );
  }
  return undefined;
}

/** The local broker's SCRAM listeners (infra/kafka), as `npm test` passes them on. */
export interface KafkaTestSecurity {
  /** SASL_PLAINTEXT, SCRAM-SHA-256/512. */
  saslBrokers: string[];
  /** SASL_SSL with a self-signed certificate. */
  sslBrokers: string[];
  /** The PEM to trust for sslBrokers. */
  caFile: string;
  /** The SCRAM users of infra/kafka/acls.json and their passwords. */
  users: Record<string, string>;
}

/**
 * The SCRAM/TLS listeners for tests (KAFKA_TEST_SASL_BROKERS, KAFKA_TEST_SSL_BROKERS,
 * KAFKA_TEST_SSL_CA_FILE, KAFKA_TEST_SCRAM_FILE, set by `npm test` when the local broker has
 * them), or undefined to skip; REQUIRE_KAFKA=1 makes their absence a failure.
 */
export function kafkaTestSecurity(): KafkaTestSecurity | undefined {
  const { KAFKA_TEST_SASL_BROKERS, KAFKA_TEST_SSL_BROKERS, KAFKA_TEST_SSL_CA_FILE } = process.env;
  const scramFile = process.env.KAFKA_TEST_SCRAM_FILE;
  if (KAFKA_TEST_SASL_BROKERS && KAFKA_TEST_SSL_BROKERS && KAFKA_TEST_SSL_CA_FILE && scramFile) {
    const list = (value: string) => value.split(',').map((broker) => broker.trim());
    return {
      saslBrokers: list(KAFKA_TEST_SASL_BROKERS),
      sslBrokers: list(KAFKA_TEST_SSL_BROKERS),
      caFile: KAFKA_TEST_SSL_CA_FILE,
      users: JSON.parse(readFileSync(scramFile, 'utf8')) as Record<string, string>,
    };
  }
  if (process.env.REQUIRE_KAFKA === '1') {
    throw new Error(
      'REQUIRE_KAFKA=1 but the SCRAM listeners (KAFKA_TEST_SASL_BROKERS…) are not set: run the suite with `npm test` and the local broker',
    );
  }
  return undefined;
}
