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
      secrets?: string[];
    }
  >;
  secrets?: Record<string, { file?: string }>;
};
const topics = (
  JSON.parse(readFileSync(join(root, 'infra/kafka/topics.json'), 'utf8')) as { name: string }[]
).map((t) => t.name);

/** The compose services that are instances of `name`: `name`, `name-2`, … */
const instancesOf = (name: string) =>
  Object.keys(compose.services).filter((key) => new RegExp(`^${name}(-\\d+)?$`).test(key));

describe('docker-compose.yml', () => {
  const domainServices = { contract: 3001, invoice: 3002, payment: 3003 };
  const domainInstances = Object.entries(domainServices).flatMap(([name, port]) =>
    instancesOf(name).map((instance) => [instance, name, port] as const),
  );

  /** The shell script a one-shot Kafka container runs (`sh -c <script>`). */
  const script = (name: string) => {
    const command = compose.services[name]?.command;
    return Array.isArray(command) ? command.join('\n') : String(command);
  };

  it.each(Object.keys(domainServices))('runs two instances of the %s service', (name) => {
    expect(instancesOf(name)).toEqual([name, `${name}-2`]);
  });

  it.each(domainInstances)(
    'runs %s (the %s service) on Kafka and its own schema',
    (instance, name, port) => {
      const service = compose.services[instance];
      expect(service?.command).toEqual(['node', `services/${name}/dist/main.js`]);
      expect(service?.environment).toMatchObject({
        KAFKA_BROKERS: 'kafka:9092',
        DB_SCHEMA: name,
        PORT: port,
      });
      expect(String(service?.environment?.DATABASE_URL)).toMatch(
        /^postgresql:\/\/.*@postgres:5432\//,
      );
      // Public keys only: a service can verify a token, never sign one.
      expect(service?.environment?.AUTH_JWKS_URL).toBe('http://portal:3000/.well-known/jwks.json');
      expect(
        Object.keys(service?.environment ?? {}).filter((k) => /SECRET|SIGNING/.test(k)),
      ).toEqual([]);
      expect(service?.secrets ?? []).not.toContain('auth_signing_keys');
      expect(Object.keys(service?.depends_on ?? {})).toEqual(
        expect.arrayContaining(['postgres', 'kafka-setup']),
      );
    },
  );

  it('gives the image the services’ heap settings, the same as npm start’s', () => {
    const wanted = JSON.parse(
      readFileSync(join(root, 'infra/service-process-env.json'), 'utf8'),
    ) as Record<string, string>;
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    // The final stage's ENV lines: NAME=value or NAME="value", several to a line.
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const env: Record<string, string> = {};
    for (const [, line] of finalStage.matchAll(/^ENV (.+)$/gm)) {
      for (const [, name, quoted, bare] of line!.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) {
        env[name!] = quoted ?? bare!;
      }
    }
    expect(env).toMatchObject(wanted);
    expect(wanted.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
  });

  it('exposes the portal, pointed at every instance of every service', () => {
    const portal = compose.services.portal;
    expect(portal?.ports).toContain('3000:3000');
    expect(portal?.environment?.DB_SCHEMA).toBe('portal');
    for (const [name, port] of Object.entries(domainServices)) {
      const urls = String(portal?.environment?.[`${name.toUpperCase()}_URL`]).split(',');
      expect(urls).toEqual(instancesOf(name).map((instance) => `http://${instance}:${port}`));
    }
  });

  it('makes each topic with a partition for every instance of a consumer group', () => {
    const partitions = compose.services['kafka-setup']?.environment?.EVENT_TOPIC_PARTITIONS;
    expect(script('kafka-setup')).toContain('--partitions "$$EVENT_TOPIC_PARTITIONS"');
    const byDefault = Number(/^\$\{EVENT_TOPIC_PARTITIONS:-(\d+)\}$/.exec(String(partitions))?.[1]);
    for (const [instance, name] of domainInstances) {
      expect(byDefault).toBeGreaterThanOrEqual(instancesOf(name).length);
      // The services check the topics against the same count.
      expect([instance, compose.services[instance]?.environment?.EVENT_TOPIC_PARTITIONS]).toEqual([
        instance,
        partitions,
      ]);
    }
  });

  it('creates every topic the services use, from the same list as local runs', () => {
    const creator = compose.services['kafka-setup'];
    expect(JSON.stringify(creator)).toContain('/topics.json');
    expect(topics).toEqual(
      expect.arrayContaining(['denpyo.contract.v1', 'denpyo.invoice.v1', 'denpyo.payment.v1']),
    );
    for (const topic of topics.filter((t) => !t.endsWith('.dlq')))
      expect(topics).toContain(`${topic}.dlq`);
  });

  it('gives Kafka no PLAINTEXT listener but the controller on loopback, and ACLs', () => {
    const broker = script('kafka');
    const property = (key: string) =>
      new RegExp(`^\\s*${key.replace(/\./g, '\\.')}=(.*)$`, 'm').exec(broker)?.[1] ?? '';
    const protocols = Object.fromEntries(
      property('listener.security.protocol.map')
        .split(',')
        .map((pair) => pair.split(':') as [string, string]),
    );
    const listeners = property('listeners').split(',');
    expect(listeners).toContain('SASL_SSL://:9092');
    for (const listener of listeners) {
      const [name, address] = listener.split('://') as [string, string];
      const protocol = protocols[name] ?? name;
      if (name === property('controller.listener.names')) {
        expect(address).toMatch(/^localhost:\d+$/); // the quorum, unreachable from other containers
      } else {
        expect(protocol).toMatch(/^SASL_(SSL|PLAINTEXT)$/);
      }
    }
    expect(property('advertised.listeners')).toMatch(/^SASL_SSL:\/\/kafka:9092$/);
    expect(property('sasl.enabled.mechanisms')).toMatch(/^SCRAM-SHA-(256|512)/);
    expect(property('authorizer.class.name')).toContain('StandardAuthorizer');
    expect(property('allow.everyone.if.no.acl.found')).toBe('false');
    expect(compose.services.kafka?.environment?.SCRAM_ADMIN_PASSWORD).toMatch(
      /^\$\{KAFKA_ADMIN_PASSWORD:\?/,
    );
  });

  it.each(domainInstances)(
    'gives %s (the %s service) its own Kafka user over TLS, with the ACLs of infra/kafka/acls.json',
    (instance, name) => {
      const upper = name.toUpperCase();
      expect(compose.services[instance]?.environment).toMatchObject({
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: name,
        KAFKA_SASL_PASSWORD: expect.stringMatching(
          new RegExp(`^\\$\\{KAFKA_${upper}_PASSWORD:\\?`),
        ),
        KAFKA_SSL: '1',
        KAFKA_SSL_CA_FILE: '/run/kafka-tls/ca.pem',
      });
      const setup = compose.services['kafka-setup'];
      expect(setup?.environment?.[`SCRAM_${upper}_PASSWORD`]).toMatch(
        new RegExp(`^\\$\\{KAFKA_${upper}_PASSWORD:\\?`),
      );
      const lines = script('kafka-setup')
        .split('\n')
        .map((line) => line.trim());
      expect(lines).toContain(`user ${name} "$$SCRAM_${upper}_PASSWORD"`);
      // The same grants as the local broker's (infra/kafka/kafka.mjs reads acls.json).
      const acl = (
        JSON.parse(readFileSync(join(root, 'infra/kafka/acls.json'), 'utf8')) as {
          users: Record<string, { group: string; produce: string[]; consume: string[] }>;
        }
      ).users[name];
      if (!acl) throw new Error(`acls.json has no user ${name}`);
      const topicArgs = (names: string[]) => names.map((topic) => `--topic ${topic}`).join(' ');
      const grants = [
        `allow ${name} --operation Write --operation Describe ${topicArgs(acl.produce)}`,
        `allow ${name} --operation Read --operation Describe ${topicArgs(acl.consume)}`,
        `allow ${name} --operation Write --operation Describe ${topicArgs(acl.consume.map((t) => `${t}.dlq`))}`,
        `allow ${name} --operation Read --resource-pattern-type prefixed --group ${acl.group}`,
      ];
      expect(lines.filter((line) => line.startsWith(`allow ${name} `))).toEqual(grants);
    },
  );

  it('has no working default for a secret or the city’s 依頼人 account', () => {
    const raw = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const uses = (name: string) => [
      ...raw.matchAll(new RegExp(`\\$\\{${name}(\\W[^}]*)?\\}`, 'g')),
    ];
    expect(uses('POSTGRES_PASSWORD').length).toBeGreaterThanOrEqual(2);
    for (const name of ['POSTGRES_PASSWORD', 'AUTH_SIGNING_KEYS_PATH']) {
      for (const [use] of uses(name)) expect(use).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(raw).not.toMatch(/JWT_SECRET/);
    // The portal alone gets the signing keys, from a secret with no default file.
    expect(compose.services.portal?.environment?.AUTH_SIGNING_KEYS_FILE).toBe(
      '/run/secrets/auth_signing_keys',
    );
    expect(compose.services.portal?.secrets).toEqual(['auth_signing_keys']);
    expect(compose.secrets?.auth_signing_keys?.file).toMatch(/^\$\{AUTH_SIGNING_KEYS_PATH:\?/);
    expect(compose.services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(
      /^\$\{POSTGRES_PASSWORD:\?/,
    );
    for (const instance of instancesOf('payment')) {
      const payment = compose.services[instance]?.environment ?? {};
      for (const name of [
        'ZENGIN_REQUESTER_CODE',
        'ZENGIN_REQUESTER_NAME',
        'ZENGIN_BANK_CODE',
        'ZENGIN_BRANCH_CODE',
        'ZENGIN_ACCOUNT_TYPE',
        'ZENGIN_ACCOUNT_NUMBER',
      ])
        expect(payment[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    // The invoice service's 支出命令書 name the same paying bank (口座振替 or 振込).
    for (const instance of instancesOf('invoice'))
      expect(compose.services[instance]?.environment?.ZENGIN_BANK_CODE).toBe(
        compose.services.payment?.environment?.ZENGIN_BANK_CODE,
      );
    // Demo mode (demo users, the demo account) only when asked for.
    for (const service of Object.values(compose.services))
      expect(String(service.environment?.DEMO_MODE ?? '0')).toMatch(/^(0|\$\{DEMO_MODE:-0\})$/);
  });

  it('runs no service as the PostgreSQL superuser: each on its own role, set up first', () => {
    const postgres = compose.services.postgres?.environment ?? {};
    const superuser = String(postgres.POSTGRES_USER);
    const userOf = (url: unknown) => new URL(String(url).replace(/\$\{[^}]*\}/g, 'x')).username;
    for (const [instance, name] of [...domainInstances, ['portal', 'portal'] as const]) {
      const service = compose.services[instance];
      const user = userOf(service?.environment?.DATABASE_URL);
      expect([instance, user]).toEqual([instance, `denpyo_${name}`]);
      expect(user).not.toBe(superuser);
      // No service sees the superuser's password in any form.
      expect(JSON.stringify(service?.environment)).not.toContain('POSTGRES_PASSWORD');
      expect(Object.keys(service?.depends_on ?? {})).toContain('db-setup');
    }
    const setup = compose.services['db-setup'];
    expect(setup?.command).toEqual(['node', 'scripts/db-setup.mjs']);
    expect(userOf(setup?.environment?.DATABASE_ADMIN_URL)).toBe(superuser);
    expect(setup?.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    // The anchor role, for the portal's anchoring of the audit chains, and nothing else.
    expect(userOf(compose.services.portal?.environment?.AUDIT_ANCHOR_URL)).toBe('denpyo_anchor');
    for (const name of ['PORTAL', 'CONTRACT', 'INVOICE', 'PAYMENT', 'ANCHOR'])
      expect(setup?.environment?.[`${name}_DB_PASSWORD`]).toMatch(
        new RegExp(`^\\$\\{${name}_DB_PASSWORD:\\?`),
      );
  });

  it('builds every service command from a file the build produces', () => {
    for (const [instance, name] of [...domainInstances, ['portal', 'portal'] as const]) {
      const command = compose.services[instance]?.command;
      expect(Array.isArray(command) && command[1]).toBe(`services/${name}/dist/main.js`);
    }
  });
});
