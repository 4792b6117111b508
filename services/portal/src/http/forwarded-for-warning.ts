import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '@denpyo/platform';

/**
 * Warns once when a request carries X-Forwarded-For while no proxy is trusted
 * (TRUSTED_PROXIES unset): the portal is then most likely behind a proxy nobody configured, so
 * every client counts as the proxy's address — colleagues share one sign-in throttle and one
 * hashing quota. The header itself is ignored, as it must be.
 *
 * Wraps the app's entry (`app.handle`, what `app(req, res)` calls; untyped in @types/express)
 * rather than adding middleware: the operations, sign-in above all, are registered before
 * `mount`, and a middleware added there would never see their requests.
 */
export function warnOfUntrustedForwarding(app: Express, logger: Logger): void {
  const entry = app as unknown as { handle: Handle };
  const handle = entry.handle.bind(app);
  let warned = false;
  entry.handle = (req, res, next) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        { peer: req.socket.remoteAddress },
        'a request carries X-Forwarded-For but TRUSTED_PROXIES is unset: the header is ignored and every client behind that proxy counts as one for sign-in throttling; set TRUSTED_PROXIES to the proxy hops',
      );
    }
    handle(req, res, next);
  };
}

type Handle = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;
