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
