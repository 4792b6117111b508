import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaTestBrokers } from '@denpyo/platform/testing';

// The fault harness (`npm run chaos`, scripts/chaos.mjs) in its short version: the system as
// `npm start` runs it (four processes, the embedded PostgreSQL in its own), 300 invoices carried
// to payment while each service is killed with SIGKILL and started again, PostgreSQL restarts
// and Kafka stops for 10 s. Nothing may be lost or duplicated, and every sum must match.
// Kafka: the run's broker (KAFKA_TEST_BROKERS), stopped only when the run owns it
// (KAFKA_TEST_CONTROL=1, as scripts/test.mjs sets it); without a broker the PostgreSQL event log.
const root = join(__dirname, '..', '..', '..');
const brokers = kafkaTestBrokers();
const LOCAL_BROKER = '127.0.0.1:9092';
const mayStopKafka =
  process.env.KAFKA_TEST_CONTROL === '1' && brokers?.length === 1 && brokers[0] === LOCAL_BROKER;

interface ChaosReport {
  unexpectedExits: { name: string; at: string }[];
  faults: { kind: string; target: string; skipped?: string; recoveredAfterMs?: number }[];
  lost: number;
  duplicated: number;
  mismatches: number;
  details: Record<string, string[]>;
  refused: { count: number; first: string[] };
  reconciliation: {
    invoicesAcceptedByClient: number;
    invoicesInDatabase: number;
    paymentsInDatabase: number;
    paymentsSettledByClient: number;
    acceptedTotalYen: string;
    paidTotalYen: string;
  };
}

// The budget is 3 minutes on an idle machine; the harness is stopped (SIGTERM: it stops the
// system and starts again a broker it had stopped) before jest's own timeout, so the failure
// shows the harness's output instead of leaving it running.
const HARNESS_LIMIT_MS = 330_000;

function runHarness(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'chaos.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // The harness's own lines; the services' logs (JSON lines) would drown them.
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (!line.startsWith('{')) output += `${line}\n`;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const limit = setTimeout(() => child.kill('SIGTERM'), HARNESS_LIMIT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, output });
    });
  });
}

describe('the fault harness, short version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-chaos-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'loses and duplicates nothing while processes die, PostgreSQL restarts and Kafka stops',
    async () => {
      const out = join(dir, 'report.json');
      const bus = brokers
        ? [
            '--bus',
            'kafka',
            '--kafka-brokers',
            brokers[0]!,
            ...(mayStopKafka ? ['--kafka-control'] : []),
          ]
        : ['--bus', 'postgres'];
      const { code, output } = await runHarness([
        '--short',
        '--port-base',
        '3500',
        '--out',
        out,
        ...bus,
      ]);
      let report: ChaosReport;
      try {
        report = JSON.parse(readFileSync(out, 'utf8')) as ChaosReport;
      } catch {
        throw new Error(`the harness wrote no report (exit ${code}):\n${output.slice(-4000)}`);
      }
      const clean =
        code === 0 &&
        report.unexpectedExits.length === 0 &&
        report.refused.count === 0 &&
        report.lost + report.duplicated + report.mismatches === 0;
      // The harness's own account (and any crash's stack) for whoever reads a failure.
      if (!clean) process.stderr.write(`chaos harness output:\n${output.slice(-20_000)}\n`);
      expect({
        lost: report.lost,
        duplicated: report.duplicated,
        mismatches: report.mismatches,
        details: report.details,
      }).toEqual({
        lost: 0,
        duplicated: 0,
        mismatches: 0,
        details: expect.objectContaining({ lost: [], duplicated: [], mismatches: [] }),
      });
      expect(report.refused).toEqual({ count: 0, first: [] });
      // A process dies only when the harness kills it (PostgreSQL restarting once crashed one).
      expect(report.unexpectedExits).toEqual([]);
      expect(code).toBe(0);

      // Every fault happened (Kafka's only where the run may stop the broker), and the whole burst
      // went through to payment.
      const injected = report.faults
        .filter((fault) => !fault.skipped)
        .map((f) => `${f.kind} ${f.target}`);
      expect(injected).toEqual(
        expect.arrayContaining([
          'kill -9 contract',
          'kill -9 invoice',
          'kill -9 payment',
          'kill -9 portal',
          'restart PostgreSQL postgres',
          ...(mayStopKafka ? ['stop Kafka kafka'] : []),
        ]),
      );
      expect(report.reconciliation).toMatchObject({
        invoicesAcceptedByClient: 300,
        invoicesInDatabase: 300,
        paymentsInDatabase: 300,
        paymentsSettledByClient: 300,
      });
      expect(report.reconciliation.paidTotalYen).toBe(report.reconciliation.acceptedTotalYen);
    },
    HARNESS_LIMIT_MS + 30_000,
  );
});
