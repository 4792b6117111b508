// Denpyo's figures for one event bus (embedded: the PostgreSQL event log; kafka), all through the
// portal as users' browsers reach it, each beside pgbench's figure of the same run.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaDown, kafkaUp } from '../../infra/kafka/kafka.mjs';
import { startSystem } from '../system.mjs';
import { api, HttpError, percentile, pool, timedLoad, until } from './client.mjs';
import { approvedContracts, INVOICE_TOTAL, invoiceBody, signIn } from './fixtures.mjs';
import { rssMiB, sampleRss, treePssMiB } from './memory.mjs';
import { pgbenchTps } from './pgbench.mjs';

const require = createRequire(import.meta.url);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  concurrency: env('BENCH_CONCURRENCY', 16),
  contracts: env('BENCH_CONTRACTS', 1000),
  spreadInvoices: env('BENCH_INVOICES', 3000),
  hotInvoices: env('BENCH_HOT_INVOICES', 1000),
  visibilitySamples: env('BENCH_VISIBILITY', 40),
  pdfs: env('BENCH_PDFS', 400),
  burst: env('BENCH_BURST', 10_000),
  pgbenchSeconds: env('BENCH_PGBENCH_SECONDS', 10),
};
/** The hot contract takes this much, so the later invoices of its run are refused (never over). */
const HOT_CONTRACT_AMOUNT = 60_000_000;

let nextPorts = 0;
/** Ports of one started system (each mode starts its own, one after the other). */
function ports() {
  const base = 3400 + 10 * nextPorts++;
  return {
    portalPort: base,
    servicePorts: { contract: base + 1, invoice: base + 2, payment: base + 3 },
    embeddedPgPort: 5490 + nextPorts,
  };
}

/**
 * Starts a system on a fresh data directory (a cold start: initdb, migrations, demo users) and
 * runs `work` with it; the time from launch to /ready is the cold start.
 */
async function withSystem(mode, options, work) {
  const dataDir = mkdtempSync(join(tmpdir(), `denpyo-bench-${mode}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  let kafkaBrokers;
  let startedKafka = false;
  if (mode === 'kafka') {
    kafkaBrokers = process.env.KAFKA_BROKERS;
    if (!kafkaBrokers) {
      const broker = await kafkaUp({});
      kafkaBrokers = broker.bootstrap;
      startedKafka = broker.started;
    }
  }
  const t0 = performance.now();
  const system = await startSystem({
    dataDir,
    kafkaBrokers,
    logLevel: 'warn',
    ...ports(),
    ...options,
    // BENCH_CPU_PROFILE=<dir>: each service writes a V8 CPU profile there when it stops.
    nodeArgs: process.env.BENCH_CPU_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
      : [],
  });
  const coldStartMs = performance.now() - t0;
  try {
    return await work(system, coldStartMs);
  } finally {
    await system.stop();
    if (startedKafka) await kafkaDown({});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const servicesOf = (system) =>
  system.processes.map(({ name, child }) => ({ name, pid: child.pid }));

/** RSS of each service now, and the whole system's PSS (services and embedded PostgreSQL). */
function memoryNow(system) {
  const services = Object.fromEntries(
    servicesOf(system).map(({ name, pid }) => [name, rssMiB(pid)]),
  );
  const pgPid = system.postgresPid?.();
  const systemPss =
    servicesOf(system).reduce((sum, { pid }) => sum + treePssMiB(pid), 0) +
    (pgPid ? treePssMiB(pgPid) : 0);
  return { services, systemPssMiB: systemPss };
}

/** Invoices spread round-robin over `contracts`, `concurrency` at once. */
async function intake(base, token, contracts, count, concurrency, tag) {
  let accepted = 0;
  const refused = new Map();
  const load = await timedLoad(count, concurrency, async (n) => {
    try {
      await api(
        base,
        token,
        'POST',
        '/api/invoices',
        invoiceBody(contracts[n % contracts.length].id, `${tag}-${n}`),
      );
      accepted += 1;
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      refused.set(error.status, (refused.get(error.status) ?? 0) + 1);
    }
  });
  return { ...load, accepted, refused: Object.fromEntries(refused) };
}

/** Counts rows in the system's database (the bench's own checks, as the administrator). */
async function counter(system) {
  const { Client } = require('pg');
  const db = new Client({ connectionString: system.databaseUrl });
  await db.connect();
  return {
    count: async (sql, params = []) => Number((await db.query(sql, params)).rows[0].n),
    end: () => db.end(),
  };
}

/**
 * The month-end: `count` invoices received and inspected beforehand; measured, the accountant's
 * 支出命令 for each → the payments scheduled → the treasurer's confirmation of each (end to end),
 * then one transfer batch of all of them, approved, and its Zengin file.
 */
async function monthEnd(system, users, contracts, count, concurrency) {
  const base = system.portalUrl;
  const db = await counter(system);
  try {
    const invoices = [];
    await pool(count, concurrency, async (n) => {
      invoices[n] = await api(
        base,
        users.procurement,
        'POST',
        '/api/invoices',
        invoiceBody(contracts[n % contracts.length].id, `M-${n}`, 10_000),
      );
    });
    await pool(count, concurrency, (n) =>
      api(base, users.procurement2, 'POST', `/api/invoices/${invoices[n].id}/inspect`),
    );
    const t0 = performance.now();
    await pool(count, concurrency, (n) =>
      api(base, users.accountant, 'POST', `/api/invoices/${invoices[n].id}/approve`),
    );
    const ids = invoices.map((invoice) => invoice.id);
    await until(
      async () =>
        (await db.count(
          `SELECT count(*) AS n FROM payment.payments WHERE invoice_id = ANY($1::uuid[]) AND status = 'scheduled'`,
          [ids],
        )) === count,
      300_000,
      'the payments of the month-end',
    );
    const { rows: payments } = await (async () => {
      const { Client } = require('pg');
      const client = new Client({ connectionString: system.databaseUrl });
      await client.connect();
      try {
        return await client.query(
          `SELECT id, due_date::text AS "dueDate" FROM payment.payments WHERE invoice_id = ANY($1::uuid[])`,
          [ids],
        );
      } finally {
        await client.end();
      }
    })();
    await pool(count, concurrency, (n) =>
      api(base, users.treasurer, 'POST', `/api/payments/${payments[n].id}/confirm`),
    );
    const ordersToConfirmedMs = performance.now() - t0;

    const t1 = performance.now();
    const earliestDue = payments.map((p) => p.dueDate).sort()[0];
    const batch = await api(base, users.treasurer, 'POST', '/api/transfer-batches', {
      transferDate: earliestDue,
      paymentIds: payments.map((p) => p.id),
    });
    await api(base, users.treasurer2, 'POST', `/api/transfer-batches/${batch.id}/approve`);
    const response = await fetch(`${base}/api/transfer-batches/${batch.id}/zengin`, {
      headers: { authorization: `Bearer ${users.treasurer}` },
    });
    if (!response.ok) throw new Error(`zengin → ${response.status} ${await response.text()}`);
    const file = Buffer.from(await response.arrayBuffer());
    const batchAndFileMs = performance.now() - t1;
    return {
      count,
      invoiceIds: ids,
      ordersToConfirmedMs,
      batchAndFileMs,
      zenginBytes: file.length,
      batchTotal: batch.total,
    };
  } finally {
    await db.end();
  }
}

/** 支出命令 → the payment visible in the payment service's list, one at a time. */
async function orderToPayment(base, users, invoices) {
  const latencies = [];
  for (const invoice of invoices) {
    await api(base, users.procurement2, 'POST', `/api/invoices/${invoice.id}/inspect`);
    const t0 = performance.now();
    await api(base, users.accountant, 'POST', `/api/invoices/${invoice.id}/approve`);
    await until(
      async () =>
        (await api(base, users.accountant, 'GET', `/api/payments?invoiceId=${invoice.id}`)).length >
        0,
      30_000,
      'the payment of an order',
    );
    latencies.push(performance.now() - t0);
  }
  return {
    samples: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/**
 * 支出命令書 of ordered invoices through the portal, as many at once as there are cores × 2,
 * two per user (the portal lets one user render two at a time): each invoice's first print
 * (drawn by a worker), then some of them again (answered from the service's cache).
 */
async function vouchers(base, users, invoiceIds, count) {
  const cores = availableParallelism();
  const readers = [users.accountant, users.accountant2, users.treasurer, users.treasurer2];
  const concurrency = Math.min(cores * 2, 2 * readers.length);
  const print = async (ids) => {
    let largest = 0;
    const load = await timedLoad(ids.length, concurrency, async (n, worker) => {
      const response = await fetch(`${base}/api/invoices/${ids[n]}/voucher.pdf`, {
        headers: { authorization: `Bearer ${readers[worker % readers.length]}` },
      });
      if (!response.ok) throw new Error(`voucher → ${response.status} ${await response.text()}`);
      largest = Math.max(largest, (await response.arrayBuffer()).byteLength);
    });
    return { ...load, perSecondPerCore: load.perSecond / cores, largestKiB: largest / 1024 };
  };
  const ids = invoiceIds.slice(0, count);
  const firstPrint = await print(ids);
  // Again, the last of them: as many as the service's cache holds (8 MiB, ~45 KB a voucher); a
  // pass over more than that would evict each voucher before it is asked for again.
  return { cores, firstPrint, again: await print(ids.slice(-Math.min(ids.length, 100))) };
}

/**
 * Contracts reach the invoice service as events: waits until each of `contracts` takes an
 * invoice (one warm-up invoice each; a 422 means not there yet).
 */
async function invoiceable(base, users, contracts) {
  for (const contract of contracts) {
    await until(
      () =>
        api(
          base,
          users.procurement,
          'POST',
          '/api/invoices',
          invoiceBody(contract.id, 'warm-up'),
        ).then(
          () => true,
          (error) => {
            if (error instanceof HttpError && error.status === 422) return false;
            throw error;
          },
        ),
      120_000,
      'the contracts to reach the invoice service',
    );
  }
}

/** Every figure of one event bus. */
export async function benchBus(mode) {
  return withSystem(mode, {}, async (system, coldStartMs) => {
    const base = system.portalUrl;
    const { concurrency } = SETTINGS;
    const users = await signIn(base);
    const idle = memoryNow(system);
    const spread = await approvedContracts(base, users, {
      count: SETTINGS.contracts,
      amount: 990_000,
      vendorCount: 50,
      concurrency,
    });
    const [hot] = await approvedContracts(base, users, { count: 1, amount: HOT_CONTRACT_AMOUNT });
    await invoiceable(base, users, [spread.at(-1), hot]);

    const pgbench = await pgbenchTps(system.databaseUrl, {
      seconds: SETTINGS.pgbenchSeconds,
      clients: concurrency,
    });
    const stopSampling = sampleRss(servicesOf(system));
    const spreadIntake = await intake(
      base,
      users.procurement,
      spread,
      SETTINGS.spreadInvoices,
      concurrency,
      'S',
    );
    const hotIntake = await intake(
      base,
      users.procurement,
      [hot],
      SETTINGS.hotInvoices,
      concurrency,
      'H',
    );
    const db = await counter(system);
    const hotInvoiced = await db.count(
      `SELECT invoiced_total AS n FROM invoice.approved_contracts WHERE contract_id = $1`,
      [hot.id],
    );
    await db.end();
    const hotFits = Math.floor((HOT_CONTRACT_AMOUNT - INVOICE_TOTAL) / INVOICE_TOTAL); // after the warm-up

    const ordered = (
      await api(base, users.procurement, 'GET', '/api/invoices?status=received')
    ).slice(0, SETTINGS.visibilitySamples);
    const visibility = await orderToPayment(base, users, ordered);
    const burst =
      SETTINGS.burst > 0
        ? await monthEnd(system, users, spread, SETTINGS.burst, concurrency)
        : undefined;
    const pdf = await vouchers(
      base,
      users,
      [...(burst?.invoiceIds ?? []), ...ordered.map((invoice) => invoice.id)],
      SETTINGS.pdfs,
    );
    const underLoad = stopSampling();
    return {
      mode,
      coldStartMs,
      pgbench,
      intakeSpread: {
        ...spreadIntake,
        contracts: spread.length,
        shareOfPgbench: spreadIntake.perSecond / pgbench.tps,
      },
      intakeHot: {
        ...hotIntake,
        shareOfPgbench: hotIntake.perSecond / pgbench.tps,
        contractAmount: HOT_CONTRACT_AMOUNT,
        invoicedTotal: hotInvoiced,
        neverOver:
          hotInvoiced <= HOT_CONTRACT_AMOUNT &&
          hotIntake.accepted === Math.min(hotFits, SETTINGS.hotInvoices),
      },
      orderToPaymentVisible: visibility,
      pdfVouchers: pdf,
      // The month-end's figures, not its 10,000 invoice ids.
      monthEnd: burst && { ...burst, invoiceIds: undefined },
      memory: { idle, peakUnderLoadMiB: underLoad, afterLoad: memoryNow(system) },
    };
  });
}

/** Intake spread over the contracts with `instances` of each service behind the portal. */
export async function benchInstances(instances) {
  return withSystem('embedded', { instances }, async (system) => {
    const base = system.portalUrl;
    const users = await signIn(base);
    const contracts = await approvedContracts(base, users, {
      count: Math.min(SETTINGS.contracts, 200),
      amount: 990_000,
      vendorCount: 20,
      concurrency: SETTINGS.concurrency,
    });
    await invoiceable(base, users, [contracts.at(-1)]);
    const pgbench = await pgbenchTps(system.databaseUrl, {
      seconds: SETTINGS.pgbenchSeconds,
      clients: SETTINGS.concurrency,
    });
    const load = await intake(
      base,
      users.procurement,
      contracts,
      SETTINGS.spreadInvoices,
      SETTINGS.concurrency,
      'I',
    );
    return {
      instances,
      pgbench,
      intakeSpread: { ...load, shareOfPgbench: load.perSecond / pgbench.tps },
    };
  });
}
