import { ConfigError, parseConfig } from '@denpyo/platform';
import { portalSettingsSchema } from '../src/config';

// Demo mode spares the signing key these tests are not about.
const BASE = { DEMO_MODE: '1' };

describe('account settings', () => {
  it('trusts no proxy by default, a hop count or a list of addresses and CIDRs when told', () => {
    expect(parseConfig(portalSettingsSchema, BASE).TRUSTED_PROXIES).toBe(false);
    expect(
      parseConfig(portalSettingsSchema, { ...BASE, TRUSTED_PROXIES: '' }).TRUSTED_PROXIES,
    ).toBe(false);
    expect(
      parseConfig(portalSettingsSchema, { ...BASE, TRUSTED_PROXIES: '1' }).TRUSTED_PROXIES,
    ).toBe(1);
    expect(
      parseConfig(portalSettingsSchema, {
        ...BASE,
        TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,192.168.1.5',
      }).TRUSTED_PROXIES,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.5']);
    expect(() =>
      parseConfig(portalSettingsSchema, { ...BASE, TRUSTED_PROXIES: '10.0.0.0/33' }),
    ).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseConfig(portalSettingsSchema, { ...BASE, TRUSTED_PROXIES: 'anyone' })).toThrow(
      ConfigError,
    );
  });

  it('hashes at N = 2^17 by default and refuses a lower cost outside tests', () => {
    expect(parseConfig(portalSettingsSchema, BASE).PASSWORD_SCRYPT_LOG_N).toBe(17);
    expect(
      parseConfig(portalSettingsSchema, { ...BASE, PASSWORD_SCRYPT_LOG_N: '10' })
        .PASSWORD_SCRYPT_LOG_N,
    ).toBe(10);
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() =>
        parseConfig(portalSettingsSchema, { ...BASE, PASSWORD_SCRYPT_LOG_N: '16' }),
      ).toThrow(/PASSWORD_SCRYPT_LOG_N: must be at least 17/);
      expect(
        parseConfig(portalSettingsSchema, { ...BASE, PASSWORD_SCRYPT_LOG_N: '18' })
          .PASSWORD_SCRYPT_LOG_N,
      ).toBe(18);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });

  it('bounds the hashing concurrency and the throttle limits', () => {
    const env = parseConfig(portalSettingsSchema, BASE);
    expect(env.PASSWORD_HASH_CONCURRENCY).toBeGreaterThanOrEqual(1);
    expect(env).toMatchObject({
      PASSWORD_HASH_PER_CLIENT: 4,
      LOGIN_ACCOUNT_FAILURE_LIMIT: 10,
      LOGIN_CLIENT_FAILURE_LIMIT: 30,
      LOGIN_GLOBAL_FAILURES_PER_MINUTE: 300,
    });
    expect(() =>
      parseConfig(portalSettingsSchema, {
        ...BASE,
        PASSWORD_HASH_CONCURRENCY: '0',
        PASSWORD_HASH_PER_CLIENT: '0',
        LOGIN_CLIENT_FAILURE_LIMIT: 'x',
      }),
    ).toThrow(
      /PASSWORD_HASH_CONCURRENCY[\s\S]*PASSWORD_HASH_PER_CLIENT[\s\S]*LOGIN_CLIENT_FAILURE_LIMIT/,
    );
  });
});
