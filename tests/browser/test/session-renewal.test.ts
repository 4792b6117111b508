import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, signIn, signOut } from './support/browser';

// Access tokens live 15 minutes; a working day is longer. The web app renews the token with the
// refresh cookie instead of sending the user back to the sign-in page, and sign-out ends the
// session at the portal, not only in this browser.
describe('a browser session past its access token', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(() => browser?.close());

  const cookie = async (name: string) =>
    (await context.cookies()).find((candidate) => candidate.name === name);

  it('keeps the user signed in: the app renews the token instead of asking for the password', async () => {
    await signIn(page, 'accountant');
    const access = await cookie('denpyo_session');
    const refresh = await cookie('denpyo_refresh');
    // The access token's cookie lives as long as the token; the refresh token goes to /api/auth only.
    expect(access!.expires - Date.now() / 1000).toBeLessThanOrEqual(15 * 60 + 5);
    expect(refresh).toEqual(
      expect.objectContaining({
        path: '/api/auth',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
      }),
    );

    // Fifteen minutes on — the page long idle — the browser drops the expired access cookie.
    // (Dropped while the home page's requests were still in flight, a 401 among them would start
    // a renewal that the navigation below aborts: see the README's known issues.)
    await page.waitForLoadState('networkidle');
    await context.clearCookies({ name: 'denpyo_session' });
    await page.goto('/payments');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/payments');
    const renewed = await cookie('denpyo_session');
    // (Its value may equal the old one: same claims within the same second, and EdDSA is deterministic.)
    expect(renewed?.value).toBeTruthy();
    // The refresh token was spent and replaced (each works once).
    expect((await cookie('denpyo_refresh'))?.value).not.toBe(refresh!.value);
  });

  it('signs out at the portal: the old access token is refused afterwards, not only forgotten', async () => {
    const access = await cookie('denpyo_session');
    await signOut(page);
    expect(await cookie('denpyo_refresh')).toBeUndefined();
    const replayed = await context.request.get('/api/auth/session', {
      headers: { cookie: `denpyo_session=${access!.value}` },
    });
    expect(replayed.status()).toBe(401);
  });
});
