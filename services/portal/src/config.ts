import { z } from 'zod';
import type { ServiceEnv } from '@denpyo/platform';
import type { UpstreamService } from './domain/routes';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** The portal's own settings when neither the environment nor the caller gives them. */
export const PORTAL_DEFAULTS = {
  CONTRACT_URL: 'http://127.0.0.1:3001',
  INVOICE_URL: 'http://127.0.0.1:3002',
  PAYMENT_URL: 'http://127.0.0.1:3003',
  PROXY_TIMEOUT_MS: 30_000,
};

/** What the portal reads from its environment besides the common service settings. */
export const portalSettingsSchema = z.object({
  CONTRACT_URL: httpUrl.default(PORTAL_DEFAULTS.CONTRACT_URL),
  INVOICE_URL: httpUrl.default(PORTAL_DEFAULTS.INVOICE_URL),
  PAYMENT_URL: httpUrl.default(PORTAL_DEFAULTS.PAYMENT_URL),
  /** How long a forwarded request may wait for its service before the caller gets a 503. */
  PROXY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(PORTAL_DEFAULTS.PROXY_TIMEOUT_MS),
  /** The built web app served at `/`; by default @denpyo/web's `dist` (packages/web/dist). */
  WEB_DIST_DIR: z.string().min(1).optional(),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;
export type PortalEnv = ServiceEnv & PortalSettings;

/**
 * A service environment plus any of the portal's own settings, so a test can start it with
 * `withPortalDefaults({ ...testServiceEnv('portal'), CONTRACT_URL: contract.url })`.
 */
export type PortalOptions = ServiceEnv & Partial<PortalSettings>;

/** What `startService(portalService, …)` needs: the options with the defaults filled in. */
export function withPortalDefaults(options: PortalOptions): PortalEnv {
  return { ...PORTAL_DEFAULTS, ...definedOnly(options) };
}

/** Where each service behind the portal listens. */
export function upstreamUrls(env: PortalSettings): Record<UpstreamService, string> {
  return { contract: env.CONTRACT_URL, invoice: env.INVOICE_URL, payment: env.PAYMENT_URL };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
