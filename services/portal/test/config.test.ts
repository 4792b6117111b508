import { z } from 'zod';
import { ConfigError, parseConfig, serviceEnvSchema } from '@denpyo/platform';
import { TEST_SIGNING_KEYS } from '@denpyo/platform/testing';
import { portalSettingsSchema, upstreamUrls, withPortalDefaults } from '../src/config';

// What runService parses for the portal: the common settings and the portal's own together.
const portalEnvSchema = z.intersection(serviceEnvSchema, portalSettingsSchema);

const REQUIRED = {
  DATABASE_URL: 'postgres://denpyo:secret@localhost/denpyo',
  AUTH_SIGNING_KEYS: JSON.stringify(TEST_SIGNING_KEYS),
  PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
};

describe('portal configuration', () => {
  it('defaults to the services on their default ports and no demo users', () => {
    const env = parseConfig(portalEnvSchema, REQUIRED);
    expect(env).toMatchObject({
      DEMO_MODE: false,
      CONTRACT_URL: 'http://127.0.0.1:3001',
      INVOICE_URL: 'http://127.0.0.1:3002',
      PAYMENT_URL: 'http://127.0.0.1:3003',
      PROXY_TIMEOUT_MS: 30_000,
    });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
  ])('reads DEMO_MODE=%s as %s', (value, expected) => {
    expect(parseConfig(portalEnvSchema, { ...REQUIRED, DEMO_MODE: value }).DEMO_MODE).toBe(
      expected,
    );
  });

  it('names every bad variable', () => {
    expect(() =>
      parseConfig(portalEnvSchema, { ...REQUIRED, DEMO_MODE: 'yes', CONTRACT_URL: 'ftp://x' }),
    ).toThrow(ConfigError);
    expect(() =>
      parseConfig(portalEnvSchema, { ...REQUIRED, DEMO_MODE: 'yes', CONTRACT_URL: 'ftp://x' }),
    ).toThrow(/DEMO_MODE[\s\S]*CONTRACT_URL/);
  });

  it('takes several instances of a service, comma-separated, each URL checked', () => {
    const env = parseConfig(portalEnvSchema, {
      ...REQUIRED,
      PAYMENT_URL: 'http://payment-1:3003, http://payment-2:3003',
    });
    expect(upstreamUrls(env).payment).toEqual(['http://payment-1:3003', 'http://payment-2:3003']);
    expect(upstreamUrls(env).contract).toEqual(['http://127.0.0.1:3001']);
    for (const bad of ['http://payment-1:3003,ftp://x', ',']) {
      expect(() => parseConfig(portalEnvSchema, { ...REQUIRED, PAYMENT_URL: bad })).toThrow(
        /PAYMENT_URL/,
      );
    }
  });

  it('fills in what a caller of startService leaves out, keeping what it gives', () => {
    const service = parseConfig(portalEnvSchema, REQUIRED);
    const options = withPortalDefaults({
      DATABASE_URL: service.DATABASE_URL,
      HOST: service.HOST,
      AUTH_SIGNING_KEYS: service.AUTH_SIGNING_KEYS,
      LOG_LEVEL: service.LOG_LEVEL,
      EVENT_LOG_SCHEMA: service.EVENT_LOG_SCHEMA,
      CITY_NAME: service.CITY_NAME,
      PUBLIC_URL: service.PUBLIC_URL,
      DEMO_MODE: service.DEMO_MODE,
      INVOICE_URL: 'http://invoice:8080',
      PAYMENT_URL: undefined,
    });
    expect(options).toMatchObject({
      CONTRACT_URL: 'http://127.0.0.1:3001',
      INVOICE_URL: 'http://invoice:8080',
      PAYMENT_URL: 'http://127.0.0.1:3003',
      DEMO_MODE: false,
    });
  });
});
