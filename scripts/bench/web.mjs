// The web application's figures (BENCH_MODES=web): in headless Debian Chromium through
// playwright-core, the gzipped JavaScript of the first screen, navigation → sign-in form and
// sign-in → home page, and a list of 10,000 payments paged and filtered (the longest main-thread
// task and the slowest input, so a frozen page shows).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSystem } from '../system.mjs';
import { api, percentile, until } from './client.mjs';
import { approvedContracts, invoiceBody, signIn } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const WEB_PAYMENTS = Number(process.env.BENCH_WEB_PAYMENTS ?? 10_000);
const WEB_SAMPLES = Number(process.env.BENCH_WEB_SAMPLES ?? 5);
const ms = (value) => `${value.toFixed(1)} ms`;

/** Bytes the portal sends for one asset with Accept-Encoding: gzip (as on the wire, not decoded). */
function gzippedSize(url) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        // Counted gzipped either way; the portal leaves files under 1 KB as they are (not worth it).
        const compressed = response.headers['content-encoding'] === 'gzip';
        resolve({ bytes: compressed ? body.length : gzipSync(body).length, compressed, raw: body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (values) => percentile(values, 50);
const seconds = (value) => `${(value / 1000).toFixed(2)} s`;

/** Records long main-thread tasks and slow inputs in the page (Long Tasks and Event Timing APIs). */
function observeMainThread() {
  const state = { longTasks: [], events: [] };
  Object.defineProperty(globalThis, '__bench', { value: state });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      state.events.push({
        name: entry.name,
        duration: entry.duration,
        delay: entry.processingStart - entry.startTime,
      });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

async function signInThroughForm(page, username) {
  await page.getByLabel(/^ユーザー名/).fill(username);
  await page.getByLabel(/^パスワード/).fill('demo');
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** The home page is there when its work queue shows its counts. */
async function homeShown(page) {
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { name: 'あなたの作業' }).waitFor();
  await page
    .getByText(/^\d[\d,]*件$/)
    .first()
    .waitFor();
}

export async function benchWeb() {
  const { chromium } = require('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'denpyo-bench-web-'));
  chmodSync(dataDir, 0o755);
  const system = await startSystem({
    dataDir,
    embeddedPgPort: 5498,
    portalPort: 3200,
    servicePorts: { contract: 3201, invoice: 3202, payment: 3203 },
    logLevel: 'warn',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    const base = system.portalUrl;
    const fresh = () =>
      browser.newContext({
        baseURL: base,
        locale: 'ja-JP',
        viewport: { width: 1280, height: 900 },
      });

    // JavaScript of the first screen: every script the sign-in page loads, as the portal gzips it.
    const first = await fresh();
    const firstPage = await first.newPage();
    const scripts = new Set();
    firstPage.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.add(request.url());
    });
    await firstPage.goto('/');
    await firstPage.getByLabel(/^ユーザー名/).waitFor();
    await firstPage.waitForLoadState('networkidle');
    const sizes = await Promise.all([...scripts].map(gzippedSize));
    const jsBytes = sizes.reduce((sum, size) => sum + size.bytes, 0);
    const uncompressed = sizes.filter((size) => !size.compressed && size.raw.length >= 1024).length;
    await first.close();

    // Navigation → sign-in form, then sign-in → home, each in a new profile (empty cache).
    const toForm = [];
    const toHome = [];
    // One more round than counted: the first after start-up warms the portal and the services.
    for (let i = -1; i < WEB_SAMPLES; i++) {
      const context = await fresh();
      const page = await context.newPage();
      let t0 = performance.now();
      await page.goto('/', { waitUntil: 'commit' });
      await page.getByLabel(/^ユーザー名/).waitFor();
      const formShown = performance.now() - t0;
      t0 = performance.now();
      await signInThroughForm(page, i % 2 === 0 ? 'accountant' : 'procurement');
      await homeShown(page);
      if (i >= 0) {
        toForm.push(formShown);
        toHome.push(performance.now() - t0);
      }
      await context.close();
    }

    // 10,000 payments: one made the ordinary way, the rest copied from it in SQL (through the API
    // that would be 10,000 invoices, inspections and orders: minutes of setup for one figure).
    const users = await signIn(base);
    const { accountant } = users;
    const [contract] = await approvedContracts(base, users, { count: 1, amount: 900_000 });
    const invoice = await until(async () => {
      const response = await fetch(`${base}/api/invoices`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${users.procurement}`,
        },
        body: JSON.stringify(invoiceBody(contract.id, 'web-0')),
      });
      return response.status === 201 ? response.json() : undefined;
    });
    await api(base, users.procurement2, 'POST', `/api/invoices/${invoice.id}/inspect`);
    await api(base, accountant, 'POST', `/api/invoices/${invoice.id}/approve`);
    const [template] = await until(async () => {
      const payments = await api(base, accountant, 'GET', `/api/payments?invoiceId=${invoice.id}`);
      return payments.length > 0 ? payments : undefined;
    });
    const { Client } = require('pg');
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      // Copies of the template row with every other column as it is (whatever columns later
      // versions add); due dates spread over four months around today, so some are overdue.
      await db.query(
        `INSERT INTO payment.payments
         SELECT (jsonb_populate_record(p, jsonb_build_object(
                  'id', gen_random_uuid(), 'invoice_id', gen_random_uuid(),
                  'invoice_number', 'WEB-' || lpad(n::text, 5, '0'), 'amount', p.amount + n,
                  'net_amount', p.net_amount + n,
                  'due_date', current_date + (n % 120) - 30, 'created_at', now()))).*
           FROM payment.payments p, generate_series(1, $2::int - 1) AS n
          WHERE p.id = $1`,
        [template.id, WEB_PAYMENTS],
      );
    } finally {
      await db.end();
    }

    const context = await fresh();
    await context.addInitScript(observeMainThread);
    const page = await context.newPage();
    await page.goto('/login');
    await signInThroughForm(page, 'accountant');
    await homeShown(page);
    // The list's count line: 全10000件中 51〜100件 (the figure with or without separators).
    const count = (from, to, total = WEB_PAYMENTS) =>
      page
        .getByText(
          new RegExp(`^全(${total}|${total.toLocaleString('en-US')})件中 ${from}〜${to}件$`),
        )
        .first()
        .waitFor();
    let t0 = performance.now();
    await page.goto('/payments');
    await count(1, 50);
    const listShown = performance.now() - t0;
    t0 = performance.now();
    await page.getByRole('button', { name: '次へ' }).click();
    await count(51, 100);
    const nextPage = performance.now() - t0;
    t0 = performance.now();
    await page.getByLabel('表示件数').selectOption('200');
    await count(1, 200);
    const page200 = performance.now() - t0;
    t0 = performance.now();
    // WEB-09990 … WEB-09999: ten of the ten thousand.
    await page.getByLabel(/^請求書番号/).fill('WEB-0999');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await count(1, 10, 10);
    const filtered = performance.now() - t0;
    const mainThread = await page.evaluate(() => globalThis.__bench);
    await context.close();

    const longestTask = Math.max(0, ...mainThread.longTasks);
    const slowestInput = mainThread.events.reduce(
      (worst, event) => (event.duration > worst.duration ? event : worst),
      { name: 'none', duration: 0, delay: 0 },
    );
    return {
      firstScreenJs: `${(jsBytes / 1024).toFixed(1)} KB gzipped in ${scripts.size} files (goal ≤ 250 KB)${uncompressed ? `; ${uncompressed} files of 1 KB or more NOT compressed by the portal` : ''}`,
      navigationToSignInForm: `median ${seconds(median(toForm))}, worst ${seconds(Math.max(...toForm))} (goal ≤ 1 s; ${WEB_SAMPLES} empty-cache loads)`,
      signInToHome: `median ${seconds(median(toHome))}, worst ${seconds(Math.max(...toHome))} (goal ≤ 1 s; until the work-queue counts show)`,
      paymentList: `${WEB_PAYMENTS.toLocaleString('en-US')} payments: first page of 50 ${ms(listShown)}, next page ${ms(nextPage)}, 200 a page ${ms(page200)}, filtered by invoice number ${ms(filtered)}; longest main-thread task ${ms(longestTask)}, slowest input ${ms(slowestInput.duration)} (${slowestInput.name}, of which input delay ${ms(slowestInput.delay)}) (goal: no task or input ≥ 200 ms, i.e. the page never freezes)`,
    };
  } finally {
    await browser.close();
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
