import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { chromiumPath, screenshotDir } from './paths';

/** The portal the global setup started (scripts/system.mjs on this run's database). */
export function baseUrl(): string {
  const url = process.env.DENPYO_BROWSER_URL;
  if (!url) throw new Error('DENPYO_BROWSER_URL is not set: run these tests through jest');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

/** A fresh browser profile (own cookies) at desktop width, Japanese locale and Tokyo time. */
export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
  });
  // Screens answer in well under a second; a step that waits longer has gone wrong.
  context.setDefaultTimeout(15_000);
  return context;
}

export const DEMO_PASSWORD = 'demo';

/**
 * Signs in through the sign-in page with the form's labelled fields; returns once the page has
 * left /login.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(/^ユーザー名/).fill(username);
  await page.getByLabel(/^パスワード/).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}
export interface ScreenAudit {
  name: string;
  url: string;
  serious: AxeFinding[];
  minor: AxeFinding[];
}

/**
 * axe-core on the page as it is (WCAG 2.x A and AA rules), and a full-page screenshot in
 * .data/screenshots/<name>.png, with the findings beside it in <name>.axe.json. Returns the serious and critical violations (the tests expect
 * none) and keeps the lesser ones for the record.
 */
export async function auditScreen(page: Page, name: string): Promise<ScreenAudit> {
  // The screen has its data: nothing more to fetch and no loading indicator left.
  await page.waitForLoadState('networkidle');
  await page.getByText('読み込み中…').first().waitFor({ state: 'hidden' });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // The PDF viewer inside the voucher <iframe> is Chromium's own UI, not ours.
    .exclude('iframe[src$=".pdf"]')
    .analyze();
  const findings = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
  const audit: ScreenAudit = {
    name,
    url: new URL(page.url()).pathname,
    serious: findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'),
    minor: findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical'),
  };
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  writeFileSync(join(screenshotDir, `${name}.axe.json`), `${JSON.stringify(audit, null, 2)}\n`);
  return audit;
}

/** A readable failure message: which rule, on which elements. */
export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map((f) => `${f.impact} ${f.id}: ${f.help}\n    ${f.targets.slice(0, 5).join('\n    ')}`)
    .join('\n');
}

/**
 * A form field's accessible name: its label, followed by the 必須 or 任意 tag the design
 * system's FormField adds. Use with getByLabel / getByRole(…, { name }).
 */
export function field(label: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)}\\s*(必須|任意)?$`);
}

/**
 * Types into a search-as-you-type combo box and picks the option whose text starts with `option`.
 * The options arrive from the API as the user types, and on a slow machine the list can be
 * redrawn under the click, which then does not take (the list stays open): click again, as a
 * person would.
 */
export async function pick(page: Page, label: string, search: string, option: string | RegExp) {
  const box = page.getByRole('combobox', { name: field(label) });
  await box.fill(search);
  const name = typeof option === 'string' ? new RegExp(`^${escapeRegExp(option)}`) : option;
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('option', { name }).first().click();
    const closed = await page
      .getByRole('listbox')
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (attempt === 3) throw new Error(`Could not pick ${String(option)} in ${label}`);
  }
}

/**
 * An irreversible step: clicks `opener`, waits for the confirmation dialog, lets `inDialog` fill
 * it (a comment, a reason), presses its `confirm` button and waits for it to close.
 */
export async function confirmStep(
  page: Page,
  opener: Locator,
  confirm: string,
  inDialog?: (dialog: Locator) => Promise<void>,
) {
  await opener.click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  if (inDialog) await inDialog(dialog);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Picks `option` (the start of its text) in a react-aria Select labelled `label`: its button is
 * named by the current value followed by the label.
 */
export async function choose(page: Page, label: string, option: string | RegExp) {
  const name = new RegExp(`(^|\\s)${escapeRegExp(label)}\\s*(必須|任意)?$`);
  // Only a select's button opens a listbox (a table's sort button may bear the same name).
  await page.getByRole('button', { name }).and(page.locator('[aria-haspopup="listbox"]')).click();
  const optionName = typeof option === 'string' ? new RegExp(`^${escapeRegExp(option)}`) : option;
  await page.getByRole('option', { name: optionName }).first().click();
}

/** Waits for a message in the toast region (where a step's success is announced); returns it. */
export async function toast(page: Page, text: string | RegExp): Promise<string> {
  const message = page.getByRole('region', { name: '通知' }).getByText(text).first();
  await message.waitFor();
  return (await message.innerText()).trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
