import { dirname, join } from 'node:path';
import { Router } from 'express';

// Served from the swagger-ui-dist package: the machines are air-gapped, so no CDN.
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_UI_ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/** GET /api/docs: the reference page (operation getApiReference). */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Denpyo API reference</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"><noscript>The reference needs JavaScript; the raw document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

// helmet's default policy plus nothing from other origins, minus upgrade-insecure-requests:
// the portal is usually reached over plain HTTP on the city's network, where upgrading the
// page's own scripts to https would leave it blank. Swagger UI needs inline styles only.
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

// A file, not an inline script, so the page works under a CSP without 'unsafe-inline' scripts.
// No validatorUrl: the default one is on the internet.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
`;

/**
 * The files the reference page loads, under /api/docs/: Swagger UI's own and its start-up
 * script. Only those; any other name falls through (to a 404).
 */
export function swaggerUiAssets(): Router {
  const router = Router();
  router.get('/init.js', (_req, res) => {
    res.type('text/javascript').send(INIT_SCRIPT);
  });
  router.get('/:asset', (req, res, next) => {
    if (!SWAGGER_UI_ASSETS.has(req.params.asset)) return next();
    res.sendFile(join(SWAGGER_UI_DIR, req.params.asset), { maxAge: '1d' });
  });
  return router;
}
