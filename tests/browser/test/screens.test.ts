import { paymentDueDate } from '@denpyo/jp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiUser, fiscalYearOf, nextBankBusinessDay, today } from './support/api';
import {
  auditScreen,
  describeFindings,
  launchBrowser,
  newContext,
  signIn,
} from './support/browser';

// Every role's main screens, with records in every state so no screen is merely empty: each is
// checked with axe-core (no serious or critical violation) and photographed into
// .data/screenshots/<name>.png. The records are made through the API; the flow test does the
// same work through the screens.

interface Seeded {
  vendorId: string;
  vendorUser: string;
  draftId: string;
  submittedId: string;
  approvedId: string;
  draftBatchId: string;
  settledBatchId: string;
}

const VENDOR_PASSWORD = 'vendor-password-1';

async function seed(): Promise<Seeded> {
  // ApiUser.signIn waits and retries when the portal, hashing a few passwords per client at a
  // time, answers a burst of sign-ins 429.
  const [procurement, procurement2, approver, approver2, accountant, treasurer, treasurer2] =
    await Promise.all(
      [
        'procurement',
        'procurement2',
        'approver',
        'approver2',
        'accountant',
        'treasurer',
        'treasurer2',
      ].map((name) => ApiUser.signIn(name)),
    );
  const fiscalYear = fiscalYearOf(today());
  const budgetCode = '03.01.01.01';
  await accountant.call('POST', '/api/budgets', {
    fiscalYear,
    code: budgetCode,
    name: '施設修繕料',
    amount: 50_000_000,
  });
  const vendor = await procurement.call<{ id: string }>('POST', '/api/vendors', {
    name: '有限会社ミナト工務店',
    nameKana: 'ユウゲンガイシャミナトコウムテン',
    corporateNumber: '7000012050002',
    invoiceRegistrationNumber: 'T7000012050002',
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '7654321',
      holderKana: 'ﾕ)ﾐﾅﾄｺｳﾑﾃﾝ',
    },
  });
  const vendorUser = 'minato-koumuten';
  await procurement.call('POST', `/api/vendors/${vendor.id}/portal-users`, {
    username: vendorUser,
    password: `given-${VENDOR_PASSWORD}`,
  });
  // Procurement chose that password: the vendor replaces it at the first sign-in.
  await ApiUser.signInFirstTime(vendorUser, `given-${VENDOR_PASSWORD}`, VENDOR_PASSWORD);
  const contract = (title: string, amount: number) =>
    procurement.call<{ id: string }>('POST', '/api/contracts', {
      vendorId: vendor.id,
      title,
      budgetCode,
      fiscalYear,
      amount,
      taxRate: 10,
      kind: 'services',
      method: 'negotiated',
      startDate: `${fiscalYear}-04-01`,
      endDate: `${fiscalYear + 1}-03-31`,
    });
  const draft = await contract('公園遊具点検業務', 880_000);
  const submitted = await contract('市民会館空調更新工事', 12_100_000);
  await procurement.call('POST', `/api/contracts/${submitted.id}/submit`);
  const approved = await contract('道路照明修繕業務', 6_600_000);
  await procurement.call('POST', `/api/contracts/${approved.id}/submit`);
  await approver.call('POST', `/api/contracts/${approved.id}/approve`, { comment: '確認済' });
  await approver2.call('POST', `/api/contracts/${approved.id}/approve`, {});

  // Six invoices against the approved contract, left at each stage of the flow.
  const invoices: { id: string }[] = [];
  for (let n = 1; n <= 6; n++) {
    invoices.push(
      await procurement.postWhenReady('/api/invoices', {
        contractId: approved.id,
        invoiceNumber: `MK-2026-${String(n).padStart(3, '0')}`,
        issueDate: today(),
        registrationNumber: 'T7000012050002',
        lines: [
          { description: `照明修繕（第${n}回）`, amount: 100_000 * n, taxRate: 10 },
          { description: '報告書', amount: 2_000, taxRate: 8 },
        ],
      }),
    );
  }
  const [, inspected, ...ordered] = invoices; // the first stays 受付済 (to inspect)
  // Inspected by someone other than the one who registered them.
  for (const invoice of [inspected!, ...ordered])
    await procurement2.call('POST', `/api/invoices/${invoice.id}/inspect`);
  for (const invoice of ordered)
    await accountant.call('POST', `/api/invoices/${invoice.id}/approve`);
  const payments = await Promise.all(
    ordered.map((invoice) => waitForPayment(accountant, invoice.id)),
  );
  // The first ordered payment stays to be confirmed; the others are confirmed by the treasurer.
  for (const id of payments.slice(1))
    await treasurer.call('POST', `/api/payments/${id}/confirm`, {});
  // Today is the system's pinned business day: a batch can be settled on its transfer date.
  const transferDate = today();
  // One batch settled with one of its two payments returned by the bank (振込不能), one waiting
  // for the second treasurer.
  const settled = await treasurer.call<{ id: string }>('POST', '/api/transfer-batches', {
    transferDate,
    paymentIds: [payments[3]!, payments[1]!],
  });
  await treasurer2.call('POST', `/api/transfer-batches/${settled.id}/approve`);
  await treasurer.call('POST', `/api/transfer-batches/${settled.id}/settle`, {
    failures: [{ paymentId: payments[1]!, reason: '名義相違' }],
  });
  const draftBatch = await treasurer.call<{ id: string }>('POST', '/api/transfer-batches', {
    transferDate: nextBankBusinessDay(),
    paymentIds: [payments[2]!],
  });
  return {
    vendorId: vendor.id,
    vendorUser,
    draftId: draft.id,
    submittedId: submitted.id,
    approvedId: approved.id,
    draftBatchId: draftBatch.id,
    settledBatchId: settled.id,
  };
}

async function waitForPayment(accountant: ApiUser, invoiceId: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const payments = await accountant.call<{ id: string }[]>(
      'GET',
      `/api/payments?invoiceId=${invoiceId}`,
    );
    if (payments[0]) return payments[0].id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no payment for invoice ${invoiceId}`);
}

/** name → [user, path]; the path may use the seeded ids. */
type Screen = [name: string, user: string, path: (s: Seeded) => string];

const screens: Screen[] = [
  ['procurement-home', 'procurement', () => '/'],
  ['vendors', 'procurement', () => '/vendors'],
  ['vendor-new', 'procurement', () => '/vendors/new'],
  ['vendor-detail', 'procurement', (s) => `/vendors/${s.vendorId}`],
  ['contracts', 'procurement', () => '/contracts'],
  ['contract-new', 'procurement', () => '/contracts/new'],
  ['contract-draft', 'procurement', (s) => `/contracts/${s.draftId}`],
  ['contract-detail', 'procurement', (s) => `/contracts/${s.approvedId}`],
  ['invoice-new', 'procurement', () => '/invoices/new'],
  ['inspections', 'procurement', () => '/inspections'],
  ['approver-home', 'approver', () => '/'],
  ['approvals', 'approver', () => '/approvals'],
  ['approval', 'approver', (s) => `/approvals/${s.submittedId}`],
  ['accountant-home', 'accountant', () => '/'],
  ['budgets', 'accountant', () => '/budgets'],
  ['payment-orders', 'accountant', () => '/payment-orders'],
  ['payments', 'accountant', () => '/payments'],
  // The month the seeded payments fall due in (30 days after today's receipt).
  [
    'payments-calendar',
    'accountant',
    () => `/payments?view=calendar&month=${paymentDueDate(today()).slice(0, 7)}`,
  ],
  ['budget-transfers', 'accountant', () => '/budget-transfers'],
  ['treasurer-home', 'treasurer', () => '/'],
  ['payment-confirmations', 'treasurer', () => '/payment-confirmations'],
  ['payments-failed', 'treasurer', () => '/payments?status=failed'],
  ['transfer-batches', 'treasurer', () => '/transfer-batches'],
  ['transfer-batch-new', 'treasurer', () => '/transfer-batches/new'],
  ['transfer-batch-to-approve', 'treasurer2', (s) => `/transfer-batches/${s.draftBatchId}`],
  ['transfer-batch-settled', 'treasurer', (s) => `/transfer-batches/${s.settledBatchId}`],
  ['withholding', 'treasurer', () => '/withholding'],
  ['fiscal-years', 'treasurer', () => '/fiscal-years'],
  ['approver-budget-transfers', 'approver', () => '/budget-transfers'],
  ['audit', 'auditor', () => '/audit'],
  ['audit-document', 'auditor', (s) => `/audit/document?id=${s.approvedId}&kind=contract`],
  ['admin-users', 'admin', () => '/admin/users'],
  ['vendor-home', 'vendor', () => '/vendor'],
  ['vendor-invoices', 'vendor', () => '/vendor/invoices'],
  ['vendor-invoice-new', 'vendor', () => '/vendor/invoices/new'],
  ['vendor-remittance-history', 'vendor', () => '/vendor/remittances'],
];

/** The same screens a person uses on a 768 px tablet. */
const tabletScreens: Screen[] = [
  ['tablet-procurement-home', 'procurement', () => '/'],
  ['tablet-contract-detail', 'procurement', (s) => `/contracts/${s.approvedId}`],
  ['tablet-transfer-batch-new', 'treasurer', () => '/transfer-batches/new'],
  ['tablet-payment-confirmations', 'treasurer', () => '/payment-confirmations'],
  ['tablet-vendor-home', 'vendor', () => '/vendor'],
];

describe('every role’s screens', () => {
  let browser: Browser;
  let seeded: Seeded;
  const sessions = new Map<string, { context: BrowserContext; page: Page }>();

  async function pageOf(user: string, width: number): Promise<Page> {
    const key = `${user}@${width}`;
    const existing = sessions.get(key);
    if (existing) return existing.page;
    const context = await newContext(browser, { width, height: 900 });
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(
      page,
      user === 'vendor' ? seeded.vendorUser : user,
      user === 'vendor' ? VENDOR_PASSWORD : undefined,
    );
    sessions.set(key, { context, page });
    return page;
  }

  /** Opens the screen; auditScreen then waits for its data. */
  async function open(page: Page, path: string) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  beforeAll(async () => {
    seeded = await seed();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const { context } of sessions.values()) await context.close();
    await browser?.close();
  });

  it.each(screens)(
    '%s (%s) has no serious or critical axe violations',
    async (name, user, path) => {
      const page = await pageOf(user, 1280);
      await open(page, path(seeded));
      expect(new URL(page.url()).pathname).not.toBe('/login');
      const audit = await auditScreen(page, name);
      expect(describeFindings(audit.serious)).toBe('');
    },
  );

  it('audit (auditor) verifies the audit trails: 改ざんの検証 finds no tampering', async () => {
    const page = await pageOf('auditor', 1280);
    await open(page, '/audit');
    await page.getByRole('button', { name: '監査記録を検証する' }).click();
    await page.getByText('改ざんは見つかりませんでした').waitFor();
    const table = page.getByRole('table', { name: '記録ごとの検証結果' });
    for (const trail of ['契約', '請求書', '支払', 'ポータル']) {
      await expect(
        table.getByRole('row', { name: new RegExp(`^${trail} .*正常`) }).count(),
      ).resolves.toBe(1);
    }
    // Back to the top: a full-page photograph taken scrolled down shows the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    const audit = await auditScreen(page, 'audit-verified');
    expect(describeFindings(audit.serious)).toBe('');
  });

  it.each(tabletScreens)(
    '%s (%s) at 768 px has no serious or critical axe violations',
    async (name, user, path) => {
      const page = await pageOf(user, 768);
      await open(page, path(seeded));
      const audit = await auditScreen(page, name);
      expect(describeFindings(audit.serious)).toBe('');
      // Usable on a tablet: nothing wider than the screen forces the page to scroll sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    },
  );
});
