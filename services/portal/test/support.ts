import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Response } from 'supertest';
import { closeServer, listen } from '@denpyo/platform';
import { freePort, testServiceEnv } from '@denpyo/platform/testing';
import { withPortalDefaults, type PortalEnv } from '../src/config';

/**
 * The portal's environment for a test (`startService(portalService, testPortalEnv())`): the
 * jest run's database, a fresh schema, any free port, and the portal's defaults.
 */
export function testPortalEnv(overrides: Partial<PortalEnv> = {}): PortalEnv {
  return withPortalDefaults({
    ...testServiceEnv('portal'),
    // Nothing listens on port 1: a test names the services it needs.
    CONTRACT_URL: 'http://127.0.0.1:1',
    INVOICE_URL: 'http://127.0.0.1:1',
    PAYMENT_URL: 'http://127.0.0.1:1',
    // scrypt at N = 2^10 keeps tests fast; production refuses below 2^17 (config.ts).
    PASSWORD_SCRYPT_LOG_N: 10,
    ...overrides,
  });
}

/** What a stand-in service saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface StandIn {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A small real HTTP server standing in for one of the remote services (contract, invoice,
 * payment): it records every request, raw body included, and answers as `routes` says.
 */
export async function startStandIn(routes: (app: Express) => void): Promise<StandIn> {
  const app = express();
  const seen: SeenRequest[] = [];
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.use((req, _res, next) => {
    seen.push({
      method: req.method,
      url: req.originalUrl,
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    });
    next();
  });
  routes(app);
  const server: Server = await listen(app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => closeServer(server) };
}

/** A URL where nothing listens: a service that is down. */
export async function deadServiceUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

let clients = 0;
/**
 * A client address of its own (198.18.0.0/15, for tests), sent as X-Forwarded-For to a portal
 * started with TRUSTED_PROXIES=loopback, so one test's failed sign-ins never throttle another's.
 */
export function newClient(): string {
  clients += 1;
  return `198.18.${(clients >> 8) & 255}.${clients & 255}`;
}

/** One Set-Cookie header: name, value, its attributes (lower-cased names) and the header itself. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  raw: string;
}

function parseSetCookie(raw: string): SetCookie {
  const [pair = '', ...attributes] = raw.split('; ');
  const [name = '', value = ''] = pair.split(/=(.*)/s);
  return {
    name,
    value,
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [key = '', attributeValue] = attribute.split('=');
        return [key.toLowerCase(), attributeValue ?? true];
      }),
    ),
    raw,
  };
}

/** The cookies a response sets, by name. */
export function setCookies(response: Response): Record<string, SetCookie> {
  const headers = (response.headers['set-cookie'] ?? []) as unknown as string[];
  return Object.fromEntries(headers.map(parseSetCookie).map((cookie) => [cookie.name, cookie]));
}
