import { dirname, join } from 'node:path';
import compression from 'compression';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { notFoundHandler, unavailable } from '@denpyo/platform';

/**
 * The web app's policy: its own scripts, styles and API only; images also from data: and blob:
 * URLs (previews), frames from the portal itself (the PDF preview), no plugins, framed only by
 * the portal. No upgrade-insecure-requests: TLS is the proxy's business in front of the portal,
 * and a forced upgrade would blank the page where it is missing (a sign-in needs HTTPS anyway,
 * since the session cookie is Secure). The API's responses keep the platform's (helmet's)
 * default policy.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Hashed file names change with their content, so a browser may keep them for good. */
const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html and the unhashed files beside it: revalidated (ETag) on every use. */
const REVALIDATE = 'no-cache';

/** Paths that are never the web app: the API and the operators' endpoints. */
const NOT_THE_APP = /^\/(api|assets|health|ready|metrics)(\/|$)/;

/** Where @denpyo/web's build (`vite build`) lies; undefined when the package is not installed. */
export function builtWebAppDir(): string | undefined {
  try {
    return join(dirname(require.resolve('@denpyo/web/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/**
 * Serves the built web app (packages/web/dist) at the root, after the API: `/assets/*` (hashed)
 * cached for a year and compressed (gzip or brotli as the browser accepts), `index.html` at `/`
 * and at every other GET that asks for HTML outside the API and the operators' endpoints (the
 * app's own routes, e.g. `/contracts/…`), revalidated each time, all under WEB_APP_CSP. When the
 * app is not built yet, `/` says so (503) and the API works on.
 */
export function webApp(distDir: string | undefined): Router {
  const router = Router();
  // compression, not files compressed at build time: it negotiates gzip or brotli per request
  // with no build step of its own, and immutable caching means each browser asks for an asset
  // once per release, so the per-request work is rare.
  const compress = compression();
  if (distDir) {
    router.use(
      '/assets',
      compress,
      express.static(join(distDir, 'assets'), {
        index: false,
        redirect: false,
        cacheControl: false,
        setHeaders: (res) => withWebHeaders(res, ASSET_CACHE_CONTROL),
      }),
    );
    // Vite's unhashed public files (the icon…) beside index.html.
    router.use(
      compress,
      express.static(distDir, {
        index: false,
        redirect: false,
        cacheControl: false,
        setHeaders: (res) => withWebHeaders(res, REVALIDATE),
      }),
    );
  }
  // A missing asset is a 404, never the app's page.
  router.use('/assets', notFoundHandler);
  router.use((req, _res, next) => next(wantsThePage(req) ? undefined : 'router'));
  router.use(compress, indexPage(distDir));
  return router;
}

/** `/`, or a navigation (a GET asking for HTML) to one of the app's own routes. */
function wantsThePage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path === '/') return true;
  return (
    !NOT_THE_APP.test(req.path) &&
    (req.get('accept') ?? '').includes('text/html') &&
    req.accepts('html') !== false
  );
}

function indexPage(distDir: string | undefined): RequestHandler {
  const notBuilt = () =>
    unavailable('The web app is not built: run `npm run build` (packages/web), then reload');
  return (_req, res, next) => {
    if (!distDir) return next(notBuilt());
    withWebHeaders(res, REVALIDATE);
    res.sendFile(join(distDir, 'index.html'), { cacheControl: false }, (error) => {
      if (!error || res.headersSent) return;
      next((error as NodeJS.ErrnoException).code === 'ENOENT' ? notBuilt() : error);
    });
  };
}

function withWebHeaders(res: Response, cacheControl: string): void {
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Content-Security-Policy', WEB_APP_CSP);
}
