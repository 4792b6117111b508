import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig, serviceEnvSchema } from '../src/config';
import { kafkaSecurityOf } from '../src/events/kafka-settings';

describe('Kafka security settings', () => {
  const base = {
    DATABASE_URL: 'postgresql://denpyo:secret@127.0.0.1:5432/denpyo',
    KAFKA_BROKERS: 'kafka:9094',
    PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
  };
  const dir = mkdtempSync(join(tmpdir(), 'kafka-settings-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const message = (env: Record<string, string>) => {
    try {
      parseConfig(serviceEnvSchema, env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a configuration error');
  };

  it('needs none of them for a PLAINTEXT broker', () => {
    expect(kafkaSecurityOf(parseConfig(serviceEnvSchema, base))).toEqual({});
  });

  it('gives kafkajs SCRAM credentials and TLS with the CA file', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const env = parseConfig(serviceEnvSchema, {
      ...base,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'payment',
      KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret\n'),
      KAFKA_SSL: '1',
      KAFKA_SSL_CA_FILE: file('ca.pem', ca),
    });
    expect(kafkaSecurityOf(env)).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'payment', password: 's3cret' },
      ssl: { ca: [ca] },
    });
    expect(kafkaSecurityOf(parseConfig(serviceEnvSchema, { ...base, KAFKA_SSL: 'true' }))).toEqual({
      ssl: true,
    });
  });

  it('refuses a username without a password, naming the variable', () => {
    const text = message({
      ...base,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'payment',
    });
    expect(text).toContain('KAFKA_SASL_PASSWORD: is not set');
    expect(text).not.toContain('KAFKA_SASL_USERNAME');
  });

  it('refuses a password without a username or mechanism', () => {
    const text = message({ ...base, KAFKA_SASL_PASSWORD: 'x' });
    expect(text).toContain('KAFKA_SASL_USERNAME: is not set');
    expect(text).toContain('KAFKA_SASL_MECHANISM: is not set');
  });

  it('refuses other mechanisms, two passwords, unreadable files and a CA without TLS', () => {
    expect(message({ ...base, KAFKA_SASL_MECHANISM: 'PLAIN' })).toContain(
      'KAFKA_SASL_MECHANISM: must be SCRAM-SHA-256 or SCRAM-SHA-512',
    );
    expect(
      message({
        ...base,
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_SASL_PASSWORD_FILE: file('p2', 'p'),
      }),
    ).toContain('KAFKA_SASL_PASSWORD_FILE: set only one');
    expect(message({ ...base, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toMatch(
      /KAFKA_SASL_PASSWORD_FILE: cannot read a password file .*ENOENT/,
    );
    expect(
      message({ ...base, KAFKA_SSL: '1', KAFKA_SSL_CA_FILE: file('no.pem', 'hello') }),
    ).toContain('KAFKA_SSL_CA_FILE: ');
    const ca = file('ca2.pem', '-----BEGIN CERTIFICATE-----\n');
    expect(message({ ...base, KAFKA_SSL_CA_FILE: ca })).toContain(
      'KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not 1',
    );
  });

  it('refuses security settings without brokers', () => {
    const noBrokers: Record<string, string> = { ...base };
    delete noBrokers.KAFKA_BROKERS;
    expect(message({ ...noBrokers, KAFKA_SSL: '1' })).toContain('KAFKA_BROKERS: is not set');
  });
});
