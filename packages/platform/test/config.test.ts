import { z } from 'zod';
import {
  ConfigError,
  databasePasswordMissing,
  jsonSetting,
  parseConfig,
  publicUrlOf,
  serviceEnvSchema,
} from '../src/config';

describe('service configuration', () => {
  const valid = {
    DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:5432/denpyo',
    AUTH_JWKS_URL: 'http://portal:3000/.well-known/jwks.json',
    PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
  };

  it('applies defaults and parses lists', () => {
    const config = parseConfig(serviceEnvSchema, {
      ...valid,
      KAFKA_BROKERS: 'a:9092, b:9093',
      PORT: '3005',
      EVENT_TOPIC_PARTITIONS: '6',
    });
    expect(config).toMatchObject({
      KAFKA_BROKERS: ['a:9092', 'b:9093'],
      EVENT_TOPIC_PARTITIONS: 6,
      PORT: 3005,
      HOST: '127.0.0.1',
      EVENT_LOG_SCHEMA: 'eventlog',
      LOG_LEVEL: 'info',
    });
  });

  it('needs PUBLIC_URL outside demo mode, and prints localhost in a demo without it', () => {
    const withoutUrl = { DATABASE_URL: valid.DATABASE_URL, AUTH_JWKS_URL: valid.AUTH_JWKS_URL };
    expect(() => parseConfig(serviceEnvSchema, withoutUrl)).toThrow(/PUBLIC_URL: is not set/);
    expect(publicUrlOf(parseConfig(serviceEnvSchema, { ...withoutUrl, DEMO_MODE: '1' }))).toBe(
      'http://localhost:3000',
    );
    expect(publicUrlOf(parseConfig(serviceEnvSchema, valid))).toBe(valid.PUBLIC_URL);
  });

  it('names every missing or bad variable at once', () => {
    const parse = () =>
      parseConfig(serviceEnvSchema, {
        DATABASE_URL: 'mysql://x',
        PORT: 'abc',
        KAFKA_BROKERS: 'nohost',
        EVENT_TOPIC_PARTITIONS: '0',
      });
    expect(parse).toThrow(ConfigError);
    let message = '';
    try {
      parse();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/KAFKA_BROKERS: /);
    expect(message).toMatch(/EVENT_TOPIC_PARTITIONS: /);
  });
});

describe('the database password outside demo mode', () => {
  const AUTH_JWKS_URL = 'http://portal:3000/.well-known/jwks.json';
  const parse = (DATABASE_URL: string, more: Record<string, string> = {}) =>
    parseConfig(serviceEnvSchema, {
      DATABASE_URL,
      AUTH_JWKS_URL,
      PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
      ...more,
    });
  let pgPassword: string | undefined;
  beforeAll(() => {
    pgPassword = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
  });
  afterAll(() => {
    if (pgPassword !== undefined) process.env.PGPASSWORD = pgPassword;
  });

  it.each([
    'postgresql://denpyo@db.example:5432/denpyo',
    'postgres://denpyo:@db.example/denpyo',
    'postgresql://db.example/denpyo',
  ])('refuses %s, naming DATABASE_URL', (url) => {
    expect(() => parse(url)).toThrow(/DATABASE_URL: has no password/);
    expect(() => parse(url, { DEMO_MODE: '0' })).toThrow(/DATABASE_URL: has no password/);
  });

  it('accepts it in demo mode, from PGPASSWORD, or over a unix socket (peer authentication)', () => {
    expect(parse('postgresql://denpyo@127.0.0.1/denpyo', { DEMO_MODE: '1' }).DEMO_MODE).toBe(true);
    expect(parse('postgresql://denpyo:s3cret@db.example/denpyo').DEMO_MODE).toBe(false);
    expect(databasePasswordMissing('postgresql://denpyo@db.example/d', { PGPASSWORD: 'x' })).toBe(
      false,
    );
    expect(databasePasswordMissing('postgresql:///denpyo', {})).toBe(false);
    expect(databasePasswordMissing('postgresql://denpyo@/denpyo?host=/run/postgresql', {})).toBe(
      false,
    );
    expect(
      databasePasswordMissing('postgresql://denpyo@localhost/denpyo?host=/var/run/postgresql', {}),
    ).toBe(false);
    expect(databasePasswordMissing('postgresql://denpyo@localhost/denpyo', {})).toBe(true);
  });
});

describe('jsonSetting', () => {
  const schema = z.object({ LIMITS: jsonSetting(z.array(z.int().min(0))).optional() });

  it('parses JSON and checks its shape', () => {
    expect(parseConfig(schema, { LIMITS: '[1, 2]' }).LIMITS).toEqual([1, 2]);
    expect(parseConfig(schema, {}).LIMITS).toBeUndefined();
  });

  it('names the variable for bad JSON and for a bad shape', () => {
    expect(() => parseConfig(schema, { LIMITS: '[1,' })).toThrow(/LIMITS: must be JSON/);
    expect(() => parseConfig(schema, { LIMITS: '[-1]' })).toThrow(/LIMITS:/);
  });
});
