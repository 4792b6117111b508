import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditScreen, describeFindings, launchBrowser, newContext, signIn } from './browser';
import { screenshotDir } from './paths';

export interface BrowserFlow {
  /**
   * The page of a person signed in as `username` (each in a browser profile of their own);
   * `again` signs them in anew in a fresh profile.
   */
  as(username: string, password?: string, options?: { again?: boolean }): Promise<Page>;
  /** A page signed in as `username` in a fresh profile of the given size (closed at the end). */
  signedIn(
    username: string,
    password?: string,
    viewport?: { width: number; height: number },
  ): Promise<Page>;
  /**
   * One step of the flow. After a failure the later steps are not attempted (they would only
   * fail for the same reason), and every open page is photographed for the diagnosis.
   */
  step(name: string, body: () => Promise<void>): void;
}

/**
 * A flow of people at their screens, for one describe block: launches Chromium before the tests
 * and closes every profile and the browser after them. Failure screenshots are named
 * `${failurePrefix}failure-<user>.png`.
 */
export function browserFlow(failurePrefix = ''): BrowserFlow {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  let failedStep: string | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  const signedIn: BrowserFlow['signedIn'] = async (username, password, viewport) => {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, username, password);
    return page;
  };

  return {
    signedIn,
    async as(username, password, { again = false } = {}) {
      const existing = pages.get(username);
      if (existing && !again) return existing;
      await existing?.context().close();
      const page = await signedIn(username, password);
      pages.set(username, page);
      return page;
    },
    step(name, body) {
      it(name, async () => {
        if (failedStep) throw new Error(`not attempted: "${failedStep}" failed first`);
        try {
          await body();
        } catch (error) {
          failedStep = name;
          mkdirSync(screenshotDir, { recursive: true });
          for (const [user, page] of pages)
            await page
              .screenshot({
                path: join(screenshotDir, `${failurePrefix}failure-${user}.png`),
                fullPage: true,
              })
              .catch(() => undefined);
          throw error;
        }
      });
    },
  };
}

/** Audits the screen (axe, and a screenshot under its name) and expects no serious finding. */
export async function expectNoSeriousFindings(page: Page, name: string): Promise<void> {
  const audit = await auditScreen(page, name);
  expect(describeFindings(audit.serious)).toBe('');
}
