import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEventBus,
  createLogger,
  type DeliveredMessage,
  type EventBus,
} from '@denpyo/platform';
import { eventually } from '@denpyo/platform/testing';

// infra/kafka/kafka.mjs on an existing local install whose SCRAM users changed (a user added to
// acls.json, credentials regenerated, a data dir from before SCRAM): the users are added to the
// running cluster, and the events not consumed yet stay. A broker of its own (another port and
// state dir), so it runs where `npm test` controls the local broker (KAFKA_TEST_CONTROL=1: Java
// and Maven are there), or with KAFKA_LOCAL_DATA_TEST=1.
const enabled = process.env.KAFKA_TEST_CONTROL === '1' || process.env.KAFKA_LOCAL_DATA_TEST === '1';
const SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.mjs');
const PORT = 29092;
const TOPIC = 'denpyo.contract.v1';
const stateDir = mkdtempSync(join(tmpdir(), 'kafka-local-data-'));
const logger = createLogger('kafka-local-data-test', 'silent');

function kafka(command: 'up' | 'down'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, command], {
      env: { ...process.env, KAFKA_PORT: String(PORT), KAFKA_STATE_DIR: stateDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`kafka.mjs ${command}: ${code}\n${output}`)),
    );
  });
}

const credentialsFile = join(stateDir, 'scram-credentials.json');
const credentials = () =>
  JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, string>;

(enabled ? describe : describe.skip)(
  'the local broker keeps its data when its SCRAM users change',
  () => {
    afterAll(async () => {
      await kafka('down').catch(() => undefined);
      rmSync(stateDir, { recursive: true, force: true });
    });

    test('an event not consumed yet survives, and the new user can read it', async () => {
      await kafka('up');
      const key = randomUUID();
      const plain: EventBus = await createEventBus({
        kafkaBrokers: [`127.0.0.1:${PORT}`],
        databaseUrl: '',
        clientId: 'kafka-local-data-test',
        logger,
      });
      await plain.publish([{ topic: TOPIC, key, value: JSON.stringify({ kept: key }) }]);
      await plain.close();
      await kafka('down');

      // The payment user is new to this install (as if just added to acls.json).
      const known = credentials();
      delete known.payment;
      writeFileSync(credentialsFile, JSON.stringify(known));
      const output = await kafka('up');
      expect(output).toContain('adding SCRAM user payment to the existing cluster');
      expect(output).not.toContain('formatting');
      expect(output).not.toContain('adding SCRAM user contract'); // unchanged: left alone
      const password = credentials().payment;
      expect(password).toBeDefined();

      const asPayment = await createEventBus({
        kafkaBrokers: [`127.0.0.1:${PORT + 2}`],
        kafkaSecurity: {
          sasl: { mechanism: 'scram-sha-512', username: 'payment', password: password! },
        },
        databaseUrl: '',
        clientId: 'kafka-local-data-test',
        logger,
      });
      const received: DeliveredMessage[] = [];
      const subscription = await asPayment.subscribe({
        groupId: `payment-service-${randomUUID()}`,
        topics: [TOPIC],
        handle: async (message) => {
          received.push(message);
        },
      });
      try {
        await eventually(
          async () => expect(received.map((message) => message.key)).toContain(key),
          60_000,
        );
      } finally {
        await subscription.stop();
        await asPayment.close();
      }
    }, 300_000);
  },
);
