#!/usr/bin/env node
// `npm run chaos`: the fault harness (issue 8). Starts the whole system as `npm start` does (four
// service processes and the embedded PostgreSQL in its own process, events through Kafka or the
// PostgreSQL event log), carries a burst of invoices to payment through the portal as the demo
// users (registered by procurement, inspected by procurement2, ordered by accountant, confirmed
// by treasurer, batched, approved by treasurer2 and settled), and meanwhile
//   kill -9s each service in turn and starts it again, stops Kafka and starts it again, and
//   restarts PostgreSQL;
// then reconciles end to end (scripts/chaos/reconcile.mjs), prints a report and writes it as
// JSON. Exit code 1 when anything was lost or duplicated or a sum does not match.
//
//   node scripts/chaos.mjs [--invoices N] [--short] [--bus kafka|postgres] [--concurrency N]
//        [--out FILE] [--kafka-brokers host:port --kafka-control] [--port-base N] [--keep-data]
//
// --short is the CI version (300 invoices, Kafka stopped 10 s). Kafka: without --kafka-brokers
// the harness runs a broker of its own on port base+92 (state in .data/chaos/kafka), so stopping
// it disturbs nobody else; with --kafka-brokers it stops that broker only given --kafka-control
// (the test runner's KAFKA_TEST_CONTROL=1: the run owns it), else the Kafka fault is skipped.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { kafkaDown, kafkaUp } from '../infra/kafka/kafka.mjs';
import { ChaosClient } from './chaos/client.mjs';
import { reconcile } from './chaos/reconcile.mjs';
import { root, startSystem } from './system.mjs';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');
const { fiscalYearOf } = require('@denpyo/jp');

const { values: args } = parseArgs({
  options: {
    invoices: { type: 'string' },
    short: { type: 'boolean', default: false },
    bus: { type: 'string', default: 'kafka' },
    concurrency: { type: 'string', default: '16' },
    out: { type: 'string' },
    'kafka-brokers': { type: 'string' },
    'kafka-control': { type: 'boolean', default: false },
    'port-base': { type: 'string', default: '3400' },
    today: { type: 'string', default: '2026-11-26' },
    'log-level': { type: 'string', default: 'fatal' },
    'keep-data': { type: 'boolean', default: false },
  },
});
if (!['kafka', 'postgres'].includes(args.bus)) {
  process.stderr.write('--bus must be kafka or postgres\n');
  process.exit(2);
}
const settings = {
  invoices: Number(args.invoices ?? (args.short ? 300 : 5000)),
  bus: args.bus,
  concurrency: Number(args.concurrency),
  kafkaDownMs: args.short ? 10_000 : 60_000,
  postgresDownMs: args.short ? 1_000 : 5_000,
  // A request is retried this long before the client gives up on it. More than the services'
  // idempotency lease (2 minutes), behind which a killed process's requests wait.
  requestDeadlineMs: 200_000,
  // After the last order, how long payments may take to appear (the bus catching up).
  paymentWaitMs: 180_000,
  today: args.today,
  short: args.short,
};
if (!Number.isInteger(settings.invoices) || settings.invoices < 20) {
  process.stderr.write('--invoices must be an integer of at least 20\n');
  process.exit(2);
}
const portBase = Number(args['port-base']);
const outFile = args.out ?? join(root, '.data', 'chaos', `report-${settings.bus}.json`);

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (message) => process.stdout.write(`[chaos ${elapsed()}] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const runId = Date.now().toString(36);

// ---------------------------------------------------------------------------------------------
// Kafka: whose broker, and whether this run may stop it.

let kafka; // { bootstrap, options, control, startedHere }
if (settings.bus === 'kafka') {
  if (args['kafka-brokers']) {
    const [host, port] = args['kafka-brokers'].split(':');
    kafka = {
      bootstrap: args['kafka-brokers'],
      options: { host, port: Number(port), quiet: true },
      control: args['kafka-control'],
      startedHere: false,
    };
  } else {
    const options = {
      port: portBase + 92,
      stateDir: join(root, '.data', 'chaos', 'kafka'),
      quiet: true,
    };
    log(`starting a broker of our own on 127.0.0.1:${options.port}`);
    const up = await kafkaUp(options);
    kafka = { bootstrap: up.bootstrap, options, control: true, startedHere: true };
  }
}

const dataDir = mkdtempSync(join(tmpdir(), `denpyo-chaos-${settings.bus}-`));
chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
const unexpectedExits = [];
let system;
let kafkaStopped = false; // by the Kafka fault, not yet started again

/** Leaves nothing behind: the system, our broker, a broker we stopped (started again), the data. */
async function cleanUp() {
  await system?.stop().catch(() => undefined);
  if (kafkaStopped) await kafkaUp(kafka.options).catch(() => undefined);
  if (kafka?.startedHere) await kafkaDown(kafka.options).catch(() => undefined);
  if (!args['keep-data']) rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}
let restartingAfterCrash = Promise.resolve();
const servicePorts = { contract: portBase + 1, invoice: portBase + 2, payment: portBase + 3 };
log(`starting the system (bus: ${settings.bus}, ${settings.invoices} invoices)`);
system = await startSystem({
  dataDir,
  kafkaBrokers: kafka?.bootstrap,
  embeddedPgPort: portBase + 97,
  portalPort: portBase,
  servicePorts,
  today: settings.today,
  logLevel: args['log-level'],
  // A process that dies on its own is a finding; like a supervisor, the harness starts it again.
  onExit: (name) => {
    if (!system) return; // still starting: startSystem reports it
    unexpectedExits.push({ name, at: elapsed() });
    log(`!! ${name} exited on its own; starting it again`);
    restartingAfterCrash = restartingAfterCrash
      .then(() => sleep(1000))
      .then(() => system.restart(name));
  },
});
const db = new Pool({ connectionString: system.databaseUrl, max: 4 });
db.on('error', () => undefined); // a restart of PostgreSQL drops idle connections
const client = new ChaosClient(system.portalUrl, {
  concurrency: settings.concurrency,
  deadlineMs: settings.requestDeadlineMs,
  epoch: t0, // the faults' clock
});

/** A query retried through the PostgreSQL restart (the harness's own reads). */
async function query(sql, params) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await db.query(sql, params)).rows;
    } catch (error) {
      if (attempt > 120) throw error;
      await sleep(500);
    }
  }
}

const POST = (label, user, path, key, body) =>
  client.call(label, user, 'POST', path, { key: `chaos-${runId}-${key}`, body });

/** A set-up step that must succeed (before any fault). */
async function must(label, user, path, key, body, status = [200, 201]) {
  const answer = await POST(label, user, path, key, body);
  if (!status.includes(answer.status))
    throw new Error(`${label} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// ---------------------------------------------------------------------------------------------
// Set-up: a vendor, a budget line and contracts approved along the whole route (≥ ¥50,000,000:
// 課長 → 部長 → 副市長 → 市長), enough for every invoice.

const FISCAL_YEAR = fiscalYearOf(settings.today);
const lineAmount = (n) => 100_000 + (n % 89) * 1_000;
const invoiceBody = (n, contractId) => ({
  contractId,
  invoiceNumber: `CH-${runId}-${n}`,
  issueDate: settings.today,
  lines: [
    { description: '保守作業', amount: lineAmount(n), taxRate: 10 },
    { description: '資料', amount: 2_000 + (n % 7) * 100, taxRate: 8 },
  ],
});
const contractCount = Math.max(2, Math.min(10, Math.ceil(settings.invoices / 500)));
const perContract = Math.ceil(settings.invoices / contractCount);
// Room for every invoice (at most ¥202,000 + tax each) with a margin, and above ¥50,000,000.
const contractAmount = Math.max(60_000_000, perContract * 250_000);
const budget = {
  fiscalYear: FISCAL_YEAR,
  code: '09.09.01.01',
  amount: contractAmount * contractCount + 1_000_000,
};

log(`set-up: a vendor, a budget line, ${contractCount} contracts of ¥${contractAmount}`);
const vendor = await must('setup', 'procurement', '/api/vendors', 'vendor', {
  name: '株式会社カオス保守',
  nameKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔｶｵｽﾎｼﾕ',
  bankAccount: {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '7654321',
    holderKana: 'ｶ)ｶｵｽﾎｼﾕ',
  },
});
await must('setup', 'accountant', '/api/budgets', 'budget', {
  fiscalYear: budget.fiscalYear,
  code: budget.code,
  name: '障害試験予算',
  amount: budget.amount,
});
const contracts = [];
for (let i = 0; i < contractCount; i++) {
  const contract = await must('setup', 'procurement', '/api/contracts', `contract-${i}`, {
    vendorId: vendor.id,
    title: `障害試験契約 ${i + 1}`,
    budgetCode: budget.code,
    fiscalYear: FISCAL_YEAR,
    amount: contractAmount,
    taxRate: 10,
    startDate: `${FISCAL_YEAR}-04-01`,
    endDate: `${FISCAL_YEAR + 1}-03-31`,
    method: 'negotiated',
  });
  await must('setup', 'procurement', `/api/contracts/${contract.id}/submit`, `submit-${i}`);
  for (const approver of ['approver', 'approver2', 'approver3', 'approver4']) {
    await must('setup', approver, `/api/contracts/${contract.id}/approve`, `approve-${i}`, {});
  }
  contracts.push({ id: contract.id, amount: contractAmount });
}
// The invoice service takes contracts, and the payment service vendors, from events.
for (const deadline = Date.now() + 60_000; ;) {
  const [{ n }] = await query(
    'SELECT count(*)::int AS n FROM invoice.approved_contracts WHERE contract_id = ANY($1::uuid[])',
    [contracts.map((c) => c.id)],
  );
  const [{ v }] = await query('SELECT count(*)::int AS v FROM payment.vendors WHERE id = $1', [
    vendor.id,
  ]);
  if (n === contractCount && v === 1) break;
  if (Date.now() > deadline) throw new Error('the contracts did not reach the other services');
  await sleep(200);
}

// ---------------------------------------------------------------------------------------------
// Faults, in turn, each while the burst is in flight. The invoice service's kill and the
// PostgreSQL restart go first: requests running at that moment keep their Idempotency-Key
// reserved for the services' lease (2 minutes; a retry meanwhile gets 409 "still in progress"),
// and that wait then overlaps the rest of the run instead of trailing it.

const faultPlan = [
  { at: 0.05, kind: 'kill -9', target: 'invoice' },
  { at: 0.12, kind: 'restart PostgreSQL', target: 'postgres' },
  { at: 0.2, kind: 'kill -9', target: 'payment' },
  { at: 0.28, kind: 'kill -9', target: 'contract' },
  { at: 0.36, kind: 'kill -9', target: 'portal' },
  { at: 0.45, kind: 'stop Kafka', target: 'kafka' },
];
const faults = [];
let started = 0; // invoices whose registration has begun
let injected = 0; // faults begun
let faultsDone = false;
const gateWaiters = [];
// An invoice beyond a fault's point (plus what is in flight) waits until that fault has begun,
// so no fault falls after the end of the burst however quick the burst is.
const gateOpen = (n) => {
  const next = faultPlan[injected];
  return !next || n < Math.floor(next.at * settings.invoices) + settings.concurrency * 2;
};
const openGates = () => {
  for (const waiter of gateWaiters.splice(0)) waiter();
};

async function waitReady(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function inject(fault) {
  const record = {
    kind: fault.kind,
    target: fault.target,
    at: elapsed(),
    atTime: new Date().toISOString(),
    invoicesStarted: started,
    requestsSoFar: client.stats.requests,
  };
  const begun = Date.now();
  log(`fault: ${fault.kind} ${fault.target} (invoice ${started} of ${settings.invoices})`);
  if (fault.kind === 'kill -9') {
    await system.restart(fault.target);
    record.restartedAfterMs = Date.now() - begun;
    const url =
      fault.target === 'portal'
        ? system.portalUrl
        : `http://127.0.0.1:${servicePorts[fault.target]}`;
    await waitReady(url);
  } else if (fault.kind === 'stop Kafka') {
    if (!kafka?.control) {
      record.skipped = kafka
        ? 'the broker is not this run’s to stop (no --kafka-control)'
        : 'the bus is the PostgreSQL event log';
      log(`  skipped: ${record.skipped}`);
      return record;
    }
    kafkaStopped = true;
    const { stopped } = await kafkaDown(kafka.options);
    if (!stopped) {
      // kafka.mjs stops only a broker it started (its pid file): nothing was stopped.
      kafkaStopped = false;
      record.skipped = 'the broker was not started by infra/kafka/kafka.mjs with this state dir';
      log(`  skipped: ${record.skipped}`);
      return record;
    }
    record.stoppedAfterMs = Date.now() - begun;
    await sleep(settings.kafkaDownMs);
    record.downMs = Date.now() - begun;
    await kafkaUp(kafka.options);
    kafkaStopped = false;
  } else {
    await system.restartPostgres({ downMs: settings.postgresDownMs });
    record.downMs = Date.now() - begun;
  }
  await waitReady(system.portalUrl);
  record.recoveredAfterMs = Date.now() - begun;
  log(`  recovered after ${(record.recoveredAfterMs / 1000).toFixed(1)} s`);
  return record;
}

async function runFaults() {
  for (const fault of faultPlan) {
    while (started < Math.floor(fault.at * settings.invoices)) await sleep(50);
    injected += 1;
    openGates();
    faults.push(await inject(fault));
  }
  faultsDone = true;
}

// ---------------------------------------------------------------------------------------------
// The burst: each invoice registered, inspected and ordered; each payment confirmed.

const accepted = new Map(); // invoice number → {id, total, contractId}
const ordered = new Set(); // invoice ids the client saw approved (支出命令)
const confirmed = new Set(); // payment ids the client saw confirmed
const settled = new Set();
const refused = []; // answers a correct client cannot retry: each is reported
const refuse = (what, answer) =>
  refused.push(
    `${what} → ${answer.status}${answer.gaveUp ? ` (gave up: ${answer.reason})` : ''} ${answer.body?.detail ?? ''}`.trim(),
  );

/** The record's status through the API, for a state change whose answer was lost or refused. */
async function statusOf(user, path) {
  const answer = await client.call('lookup', user, 'GET', path);
  return answer.status === 200 ? answer.body.status : undefined;
}

async function step(label, user, id, action, goodStatuses) {
  const answer = await POST(label, user, `/api/invoices/${id}/${action}`, `${action}-${id}`);
  if (answer.status === 200) return true;
  // A lost answer, or a 409 because an earlier attempt did it: the record says.
  if (answer.lostResponse || answer.status === 409) {
    if (goodStatuses.includes(await statusOf(user, `/api/invoices/${id}`))) return true;
  }
  refuse(`${label} ${id}`, answer);
  return false;
}

async function carryInvoice(n) {
  const contract = contracts[n % contractCount];
  const body = invoiceBody(n, contract.id);
  const answer = await POST(
    'register invoice',
    'procurement',
    '/api/invoices',
    `invoice-${n}`,
    body,
  );
  let invoice;
  if (answer.status === 201) invoice = { id: answer.body.id, total: answer.body.total };
  else if (answer.lostResponse) {
    // Committed, answer lost: what a client would find by listing the contract's invoices.
    const [row] = await query(
      'SELECT id, total::text AS total FROM invoice.invoices WHERE contract_id = $1 AND invoice_number = $2',
      [contract.id, body.invoiceNumber],
    );
    if (row) invoice = { id: row.id, total: Number(row.total), lookedUp: true };
  }
  if (!invoice) return refuse(`register invoice ${n}`, answer);
  accepted.set(body.invoiceNumber, { ...invoice, contractId: contract.id });
  if (!(await step('inspect', 'procurement2', invoice.id, 'inspect', ['inspected', 'approved'])))
    return;
  if (await step('order (approve)', 'accountant', invoice.id, 'approve', ['approved']))
    ordered.add(invoice.id);
}

async function confirmPayment(payment) {
  const answer = await POST(
    'confirm payment',
    'treasurer',
    `/api/payments/${payment.id}/confirm`,
    `confirm-${payment.id}`,
    {},
  );
  if (answer.status === 200) return confirmed.add(payment.id);
  if (answer.lostResponse || answer.status === 409) {
    const [row] = await query('SELECT status FROM payment.payments WHERE id = $1', [payment.id]);
    if (row?.status === 'confirmed') return confirmed.add(payment.id);
  }
  refuse(`confirm payment ${payment.id}`, answer);
}

let burstDone = false;
const confirming = new Map(); // payment id → its confirmation
async function confirmPayments() {
  let quietSince;
  for (;;) {
    const rows = await query(
      `SELECT id, invoice_id FROM payment.payments
        WHERE kind = 'invoice' AND status = 'scheduled' AND contract_id = ANY($1::uuid[])`,
      [contracts.map((c) => c.id)],
    );
    for (const row of rows) {
      if (!confirming.has(row.id)) confirming.set(row.id, confirmPayment(row));
    }
    await refreshPaymentSeen();
    if (burstDone) {
      await Promise.all(confirming.values());
      const waiting = [...ordered].filter((id) => !paymentSeen.has(id));
      // Every ordered invoice has a confirmed payment, or nothing moved for the wait: report.
      if (waiting.length === 0) return;
      quietSince ??= Date.now();
      if (Date.now() - quietSince > settings.paymentWaitMs) {
        log(`!! ${waiting.length} ordered invoices still without a payment; giving up waiting`);
        return;
      }
    }
    await sleep(300);
  }
}
const paymentSeen = new Set(); // invoice ids with a confirmed payment
async function refreshPaymentSeen() {
  const rows = await query(
    `SELECT invoice_id FROM payment.payments
      WHERE kind = 'invoice' AND status <> 'scheduled' AND contract_id = ANY($1::uuid[])`,
    [contracts.map((c) => c.id)],
  );
  for (const row of rows) paymentSeen.add(row.invoice_id);
}

async function burst() {
  const tasks = new Set();
  const limit = settings.concurrency * 4; // tasks alive at once; requests on the wire ≤ concurrency
  for (let n = 0; n < settings.invoices; n++) {
    while (tasks.size >= limit) await Promise.race(tasks);
    while (!gateOpen(n)) await new Promise((resolve) => gateWaiters.push(resolve));
    started = n + 1;
    const task = carryInvoice(n).finally(() => tasks.delete(task));
    tasks.add(task);
    if ((n + 1) % Math.ceil(settings.invoices / 10) === 0)
      log(
        `${n + 1} invoices started, ${ordered.size} ordered, ${confirmed.size} payments confirmed`,
      );
  }
  await Promise.all(tasks);
  burstDone = true;
}

const burstStart = Date.now();
log(`burst of ${settings.invoices} invoices (${settings.concurrency} requests at a time)`);
await Promise.all([burst(), runFaults(), confirmPayments()]);
const burstSeconds = (Date.now() - burstStart) / 1000;
log(
  `burst done in ${burstSeconds.toFixed(1)} s: ${accepted.size} accepted, ${ordered.size} ordered, ${confirmed.size} confirmed`,
);
if (!faultsDone) throw new Error('the burst ended before every fault was injected');

// ---------------------------------------------------------------------------------------------
// Transfer batches: drafted by treasurer, approved by treasurer2, settled by treasurer.

const BATCH = 1000;
const batches = [];
const toBatch = [...confirmed];
for (let i = 0; i < toBatch.length; i += BATCH) {
  const paymentIds = toBatch.slice(i, i + BATCH);
  const created = await POST('draft batch', 'treasurer', '/api/transfer-batches', `batch-${i}`, {
    transferDate: settings.today,
    paymentIds,
  });
  let batchId = created.status === 201 ? created.body.id : undefined;
  if (!batchId && created.lostResponse) {
    const [row] = await query(
      'SELECT batch_id FROM payment.transfer_batch_items WHERE payment_id = $1',
      [paymentIds[0]],
    );
    batchId = row?.batch_id;
  }
  if (!batchId) {
    refuse(`draft batch ${i}`, created);
    continue;
  }
  const approved = await POST(
    'approve batch',
    'treasurer2',
    `/api/transfer-batches/${batchId}/approve`,
    `approve-batch-${batchId}`,
  );
  if (approved.status !== 200 && !approved.lostResponse) {
    refuse(`approve batch ${batchId}`, approved);
    continue;
  }
  const settledAnswer = await POST(
    'settle batch',
    'treasurer',
    `/api/transfer-batches/${batchId}/settle`,
    `settle-batch-${batchId}`,
    {},
  );
  if (settledAnswer.status !== 200 && !settledAnswer.lostResponse) {
    refuse(`settle batch ${batchId}`, settledAnswer);
    continue;
  }
  for (const id of paymentIds) settled.add(id);
  batches.push({ id: batchId, payments: paymentIds.length });
}
log(`${batches.length} transfer batches settled (${settled.size} payments)`);

// ---------------------------------------------------------------------------------------------
// Reconciliation, once the events have caught up (the contract service's paid amounts and the
// budget's spent come from PaymentExecuted).

const expected = { contracts, budget, accepted, ordered, confirmed, settled };
let result;
for (const deadline = Date.now() + 120_000; ;) {
  result = await reconcile(db, expected);
  if (result.lost + result.duplicated + result.mismatches === 0 || Date.now() > deadline) break;
  await sleep(1000);
}
const outbox = await query(
  `SELECT 'contract' AS service, count(*)::int AS n FROM contract.outbox WHERE published_at IS NULL
   UNION ALL SELECT 'invoice', count(*)::int FROM invoice.outbox WHERE published_at IS NULL
   UNION ALL SELECT 'payment', count(*)::int FROM payment.outbox WHERE published_at IS NULL`,
);

const report = {
  finishedAt: new Date().toISOString(),
  machine: `${cpus().length} cores`,
  settings: { ...settings, kafka: kafka ? { ...kafka.options, control: kafka.control } : null },
  durationSeconds: Math.round((Date.now() - t0) / 1000),
  burstSeconds: Math.round(burstSeconds),
  faults,
  unexpectedExits,
  requests: {
    total: client.stats.requests,
    attempts: client.stats.attempts,
    retries: client.stats.retries,
    retriesBy: client.stats.retriesBy,
    retryWindowsSeconds: client.stats.retryWindows,
    replayedByIdempotencyKey: client.stats.replayed,
    committedButAnswerLost: client.stats.lostResponses,
    gaveUp: client.stats.gaveUp,
    serverErrors: client.stats.serverErrors,
    logins: client.stats.logins,
    outcomes: client.stats.outcomes,
  },
  refused: { count: refused.length, first: refused.slice(0, 20) },
  batches: batches.length,
  outboxUnpublished: Object.fromEntries(outbox.map((row) => [row.service, row.n])),
  reconciliation: result.figures,
  lost: result.lost,
  duplicated: result.duplicated,
  mismatches: result.mismatches,
  details: result.details,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

const line = (label, value) => process.stdout.write(`  ${label.padEnd(26)} ${value}\n`);
process.stdout.write(`\nFault harness report (${settings.bus}, ${settings.invoices} invoices)\n`);
line('duration', `${report.durationSeconds} s (burst ${report.burstSeconds} s)`);
for (const fault of faults) {
  line(
    `${fault.kind} ${fault.target}`,
    fault.skipped
      ? `skipped: ${fault.skipped}`
      : `at ${fault.at} (invoice ${fault.invoicesStarted}), back after ${(fault.recoveredAfterMs / 1000).toFixed(1)} s`,
  );
}
line('unexpected exits', unexpectedExits.length);
line(
  'requests',
  `${report.requests.total} (${report.requests.attempts} attempts, ${report.requests.retries} retries, ${report.requests.replayedByIdempotencyKey} replayed, ${report.requests.committedButAnswerLost} answers lost, ${report.requests.gaveUp} given up)`,
);
line('retries by reason', JSON.stringify(report.requests.retriesBy));
line('refused', refused.length);
const f = result.figures;
line(
  'invoices',
  `${f.invoicesAcceptedByClient} accepted, ${f.invoicesInDatabase} in the database, ${f.invoicesOrderedByClient} ordered`,
);
line(
  'payments',
  `${f.paymentsInDatabase} (${JSON.stringify(f.paymentsByStatus)}), ${f.paymentsSettledByClient} settled`,
);
line(
  'sums (yen)',
  `accepted ${f.acceptedTotalYen}, invoiced ${f.invoicedTotalYen}, paid ${f.paidTotalYen}`,
);
line('budget', JSON.stringify(f.budget));
line('outbox unpublished', JSON.stringify(report.outboxUnpublished));
process.stdout.write(
  `  lost: ${result.lost}, duplicated: ${result.duplicated}, mismatches: ${result.mismatches}\n`,
);
for (const [kind, list] of Object.entries(result.details))
  for (const item of list.slice(0, 10)) process.stdout.write(`    ${kind}: ${item}\n`);
process.stdout.write(`  report: ${outFile}\n`);

await db.end().catch(() => undefined);
await restartingAfterCrash.catch(() => undefined);
await cleanUp();
process.exit(result.lost + result.duplicated + result.mismatches === 0 ? 0 : 1);
