import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  auditScreen,
  describeFindings,
  launchBrowser,
  newContext,
  signIn,
  signOut,
} from './support/browser';

// The first thing anyone sees: served by the portal, in Japanese, accessible, and CSP-clean.
describe('sign-in page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    // A CSP violation or a script error shows up here (the portal's CSP is strict).
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  afterAll(() => browser?.close());

  it('sends a visitor without a session to the sign-in form, in Japanese', async () => {
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.getByLabel(/^ユーザー名/).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel(/^パスワード/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'ログイン' }).isVisible()).resolves.toBe(true);
    expect(await page.title()).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it('has no serious or critical axe violations', async () => {
    const audit = await auditScreen(page, 'sign-in');
    expect(describeFindings(audit.serious)).toBe('');
  });

  it('says plainly when the password is wrong', async () => {
    await page.getByLabel(/^ユーザー名/).fill('procurement');
    await page.getByLabel(/^パスワード/).fill('wrong-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByText('ユーザー名またはパスワードが違います。').waitFor();
    expect(page.url()).toContain('/login');
  });

  it('signs in, comes back to the page asked for, and signs out', async () => {
    await page.goto('/payments');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/payments');
    await signIn(page, 'accountant');
    expect(new URL(page.url()).pathname).toBe('/payments');
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'denpyo_session');
    expect(session).toEqual(
      expect.objectContaining({ httpOnly: true, secure: true, sameSite: 'Strict' }),
    );
    // The session is a cookie the page's script cannot read, never a token in storage.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toMatch(/eyJ/);
    await signOut(page);
    expect((await context.cookies()).find((c) => c.name === 'denpyo_session')).toBeUndefined();
  });

  it('loaded without script errors or CSP violations', () => {
    // The wrong-password attempt logs a 401 resource error in Chromium; that one is expected.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
  });
});
