import type { Page } from 'playwright-core';
import { ApiUser } from './support/api';
import {
  auditScreen,
  choose,
  confirmStep,
  describeFindings,
  field,
  pick,
  toast,
  type AxeFinding,
} from './support/browser';
import { browserFlow, expectNoSeriousFindings } from './support/flow';

// Procurement, approvals and the vendor portal, v2, at their screens: a lecturer registered as
// an individual without a T-number (免税事業者), their bank account changed under four eyes, a
// ¥12,000,000 contract approved along its route 課長 → 部長 → 副市長 (a 係長 may not sign), a
// multi-year contract with its schedule per fiscal year (債務負担行為), a paper invoice entered 税込
// with its stated tax and a fee subject to 源泉徴収, inspected by a second person, and the vendor
// seeing its account change and its invoice in the portal. The system runs on the date the global
// setup pins (2027-06-01), so the contracts are of fiscal year 2027 (a year still open). Budget
// lines and a 係長-rank approver are seeded through the API; everything else is done on screens.

const FISCAL_YEAR = 2027;
// The browser test files share one running system: each keeps to its own 款 of the budget.
const BUDGET = { code: '05.01.01.08', name: '報償費' };
const VENDOR = '山田 花子';
const VENDOR_USER = 'yamada-hanako';
const VENDOR_PASSWORD = 'vendor-password-1';
/** What the vendor chooses at the first sign-in instead of the password procurement gave. */
const VENDOR_OWN_PASSWORD = 'yamada-own-secret';
const KAKARICHO = { username: 'kakari', displayName: '森 一郎', title: '契約係長' };
const CONTRACT_TITLE = '市民大学講座講師業務';
const MULTI_YEAR_TITLE = '市民大学講座運営支援業務（複数年）';
const INVOICE_NUMBER = 'YH-2027-05';

async function seed(): Promise<void> {
  const [accountant, admin] = await Promise.all(
    ['accountant', 'admin'].map((name) => ApiUser.signIn(name)),
  );
  for (const fiscalYear of [FISCAL_YEAR, FISCAL_YEAR + 1, FISCAL_YEAR + 2])
    await accountant.call('POST', '/api/budgets', {
      fiscalYear,
      code: BUDGET.code,
      name: BUDGET.name,
      amount: 50_000_000,
    });
  await admin.call('POST', '/api/users', {
    ...KAKARICHO,
    password: 'kakari-given-1',
    roles: ['approver'],
    rank: 'kakaricho',
  });
  // The administrator chose that password: the 係長 replaces it at the first sign-in.
  await ApiUser.signInFirstTime(KAKARICHO.username, 'kakari-given-1', 'kakari-password-1');
}

/** A section of a screen, by its heading (the design system's sections are not named regions). */
function section(page: Page, title: string) {
  return page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .last();
}

describe('procurement, approvals and the vendor portal, v2', () => {
  const { as, step, signedIn } = browserFlow('v2-procurement-');
  const urls: Record<string, string> = {};
  let documentNumber = '';

  async function audited(page: Page, name: string) {
    // The earlier steps' notices are closed first, so the screenshot shows the screen alone.
    for (const close of await page.getByRole('button', { name: '通知を閉じる' }).all())
      await close.click().catch(() => undefined);
    // From the top: a full-page shot of a scrolled page draws the sticky header over the content.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoSeriousFindings(page, name);
  }

  /** The page's URL without the origin: a link a colleague would send. */
  const pathOf = (page: Page) => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };

  beforeAll(seed, 120_000);

  step('procurement registers an individual without a T-number (免税事業者)', async () => {
    const page = await as('procurement');
    await page.getByRole('link', { name: '事業者', exact: true }).click();
    await page.getByRole('link', { name: '事業者を登録' }).first().click();
    await page.getByRole('heading', { name: '事業者の登録', level: 1 }).waitFor();
    await choose(page, '区分', '個人');
    await page.getByLabel(field('名称')).fill(VENDOR);
    await page.getByLabel(field('名称（カナ）')).fill('ヤマダハナコ');
    await pick(page, '銀行', '0001', '0001 ');
    await pick(page, '支店', '001', '001 ');
    await page.getByLabel(field('口座番号')).fill('1112223');
    await page.getByLabel(field('口座名義（カナ）')).fill('ヤマダ ハナコ');
    await page.getByText('ﾔﾏﾀﾞ ﾊﾅｺ').waitFor();
    await audited(page, 'v2-vendor-new');
    await page.getByRole('button', { name: '登録する' }).click();
    await toast(page, `事業者「${VENDOR}」を登録しました。`);
    await page.getByRole('heading', { name: VENDOR, level: 1 }).waitFor();
    urls.vendor = pathOf(page);
    const basic = section(page, '基本情報');
    await basic.getByText('個人', { exact: true }).waitFor();
    await basic.getByText(/^なし（免税事業者/).waitFor();

    await page.getByLabel(field('ユーザー名')).fill(VENDOR_USER);
    await page.getByLabel(field('初期パスワード')).fill(VENDOR_PASSWORD);
    await page.getByRole('button', { name: '利用者を作成' }).click();
    await toast(page, `利用者「${VENDOR_USER}」を作成しました。`);
  });

  step('procurement requests a bank account change; the requester may not approve it', async () => {
    const page = await as('procurement');
    await page.getByRole('button', { name: '口座変更を申請' }).click();
    const dialog = page.getByRole('dialog', { name: '口座変更を申請' });
    await dialog.waitFor();
    await pick(page, '銀行', '0009', '0009 ');
    await pick(page, '支店', '0', /^0\d\d /);
    await dialog.getByLabel(field('口座番号')).fill('7654321');
    await dialog.getByLabel(field('口座名義（カナ）')).fill('ヤマダ ハナコ');
    await dialog
      .getByLabel(field('変更の理由'))
      .fill('事業者からの口座変更届（令和9年5月20日受付）');
    await audited(page, 'v2-bank-change-request');
    await dialog.getByRole('button', { name: '申請する' }).click();
    await toast(page, '口座変更を申請しました。別の担当者の承認で反映されます。');
    await page.getByRole('heading', { name: '承認待ちの口座変更' }).waitFor();
    expect(await page.getByRole('button', { name: '変更を承認' }).isDisabled()).toBe(true);
    await page.getByText(/^あなたが申請した変更のため、承認・却下はできません。/).waitFor();
    await audited(page, 'v2-vendor-bank-pending');
  });

  step('procurement2 approves the change, and the history names both people', async () => {
    const page = await as('procurement2');
    await page.goto(urls.vendor!);
    await page.getByRole('heading', { name: '承認待ちの口座変更' }).waitFor();
    await confirmStep(page, page.getByRole('button', { name: '変更を承認' }), '変更を承認');
    await toast(page, '口座変更を承認しました。');
    const history = section(page, '口座変更の履歴');
    await history.getByText('承認済').waitFor();
    await history.getByText('佐藤 健一（契約課主事）').waitFor();
    await history.getByText('鈴木 美咲（契約課主任）').waitFor();
    await section(page, '振込先口座').getByText('7654321').waitFor();
    await audited(page, 'v2-vendor-detail');
  });

  step('procurement drafts a ¥12,000,000 contract: its route is 課長 → 部長 → 副市長', async () => {
    const page = await as('procurement');
    await page.goto(urls.vendor!);
    await page.getByRole('link', { name: 'この事業者と契約を起案' }).click();
    await page.getByRole('heading', { name: '契約の起案', level: 1 }).waitFor();
    await page.getByLabel(field('件名')).fill(CONTRACT_TITLE);
    await choose(page, '契約方法', '随意契約');
    await pick(page, '予算科目（款.項.目.節）', BUDGET.code, `${BUDGET.code} ${BUDGET.name}`);
    await page.getByLabel(field('契約金額（税込）')).fill('12000000');
    await page.getByText('決裁ルートの見込み（専決規程の既定）: 課長 → 部長 → 副市長').waitFor();
    await page.getByLabel(field('契約開始日')).fill(`${FISCAL_YEAR}-06-01`);
    await page.getByLabel(field('契約終了日')).fill(`${FISCAL_YEAR + 1}-03-31`);
    await audited(page, 'v2-contract-new');
    await page.getByRole('button', { name: '下書きを保存' }).click();
    const created = await toast(page, /^契約の下書き .+ を作成しました。$/);
    documentNumber = /^契約の下書き (.+) を作成しました。$/.exec(created)![1]!;
    await page.getByRole('heading', { name: CONTRACT_TITLE, level: 1 }).waitFor();
    urls.contract = pathOf(page);
    await confirmStep(page, page.getByRole('button', { name: '決裁に回す' }), '決裁に回す');
    await toast(page, `${documentNumber} を決裁に回しました。`);
    const route = page.getByRole('list', { name: '決裁欄' });
    for (const rank of ['課長', '部長', '副市長']) await route.getByText(rank).waitFor();
    await route.getByText('決裁待ち').waitFor();
    await audited(page, 'v2-contract-submitted');
  });

  step('a 係長 sees the approve button disabled, with the reason', async () => {
    const page = await as(KAKARICHO.username, 'kakari-password-1');
    await page.getByRole('link', { name: '決裁', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: documentNumber });
    await row.getByText('上位の職位が決裁').waitFor();
    await audited(page, 'v2-approvals');
    await row.getByRole('link', { name: documentNumber }).click();
    await page.getByRole('heading', { name: `決裁 ${documentNumber}`, level: 1 }).waitFor();
    urls.approval = pathOf(page);
    await page
      .getByText(
        '次の決裁は課長以上の職位が必要です。あなたの職位（係長）では承認・差戻しできません。',
      )
      .waitFor();
    expect(await page.getByRole('button', { name: '承認する' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '差し戻す' }).isDisabled()).toBe(true);
    await audited(page, 'v2-approval-rank-too-low');
  });

  step('the 課長, the 部長 and the 副市長 approve it in turn', async () => {
    const signers = [
      ['approver', '課長', `${documentNumber} を承認しました。`],
      ['approver2', '部長', `${documentNumber} を承認しました。`],
      ['approver3', '副市長', `${documentNumber} の決裁が完了しました。`],
    ] as const;
    for (const [approver, rank, done] of signers) {
      const page = await as(approver);
      await page.getByRole('link', { name: '決裁', exact: true }).click();
      await page.getByRole('link', { name: documentNumber }).click();
      await page.getByRole('heading', { name: `決裁 ${documentNumber}`, level: 1 }).waitFor();
      await page.getByText(`あなたの職位で、次の${rank}の決裁欄に承認できます。`).waitFor();
      if (approver === 'approver2') await audited(page, 'v2-approval');
      await confirmStep(page, page.getByRole('button', { name: '承認する' }), '承認する');
      await toast(page, done);
    }
    const page = await as('approver3');
    await page.getByText('決裁が完了しています。').waitFor();
    // Each box holds its signer's name and title, never the username.
    const route = page.getByRole('list', { name: '決裁欄' });
    for (const name of ['高橋 誠', '田中 浩二', '伊藤 雅子']) await route.getByText(name).waitFor();
    expect(await route.getByText('approver', { exact: false }).count()).toBe(0);
    await audited(page, 'v2-approval-complete');
  });

  step('a contract over two March 31sts carries its amount per fiscal year', async () => {
    const page = await as('procurement');
    await page.goto(urls.vendor!);
    await page.getByRole('link', { name: 'この事業者と契約を起案' }).click();
    await page.getByRole('heading', { name: '契約の起案', level: 1 }).waitFor();
    await page.getByLabel(field('件名')).fill(MULTI_YEAR_TITLE);
    await choose(page, '契約方法', '指名競争入札');
    await pick(page, '予算科目（款.項.目.節）', BUDGET.code, `${BUDGET.code} ${BUDGET.name}`);
    await page.getByLabel(field('契約金額（税込）')).fill('3600000');
    await page.getByLabel(field('契約開始日')).fill(`${FISCAL_YEAR}-10-01`);
    await page.getByLabel(field('契約終了日')).fill(`${FISCAL_YEAR + 2}-09-30`);
    const schedule = section(page, '年度ごとの支払予定額（債務負担行為）');
    await schedule.waitFor();
    await schedule.getByLabel(field('2027年度（令和9年度）')).fill('900000');
    await schedule.getByLabel(field('2028年度（令和10年度）')).fill('1800000');
    await schedule.getByText('合計が契約金額より ¥900,000 少なくなっています。').waitFor();
    await schedule.getByLabel(field('2029年度（令和11年度）')).fill('900000');
    await schedule.getByText('合計が契約金額と一致しています。').waitFor();
    await audited(page, 'v2-contract-new-multi-year');
    await page.getByRole('button', { name: '下書きを保存' }).click();
    await toast(page, /^契約の下書き .+ を作成しました。$/);
    await page.getByRole('heading', { name: MULTI_YEAR_TITLE, level: 1 }).waitFor();
    urls.multiYear = pathOf(page);
    const commitments = section(page, '年度ごとの支払予定額（債務負担行為）');
    const row = commitments.getByRole('row').filter({ hasText: '2028年度' });
    await row.getByText('¥1,800,000').waitFor();
    await audited(page, 'v2-contract-multi-year');
    await page.getByRole('link', { name: '下書きを修正' }).click();
    await page.getByLabel(field('2029年度（令和11年度）')).waitFor();
    await audited(page, 'v2-contract-edit');
  });

  step('a paper invoice entered 税込, its tax as stated and the lecture fee withheld', async () => {
    const page = await as('procurement');
    await page.getByRole('link', { name: '請求書の登録', exact: true }).click();
    await page.getByRole('heading', { name: '請求書の登録（紙）', level: 1 }).waitFor();
    await pick(page, '契約', documentNumber, new RegExp(`^${documentNumber} `));
    await page.getByLabel(field('請求書番号')).fill(INVOICE_NUMBER);
    await page.getByLabel(field('請求日（発行日）')).fill(`${FISCAL_YEAR}-05-25`);
    await page.getByLabel(field('受付日')).fill(`${FISCAL_YEAR}-05-28`);
    await choose(page, '明細の金額', '税込');
    // No T-number on a 免税事業者's claim: accepted, as not a qualified invoice.
    await page.getByText(/^登録番号の記載なし/).waitFor();
    const first = page.getByRole('listitem', { name: '明細 1' });
    await first.getByLabel(field('品名・内容')).fill('講演料（5月）');
    await first.getByLabel(field('金額（税込）')).fill('1100000');
    await first
      .getByRole('checkbox', { name: '源泉徴収の対象（報酬・料金）' })
      .check({ force: true });
    await page.getByRole('button', { name: '明細を追加' }).click();
    const second = page.getByRole('listitem', { name: '明細 2' });
    await second.getByLabel(field('品名・内容')).fill('交通費');
    await second.getByLabel(field('金額（税込）')).fill('22500');
    // 10/110 of ¥1,122,500 is ¥102,045.45…: the invoice states ¥102,046 (rounded up).
    const stated = page.getByLabel(field('10%の消費税額'));
    expect(await stated.inputValue()).toMatch(/^102,?045$/);
    await stated.fill('102046');
    const preview = page.locator('.tax-preview');
    await preview.getByText('¥1,122,500').first().waitFor();
    // 10.21% of ¥1,000,000 and 20.42% of ¥100,000 (所得税法 Art. 204): ¥122,520 withheld.
    await preview
      .getByRole('row', { name: /源泉徴収税額/ })
      .getByText(/122,520/)
      .waitFor();
    await preview
      .getByRole('row', { name: /差引支払額/ })
      .getByText('¥999,980')
      .waitFor();
    await audited(page, 'v2-invoice-new');
    await page.getByRole('button', { name: '請求書を登録' }).click();
    await toast(page, /^請求書 .+ を受け付けました（支払期限 .+）。$/);
    await page.getByRole('heading', { name: CONTRACT_TITLE, level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: INVOICE_NUMBER });
    await row.getByText('¥1,122,500').waitFor();
  });

  step('the registrant may not inspect it; procurement2 inspects it', async () => {
    const registrant = await as('procurement');
    await registrant.getByRole('link', { name: '検収', exact: true }).click();
    const row = registrant.getByRole('row').filter({ hasText: INVOICE_NUMBER });
    expect(await row.getByRole('button', { name: '検収する' }).isDisabled()).toBe(true);
    await row.getByText('あなたの登録のため検収不可').waitFor();
    await audited(registrant, 'v2-inspections');

    const page = await as('procurement2');
    await page.getByRole('link', { name: '検収', exact: true }).click();
    await page
      .getByRole('row')
      .filter({ hasText: INVOICE_NUMBER })
      .getByRole('link', { name: '内容を確認' })
      .click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '請求書' }).waitFor();
    urls.invoice = pathOf(page);
    await page.getByText('講演料（5月）').waitFor();
    await page
      .getByRole('row', { name: /源泉徴収税額/ })
      .getByText(/122,520/)
      .waitFor();
    await page
      .getByRole('row', { name: /差引支払額/ })
      .getByText('¥999,980')
      .waitFor();
    await audited(page, 'v2-invoice-detail');
    await confirmStep(page, page.getByRole('button', { name: '検収する' }), '検収する');
    await toast(page, /の検収を記録しました。$/);
  });

  step('the vendor must first replace the password procurement gave, and does', async () => {
    const page = await as(VENDOR_USER, VENDOR_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/account/password');
    await page.getByText('はじめにパスワードを変更してください').waitFor();
    // Nothing else opens meanwhile: the menu is empty and another screen comes back here.
    expect(await page.getByRole('navigation').getByRole('link').count()).toBe(0);
    await audited(page, 'v2-vendor-first-password');
    await page.goto('/vendor/invoices');
    await page.waitForURL((url) => url.pathname === '/account/password');
    await page.getByLabel(field('現在のパスワード')).fill(VENDOR_PASSWORD);
    await page.getByLabel(field('新しいパスワード')).fill(VENDOR_OWN_PASSWORD);
    await page.getByLabel(field('新しいパスワード（確認）')).fill(VENDOR_OWN_PASSWORD);
    await page.getByRole('button', { name: '変更する' }).click();
    await toast(page, 'パスワードを変更しました。');
    await page.waitForURL((url) => url.pathname === '/vendor');
  });

  step('the vendor sees its new account, the change and the invoice’s status', async () => {
    const page = await as(VENDOR_USER, VENDOR_OWN_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/vendor');
    await page.getByRole('row').filter({ hasText: documentNumber }).waitFor();
    const bank = section(page, 'お振込先の口座');
    await bank.getByText('7654321').first().waitFor();
    await bank.getByText('変更済').waitFor();
    const recent = section(page, '最近の請求書');
    await recent.getByRole('row').filter({ hasText: INVOICE_NUMBER }).getByText('検収済').waitFor();
    await audited(page, 'v2-vendor-home');
    await page.getByRole('link', { name: 'すべての請求書を見る' }).click();
    const row = page.getByRole('row').filter({ hasText: INVOICE_NUMBER });
    await row.getByText('検収済').waitFor();
    await row.getByText('¥999,980').waitFor();
    await audited(page, 'v2-vendor-invoices');
  });

  step('every screen at 1280 and 768 px', async () => {
    const screens: [user: string, password: string | undefined, name: string, path: string][] = [
      ['procurement', undefined, 'vendors', '/vendors'],
      ['procurement', undefined, 'vendor-new', '/vendors/new'],
      ['procurement', undefined, 'vendor-detail', urls.vendor!],
      ['procurement', undefined, 'contracts', '/contracts'],
      ['procurement', undefined, 'contract-new', '/contracts/new'],
      ['procurement', undefined, 'contract-detail', urls.contract!],
      ['procurement', undefined, 'contract-multi-year', urls.multiYear!],
      ['procurement', undefined, 'contract-edit', `${urls.multiYear!}/edit`],
      ['procurement', undefined, 'invoice-new', '/invoices/new'],
      ['procurement', undefined, 'inspections', '/inspections'],
      ['procurement', undefined, 'invoice-detail', urls.invoice!],
      ['approver', undefined, 'approvals', '/approvals?status=approved'],
      ['approver', undefined, 'approval', urls.approval!],
      [VENDOR_USER, VENDOR_OWN_PASSWORD, 'vendor-home', '/vendor'],
      [VENDOR_USER, VENDOR_OWN_PASSWORD, 'vendor-invoices', '/vendor/invoices'],
      [VENDOR_USER, VENDOR_OWN_PASSWORD, 'vendor-invoice-new', '/vendor/invoices/new'],
      [VENDOR_USER, VENDOR_OWN_PASSWORD, 'vendor-remittances', '/vendor/remittances'],
    ];
    const serious: string[] = [];
    for (const width of [1280, 768]) {
      const signedInAs = new Map<string, Page>();
      for (const [user, password, name, path] of screens) {
        let page = signedInAs.get(user);
        if (!page) {
          page = await signedIn(user, password, { width, height: 900 });
          signedInAs.set(user, page);
        }
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        const audit = await auditScreen(page, `v2-procurement-${name}-${width}`);
        if (audit.serious.length > 0)
          serious.push(
            `${name} at ${width}px:\n${describeFindings(audit.serious as AxeFinding[])}`,
          );
      }
    }
    expect(serious.join('\n')).toBe('');
  });
});
