#!/usr/bin/env node
// `npm run bench`: first figures on this machine, for the embedded mode (PostgreSQL event log)
// and the Kafka mode. Not a test: it prints numbers for the README and for later targets.
//   invoice intake through the portal (requests/s, p50/p99 at a fixed concurrency; all against
//   one contract, the worst case: every request updates the same remaining-amount row),
//   payment order commit → payment visible (p50/p99), PDF vouchers per second,
//   Zengin file of 10,000 transfers, resident memory of each service.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaDown, kafkaUp } from '../infra/kafka/kafka.mjs';
import { startSystem } from './system.mjs';

const require = createRequire(import.meta.url);
const INTAKE_REQUESTS = Number(process.env.BENCH_INVOICES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const VISIBILITY_SAMPLES = Number(process.env.BENCH_VISIBILITY ?? 40);
const PDF_REQUESTS = Number(process.env.BENCH_PDFS ?? 200);
const modes = (process.env.BENCH_MODES ?? 'embedded,kafka').split(',');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value) => `${value.toFixed(1)} ms`;

async function api(base, token, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function until(check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function login(base, username) {
  return (await api(base, undefined, 'POST', '/api/auth/login', { username, password: 'demo' }))
    .token;
}

async function benchMode(mode) {
  const dataDir = mkdtempSync(join(tmpdir(), `denpyo-bench-${mode}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  let startedKafka = false;
  if (mode === 'kafka' && !kafkaBrokers) {
    const broker = await kafkaUp({});
    kafkaBrokers = broker.bootstrap;
    startedKafka = broker.started;
  }
  if (mode !== 'kafka') kafkaBrokers = undefined;
  const system = await startSystem({
    dataDir,
    kafkaBrokers,
    embeddedPgPort: 5499,
    portalPort: 3100,
    servicePorts: { contract: 3101, invoice: 3102, payment: 3103 },
    logLevel: 'warn',
  });
  try {
    const base = system.portalUrl;
    const [procurement, approver, approver2, accountant] = await Promise.all(
      ['procurement', 'approver', 'approver2', 'accountant'].map((u) => login(base, u)),
    );
    const vendor = await api(base, procurement, 'POST', '/api/vendors', {
      name: '株式会社ベンチ',
      nameKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔﾍﾞﾝﾁ',
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: '1234567',
        holderKana: 'ｶ)ﾍﾞﾝﾁ',
      },
    });
    const fiscalYear = 2026;
    await api(base, accountant, 'POST', '/api/budgets', {
      fiscalYear,
      code: '01.01.01.01',
      name: 'ベンチ予算',
      amount: 9_000_000_000_000,
    });
    const contract = await api(base, procurement, 'POST', '/api/contracts', {
      vendorId: vendor.id,
      title: 'ベンチマーク契約',
      budgetCode: '01.01.01.01',
      fiscalYear,
      amount: 8_000_000_000_000,
      taxRate: 10,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
    });
    await api(base, procurement, 'POST', `/api/contracts/${contract.id}/submit`);
    await api(base, approver, 'POST', `/api/contracts/${contract.id}/approve`, {});
    await api(base, approver2, 'POST', `/api/contracts/${contract.id}/approve`, {});
    const invoiceBody = (n) => ({
      contractId: contract.id,
      invoiceNumber: `B-${n}`,
      issueDate: '2026-11-20',
      registrationNumber: 'T7000012050002',
      lines: [
        { description: '作業', amount: 100_000, taxRate: 10 },
        { description: '資料', amount: 2_000, taxRate: 8 },
      ],
    });
    await until(() =>
      fetch(`${base}/api/invoices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${procurement}` },
        body: JSON.stringify(invoiceBody('warmup')),
      }).then((r) => r.status === 201),
    );

    const latencies = [];
    const intakeStart = performance.now();
    await pool(INTAKE_REQUESTS, CONCURRENCY, async (n) => {
      const t0 = performance.now();
      await api(base, procurement, 'POST', '/api/invoices', invoiceBody(n));
      latencies.push(performance.now() - t0);
    });
    const intakeSeconds = (performance.now() - intakeStart) / 1000;

    const invoices = await api(
      base,
      procurement,
      'GET',
      `/api/invoices?contractId=${contract.id}&status=received`,
    );
    const visibility = [];
    const approved = invoices.slice(0, VISIBILITY_SAMPLES);
    for (const invoice of approved) {
      await api(base, procurement, 'POST', `/api/invoices/${invoice.id}/inspect`);
      const t0 = performance.now();
      await api(base, accountant, 'POST', `/api/invoices/${invoice.id}/approve`);
      await until(
        async () =>
          (await api(base, accountant, 'GET', `/api/payments?invoiceId=${invoice.id}`)).length > 0,
      );
      visibility.push(performance.now() - t0);
    }

    // 支出命令書 exist once the payment order is issued, so the approved invoices are printed.
    const pdfStart = performance.now();
    await pool(PDF_REQUESTS, 4, async (n) => {
      const response = await fetch(
        `${base}/api/invoices/${approved[n % approved.length].id}/voucher.pdf`,
        { headers: { authorization: `Bearer ${accountant}` } },
      );
      if (!response.ok) throw new Error(`voucher → ${response.status}`);
      await response.arrayBuffer();
    });
    const pdfPerSecond = PDF_REQUESTS / ((performance.now() - pdfStart) / 1000);

    const rss = Object.fromEntries(
      system.processes.map(({ name, child }) => {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return [name, `${Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024)} MiB`];
      }),
    );
    return {
      mode,
      intake: `${(INTAKE_REQUESTS / intakeSeconds).toFixed(0)} req/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (${INTAKE_REQUESTS} invoices, concurrency ${CONCURRENCY})`,
      orderToPaymentVisible: `p50 ${ms(percentile(visibility, 50))}, p99 ${ms(percentile(visibility, 99))} (${visibility.length} samples)`,
      pdfVouchers: `${pdfPerSecond.toFixed(0)} per second through the portal (concurrency 4)`,
      rss,
    };
  } finally {
    await system.stop();
    if (startedKafka) await kafkaDown({});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function benchZengin() {
  const { writeZenginTransferFile } = require('../packages/jp/dist/index.js');
  const transfers = Array.from({ length: 10_000 }, (_, i) => ({
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber: String(1_000_000 + i),
    holderKana: 'ﾃｽﾄ ﾀﾛｳ',
    amount: 10_000 + i,
  }));
  const input = {
    requester: {
      code: '1234567890',
      nameKana: 'ﾃﾞﾝﾋﾟﾖｳｼ',
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '7654321',
    },
    transferDate: '2026-11-30',
    transfers,
  };
  writeZenginTransferFile(input); // loads the bank data once, as a running service has
  const t0 = performance.now();
  const file = writeZenginTransferFile(input);
  return `${ms(performance.now() - t0)} for 10,000 transfers (${(file.length / 1024).toFixed(0)} KiB)`;
}

const results = [];
for (const mode of modes) {
  process.stderr.write(`benchmarking ${mode} mode…\n`);
  results.push(await benchMode(mode));
}
const report = {
  machine: `${(await import('node:os')).cpus().length} cores`,
  zengin: benchZengin(),
  modes: results,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
