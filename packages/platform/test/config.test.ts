import { z } from 'zod';
import { ConfigError, jsonSetting, parseConfig, serviceEnvSchema } from '../src/config';

describe('service configuration', () => {
  const valid = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/denpyo',
    JWT_SECRET: 'x'.repeat(32),
  };

  it('applies defaults and parses lists', () => {
    const config = parseConfig(serviceEnvSchema, {
      ...valid,
      KAFKA_BROKERS: 'a:9092, b:9093',
      PORT: '3005',
    });
    expect(config).toMatchObject({
      KAFKA_BROKERS: ['a:9092', 'b:9093'],
      PORT: 3005,
      HOST: '127.0.0.1',
      EVENT_LOG_SCHEMA: 'eventlog',
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or bad variable at once', () => {
    const parse = () =>
      parseConfig(serviceEnvSchema, {
        DATABASE_URL: 'mysql://x',
        PORT: 'abc',
        KAFKA_BROKERS: 'nohost',
      });
    expect(parse).toThrow(ConfigError);
    let message = '';
    try {
      parse();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(message).toContain('JWT_SECRET: is not set');
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/KAFKA_BROKERS: /);
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
