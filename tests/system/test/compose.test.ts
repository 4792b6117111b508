import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// docker-compose.yml cannot run here (no Docker engine), so this test checks its wiring.
const root = join(__dirname, '..', '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[] | string;
      environment?: Record<string, unknown>;
      depends_on?: Record<string, unknown>;
      ports?: string[];
    }
  >;
};
const topics = (
  JSON.parse(readFileSync(join(root, 'infra/kafka/topics.json'), 'utf8')) as { name: string }[]
).map((t) => t.name);

describe('docker-compose.yml', () => {
  const domainServices = { contract: 3001, invoice: 3002, payment: 3003 };

  it.each(Object.entries(domainServices))(
    'runs the %s service on Kafka and its own schema',
    (name, port) => {
      const service = compose.services[name];
      expect(service?.command).toEqual(['node', `services/${name}/dist/main.js`]);
      expect(service?.environment).toMatchObject({
        KAFKA_BROKERS: 'kafka:9092',
        DB_SCHEMA: name,
        PORT: port,
      });
      expect(String(service?.environment?.DATABASE_URL)).toMatch(
        /^postgresql:\/\/.*@postgres:5432\//,
      );
      expect(service?.environment?.JWT_SECRET).toBeDefined();
      expect(Object.keys(service?.depends_on ?? {})).toEqual(
        expect.arrayContaining(['postgres', 'kafka-topics']),
      );
    },
  );

  it('exposes the portal, pointed at every service', () => {
    const portal = compose.services.portal;
    expect(portal?.ports).toContain('3000:3000');
    expect(portal?.environment).toMatchObject({
      CONTRACT_URL: 'http://contract:3001',
      INVOICE_URL: 'http://invoice:3002',
      PAYMENT_URL: 'http://payment:3003',
      DB_SCHEMA: 'portal',
    });
  });

  it('creates every topic the services use, from the same list as local runs', () => {
    const creator = compose.services['kafka-topics'];
    expect(JSON.stringify(creator)).toContain('/topics.json');
    expect(topics).toEqual(
      expect.arrayContaining(['denpyo.contract.v1', 'denpyo.invoice.v1', 'denpyo.payment.v1']),
    );
    for (const topic of topics.filter((t) => !t.endsWith('.dlq')))
      expect(topics).toContain(`${topic}.dlq`);
  });

  it('builds every service command from a file the build produces', () => {
    for (const name of ['contract', 'invoice', 'payment', 'portal']) {
      const command = compose.services[name]?.command;
      expect(Array.isArray(command) && command[1]).toBe(`services/${name}/dist/main.js`);
    }
  });
});
