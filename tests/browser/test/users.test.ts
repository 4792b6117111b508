import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  auditScreen,
  describeFindings,
  launchBrowser,
  newContext,
  signIn,
  signOut,
} from './support/browser';

// Staff are people: an administrator registers a 課長 with a name and title, who signs in, sees
// their name in the header and changes the initial password; the administrator disables them.
describe('users: registration by an administrator and the password change', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const username = `k.yamaguchi${Date.now().toString(36)}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(() => browser?.close());

  it('lists the demo users with their names, titles and ranks', async () => {
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    const row = page.getByRole('row', { name: /approver4/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('渡辺 隆');
    expect(await row.textContent()).toContain('市長');
    // The header names the administrator by name and title, not by username.
    expect(await page.locator('.app-user__name').textContent()).toBe(
      '松本 亮（情報政策課主査・システム管理者）',
    );
    const audit = await auditScreen(page, 'admin-users');
    expect(describeFindings(audit.serious)).toBe('');
  });

  it('registers an approver, asking for the rank only once the approver role is chosen', async () => {
    await page.getByRole('link', { name: '利用者を登録' }).first().click();
    await page.getByRole('heading', { name: '利用者の登録', level: 1 }).waitFor();
    await page.getByLabel(/^氏名/).fill('山口 啓介');
    await page.getByLabel(/^職名/).fill('土木課長');
    await page.getByLabel(/^ユーザー名/).fill(username);
    expect(await page.getByRole('button', { name: /職位/ }).count()).toBe(0);
    await page.getByText('決裁者', { exact: true }).click();
    await page.getByLabel(/^初期パスワード/).fill('first-pass-1');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('決裁者には職位が必要です').waitFor();
    const audit = await auditScreen(page, 'admin-user-new');
    expect(describeFindings(audit.serious)).toBe('');

    await page.getByRole('button', { name: /職位/ }).click();
    await page.getByRole('option', { name: '課長' }).click();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await page.getByText(`山口 啓介（${username}）を登録しました。`).waitFor();
  });

  it('lets the new user sign in and change the initial password', async () => {
    await signOut(page);
    await signIn(page, username, 'first-pass-1');
    expect(await page.locator('.app-user__name').textContent()).toBe(
      '山口 啓介（土木課長・決裁者）',
    );
    await page.getByRole('link', { name: 'パスワードの変更' }).click();
    await page.getByRole('heading', { name: 'パスワードの変更', level: 1 }).waitFor();
    await page.getByLabel(/^現在のパスワード/).fill('not-the-password');
    await page.getByLabel(/^新しいパスワード(?!（)/).fill('a-longer-secret');
    await page.getByLabel(/^新しいパスワード（確認）/).fill('a-longer-secret');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByText('現在のパスワードが違います').waitFor();
    const audit = await auditScreen(page, 'account-password');
    expect(describeFindings(audit.serious)).toBe('');

    await page.getByLabel(/^現在のパスワード/).fill('first-pass-1');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByText('パスワードを変更しました。').waitFor();
    await signOut(page);
    await signIn(page, username, 'a-longer-secret');
    await signOut(page);
  });

  it('disables the user, who can then no longer sign in', async () => {
    await signIn(page, 'admin');
    await page.goto(`/admin/users?q=${username}`);
    await page.getByRole('row', { name: new RegExp(username) }).waitFor();
    await page.getByRole('button', { name: '無効にする' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '無効にする' }).click();
    await page.getByText('山口 啓介（土木課長） を無効にしました。').waitFor();
    await signOut(page);

    await page.getByLabel(/^ユーザー名/).fill(username);
    await page.getByLabel(/^パスワード/).fill('a-longer-secret');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByText('ユーザー名またはパスワードが違います。').waitFor();
  });
});
