#!/usr/bin/env node
// Local single-node Kafka 3.9 (KRaft, broker+controller in one JVM) without Docker or a Kafka
// package: jars come from Maven Central via pom.xml, the broker runs as a detached `java` process.
// Readiness checks and topic creation go through kafkajs's admin client (the client the services
// use), so no extra JVM is started for them.
//
//   node infra/kafka/kafka.mjs up|down|status|topics
//   env: KAFKA_PORT (9092; controller = port+1), KAFKA_STATE_DIR (<repo>/.data/kafka), JAVA_HOME
//   exit codes: 0 ok, 1 failure, 3 no Java, 4 no Maven
//
// Listeners: PLAINTEXT on the port (anonymous, a super user, for tests and tools), and the two
// a deployment uses: SASL_PLAINTEXT (port+2) and SASL_SSL (port+3, a self-signed certificate
// made with keytool, its PEM in <state>/tls/ca.pem), both SCRAM-SHA-256/512. The SCRAM users
// and their ACLs are those of acls.json (each service its own user, reading and writing only its
// topics), with passwords generated once into <state>/scram-credentials.json: given to a new
// data dir when it is formatted, added to an existing one (whose events are kept) once it runs.
//
// Programmatic: import { kafkaUp, kafkaDown, isKafkaReachable } from './kafka.mjs'
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const POM = path.join(HERE, 'pom.xml');
const TOPICS_FILE = path.join(HERE, 'topics.json');
const ACLS_FILE = path.join(HERE, 'acls.json');
const READY_TIMEOUT_MS = 90_000;

// kafkajs is a dependency of the platform package (its Kafka adapter), not of the root: resolve
// it as the platform does, so this script uses the same copy wherever npm placed it.
const {
  Kafka,
  logLevel,
  AclResourceTypes,
  AclOperationTypes,
  AclPermissionTypes,
  ResourcePatternTypes,
} = createRequire(path.join(REPO, 'packages', 'platform', 'package.json'))('kafkajs');

export class KafkaError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

function resolveOptions(opts = {}) {
  const host = opts.host ?? '127.0.0.1';
  const port = Number(opts.port ?? process.env.KAFKA_PORT ?? 9092);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new KafkaError(`bad port ${port}`);
  const stateDir = path.resolve(
    opts.stateDir ?? process.env.KAFKA_STATE_DIR ?? path.join(REPO, '.data', 'kafka'),
  );
  const log = opts.quiet ? () => {} : (msg) => process.stderr.write(`[kafka] ${msg}\n`);
  return {
    host,
    port,
    controllerPort: port + 1,
    saslPort: port + 2,
    sslPort: port + 3,
    stateDir,
    log,
    pidFile: path.join(stateDir, 'kafka.pid'),
    logFile: path.join(stateDir, 'kafka.log'),
    dataDir: path.join(stateDir, 'data'),
    tlsDir: path.join(stateDir, 'tls'),
    credentialsFile: path.join(stateDir, 'scram-credentials.json'),
    scramStamp: path.join(stateDir, 'data', 'scram-users.txt'),
  };
}

/** acls.json: per SCRAM user, the group it consumes in and the topics it produces and consumes. */
function readAcls() {
  return JSON.parse(fs.readFileSync(ACLS_FILE, 'utf8')).users;
}

export function readTopics() {
  return JSON.parse(fs.readFileSync(TOPICS_FILE, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Talking to the broker: kafkajs's admin client.

// A check is one attempt with short timeouts: "not reachable" is its answer, and `up` polls
// again rather than kafkajs retrying for half a minute inside one poll.
const checkSettings = (timeoutMs) => ({
  connectionTimeout: timeoutMs,
  requestTimeout: timeoutMs,
  retry: { retries: 0 },
});

// Topic work runs against a broker that has just answered; kafkajs retries its transient errors
// (a dropped connection, NOT_CONTROLLER) a few times. Requests may take as long as the broker
// is given to create topics.
const CREATE_TIMEOUT_MS = 30_000;
const TOPIC_SETTINGS = {
  connectionTimeout: 5000,
  requestTimeout: CREATE_TIMEOUT_MS + 5000,
  retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
};

/** Runs `fn` with a connected admin client, always disconnecting it afterwards. */
async function withAdmin(host, port, settings, fn) {
  const admin = new Kafka({
    clientId: 'denpyo-kafka-mjs',
    brokers: [`${host}:${port}`],
    logLevel: logLevel.NOTHING, // failures are answers here; our own messages say what happened
    ...settings,
  }).admin();
  try {
    await admin.connect();
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** True when a Kafka broker answers a Metadata request on host:port (and has a live broker). */
export async function isKafkaReachable(host = '127.0.0.1', port = 9092, timeoutMs = 2000) {
  try {
    const cluster = await withAdmin(host, Number(port), checkSettings(timeoutMs), (admin) =>
      admin.describeCluster(),
    );
    // A KRaft broker still starting answers with no registered broker, or no controller.
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  }
}

// Kafka names its own topics (__consumer_offsets, __transaction_state) with two underscores;
// kafkajs does not pass on the metadata's "internal" flag.
const isInternalTopic = (name) => name.startsWith('__');

export async function listTopics(opts = {}) {
  const o = resolveOptions(opts);
  const names = await withAdmin(o.host, o.port, checkSettings(5000), (admin) => admin.listTopics());
  return names.filter((name) => !isInternalTopic(name)).sort();
}

/** topics.json entry → kafkajs topic: `partitions` (3), `replicationFactor` (1), `config` {}. */
const topicConfig = (t) => ({
  topic: t.name,
  numPartitions: t.partitions ?? 3,
  replicationFactor: t.replicationFactor ?? 1,
  configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({
    name,
    value: String(value),
  })),
});

/** Creates the missing topics (existing ones are left as they are) and waits until usable. */
export async function ensureTopics(opts = {}) {
  const o = resolveOptions(opts);
  const wanted = opts.topics ?? readTopics();
  const names = wanted.map((t) => t.name);
  const deadline = Date.now() + 60_000;
  await withAdmin(o.host, o.port, TOPIC_SETTINGS, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.name));
    if (missing.length) {
      // False when another `up` created them first. Leaders are awaited below, for every topic.
      const created = await admin
        .createTopics({
          topics: missing.map(topicConfig),
          timeout: CREATE_TIMEOUT_MS,
          waitForLeaders: false,
        })
        .catch((error) => {
          throw new KafkaError(`topic creation failed: ${describeError(error)}`);
        });
      if (created) o.log(`created topics: ${missing.map((t) => t.name).join(', ')}`);
    }
    // Every partition needs a leader, or the first produce bounces. Fresh topics elect theirs
    // within moments; on a broker that just restarted, existing topics may still be electing.
    await pollUntil(deadline, 'topic leaders', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      return topics.every((t) => t.partitions.length && t.partitions.every((p) => p.leader >= 0));
    });
    // Looking up a group's coordinator makes the broker create __consumer_offsets now, so the
    // first consumer group in a test does not retry through "group coordinator not available".
    await pollUntil(deadline, 'the group coordinator', async () => {
      await admin.describeGroups(['denpyo-warmup']);
      return true;
    });
  });
  o.log(`topics ready (${names.length}): ${names.join(', ')}`);
}

/** Calls `check` every 200 ms until it returns true; an error counts as "not yet". */
async function pollUntil(deadline, what, check) {
  let lastError;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new KafkaError(
        `timed out waiting for ${what}${lastError ? ` (${describeError(lastError)})` : ''}`,
      );
    await sleep(200);
  }
}

// kafkajs reports a failed CreateTopics as one error holding a KafkaJSCreateTopicError per topic.
function describeError(error) {
  return error.errors?.length
    ? error.errors.map((e) => `${e.topic ?? '?'}: ${e.message}`).join('; ')
    : error.message;
}

// ---------------------------------------------------------------------------------------------
// Process management.

/** A JDK tool (java, keytool): JAVA_HOME's when set, else the one on the PATH. */
function javaBin(tool = 'java') {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', tool) : tool;
}

/** One of Kafka's command-line tools (its main class) in a JVM of its own, logging warnings only. */
function kafkaTool(o, cp, mainClass, args, options = {}) {
  return spawnSync(
    javaBin(),
    [
      `-Dlog4j.configuration=file:${path.join(o.stateDir, 'tools-log4j.properties')}`,
      '-cp',
      cp,
      mainClass,
      ...args,
    ],
    { encoding: 'utf8', ...options },
  );
}

function checkJava() {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new KafkaError(
      `Java not found (${javaBin()}): install a JDK/JRE 17+ or set JAVA_HOME. Kafka runs on the JVM.`,
      3,
    );
  const m = /version "(\d+)/.exec(r.stderr);
  if (m && Number(m[1]) < 11)
    throw new KafkaError(`Java ${m[1]} is too old; Kafka 3.9 needs 11+`, 3);
}

function readPid(o) {
  try {
    const pid = Number(fs.readFileSync(o.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Our broker: alive and really a kafka.Kafka JVM (guards against a recycled pid). */
function isOurBroker(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

// Something other than a broker may hold the port; only a plain TCP connect tells.
function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const finish = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => finish(false));
    sock.on('connect', () => finish(true));
    sock.on('error', () => finish(false));
  });
}

function resolveClasspath(o) {
  const cpFile = path.join(o.stateDir, 'classpath.txt');
  const stampFile = path.join(o.stateDir, 'classpath.pom.sha256');
  const pomHash = createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
  const cached = () => {
    try {
      if (fs.readFileSync(stampFile, 'utf8').trim() !== pomHash) return null;
      const cp = fs.readFileSync(cpFile, 'utf8').trim();
      return cp && cp.split(path.delimiter).every((j) => fs.existsSync(j)) ? cp : null;
    } catch {
      return null;
    }
  };
  const hit = cached();
  if (hit) return hit;

  const mvnArgs = [
    '-q',
    '-B',
    '-f',
    POM,
    'dependency:build-classpath',
    `-Dmdep.outputFile=${cpFile}`,
  ];
  const run = (extra) => spawnSync('mvn', [...extra, ...mvnArgs], { encoding: 'utf8' });
  o.log('resolving Kafka jars with Maven (offline first)...');
  let r = run(['-o']);
  if (r.error?.code === 'ENOENT')
    throw new KafkaError('Maven (mvn) not found: install Maven 3.8+ to fetch the Kafka jars', 4);
  if (r.status !== 0) {
    o.log('offline resolution failed, downloading from Maven Central (first run only)...');
    r = run([]);
    if (r.status !== 0)
      throw new KafkaError(
        `mvn dependency:build-classpath failed:\n${(r.stdout + r.stderr).slice(-3000)}`,
      );
  }
  fs.writeFileSync(stampFile, pomHash + '\n');
  const cp = fs.readFileSync(cpFile, 'utf8').trim();
  if (!cp) throw new KafkaError('Maven produced an empty classpath');
  return cp;
}

function writeConfig(o, tls) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@${o.host}:${o.controllerPort}`,
    listeners: [
      `PLAINTEXT://${o.host}:${o.port}`,
      `CONTROLLER://${o.host}:${o.controllerPort}`,
      `SCRAM://${o.host}:${o.saslPort}`,
      `SCRAMTLS://${o.host}:${o.sslPort}`,
    ].join(','),
    'advertised.listeners': [
      `PLAINTEXT://${o.host}:${o.port}`,
      `SCRAM://${o.host}:${o.saslPort}`,
      `SCRAMTLS://${o.host}:${o.sslPort}`,
    ].join(','),
    'listener.security.protocol.map':
      'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SCRAM:SASL_PLAINTEXT,SCRAMTLS:SASL_SSL',
    // SCRAM users (formatStorage) on the two SASL listeners; the certificate of ensureTls.
    'sasl.enabled.mechanisms': 'SCRAM-SHA-256,SCRAM-SHA-512',
    ...Object.fromEntries(
      ['scram', 'scramtls'].flatMap((listener) =>
        ['scram-sha-256', 'scram-sha-512'].map((mechanism) => [
          `listener.name.${listener}.${mechanism}.sasl.jaas.config`,
          'org.apache.kafka.common.security.scram.ScramLoginModule required;',
        ]),
      ),
    ),
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': path.join(o.tlsDir, 'broker.p12'),
    'ssl.keystore.password': tls.storePassword,
    'ssl.key.password': tls.storePassword,
    // ACLs (acls.json) bind the SCRAM users; the anonymous PLAINTEXT and controller listeners
    // (tests, tools, the broker itself) stay unrestricted.
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': 'User:ANONYMOUS',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': o.dataDir,
    'num.partitions': '3',
    'default.replication.factor': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '3',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'log.retention.hours': '24',
  };
  const file = path.join(o.stateDir, 'server.properties');
  fs.writeFileSync(
    file,
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  const log4j = (level) =>
    [
      `log4j.rootLogger=${level}, stdout`,
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.state.change.logger=WARN',
      '',
    ].join('\n');
  fs.writeFileSync(path.join(o.stateDir, 'log4j.properties'), log4j('INFO'));
  fs.writeFileSync(path.join(o.stateDir, 'tools-log4j.properties'), log4j('WARN'));
  return file;
}

/**
 * Formats the KRaft storage of a new state dir, with the SCRAM users. An existing one is never
 * formatted again: it holds the events not consumed yet, and gets users that changed once the
 * broker runs (ensureScramUsers).
 */
function formatStorage(o, cp, propsFile, credentials) {
  if (fs.existsSync(path.join(o.dataDir, 'meta.properties'))) return;
  // Kafka cluster ids are base64url-encoded 16-byte UUIDs (what `StorageTool random-uuid` prints).
  // Like Kafka's own Uuid.randomUuid, never one that starts with '-': the storage tool would read
  // it as an option (one fresh state dir in 64 failed to format).
  let clusterId;
  do clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  o.log(`formatting KRaft storage (cluster id ${clusterId})...`);
  const r = kafkaTool(o, cp, 'kafka.tools.StorageTool', [
    'format',
    '-t',
    clusterId,
    '-c',
    propsFile,
    ...Object.entries(credentials).flatMap(([name, password]) =>
      ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => [
        '--add-scram',
        `${mechanism}=[name=${name},password=${password}]`,
      ]),
    ),
  ]);
  if (r.status !== 0) throw new KafkaError(`StorageTool format failed:\n${r.stdout}${r.stderr}`);
  fs.writeFileSync(o.scramStamp, scramStamp(credentials));
}

/**
 * Adds (or sets the password of) each SCRAM user of acls.json on the running broker, keeping
 * its data: Kafka's ConfigCommand (`kafka-configs --alter --add-config SCRAM-SHA-…`) through the
 * anonymous PLAINTEXT listener, a super user. Nothing to do unless users changed since the stamp
 * (a freshly formatted dir has them all); then a short JVM per user (the tool alters one user per
 * call) and mechanism. If that fails, says how to start afresh instead of deleting anything.
 */
function ensureScramUsers(o, credentials) {
  const stale = staleScramUsers(o, credentials);
  if (stale.length === 0) return;
  const cp = resolveClasspath(o);
  for (const name of stale) {
    const password = credentials[name];
    o.log(`adding SCRAM user ${name} to the existing cluster...`);
    // One mechanism per request: the broker refuses to alter a user's credential twice in one.
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) {
      const r = kafkaTool(
        o,
        cp,
        'kafka.admin.ConfigCommand',
        [
          '--bootstrap-server',
          `${o.host}:${o.port}`,
          '--alter',
          '--entity-type',
          'users',
          '--entity-name',
          name,
          '--add-config',
          `${mechanism}=[password=${password}]`,
        ],
        { timeout: 60_000 },
      );
      if (r.error || r.status !== 0)
        throw new KafkaError(
          `could not add the SCRAM user ${name} (${mechanism}) to the broker's existing data (${o.dataDir}): ` +
            `${r.error?.message ?? `${r.stdout}${r.stderr}`.trim().slice(-2000)}\n` +
            'Its events are kept. To start with an empty broker instead (unconsumed events are lost): ' +
            `node infra/kafka/kafka.mjs down && rm -rf ${o.dataDir} && node infra/kafka/kafka.mjs up`,
        );
    }
  }
  fs.writeFileSync(o.scramStamp, scramStamp(credentials));
  o.log(`SCRAM users ready: ${Object.keys(credentials).join(', ')}`);
}

/** Per SCRAM user, a hash of its password: which users an existing cluster has to be given. */
const scramStamp = (credentials) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(credentials)
        .sort()
        .map(([name, password]) => [
          name,
          createHash('sha256').update(`${name}:${password}`).digest('hex'),
        ]),
    ),
  );

/** The users whose password the stamp does not show (all of them for a stamp from before). */
function staleScramUsers(o, credentials) {
  let stamped = {};
  try {
    stamped = JSON.parse(readText(o.scramStamp) ?? '{}');
  } catch {
    // A stamp of the first format (one hash of all users): every user is added again.
  }
  const current = JSON.parse(scramStamp(credentials));
  return Object.keys(credentials).filter((name) => stamped?.[name] !== current[name]);
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The SCRAM users of acls.json with their passwords, generated once (hex: safe in --add-scram). */
function scramCredentials(o) {
  const stored = JSON.parse(readText(o.credentialsFile) ?? '{}');
  const credentials = Object.fromEntries(
    Object.keys(readAcls()).map((name) => [name, stored[name] ?? randomBytes(18).toString('hex')]),
  );
  if (JSON.stringify(credentials) !== JSON.stringify(stored)) {
    fs.mkdirSync(o.stateDir, { recursive: true });
    fs.writeFileSync(o.credentialsFile, JSON.stringify(credentials, null, 2) + '\n', {
      mode: 0o600,
    });
  }
  return credentials;
}

/**
 * The SASL_SSL listener's key and self-signed certificate (EC P-256, for 127.0.0.1 and
 * localhost), made once with the JDK's keytool; clients trust <state>/tls/ca.pem.
 */
function ensureTls(o) {
  const keystore = path.join(o.tlsDir, 'broker.p12');
  const caFile = path.join(o.tlsDir, 'ca.pem');
  const passwordFile = path.join(o.tlsDir, 'store-password');
  const storePassword = readText(passwordFile);
  if (storePassword && fs.existsSync(keystore) && fs.existsSync(caFile))
    return { storePassword, caFile };
  fs.rmSync(o.tlsDir, { recursive: true, force: true });
  fs.mkdirSync(o.tlsDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('hex');
  const keytool = (args) => {
    const r = spawnSync(javaBin('keytool'), args, { encoding: 'utf8' });
    if (r.error || r.status !== 0)
      throw new KafkaError(`keytool ${args[0]} failed: ${r.error?.message ?? r.stderr}`);
  };
  o.log('making the TLS listener a self-signed certificate (keytool)...');
  keytool([
    '-genkeypair',
    '-alias',
    'broker',
    '-keyalg',
    'EC',
    '-groupname',
    'secp256r1',
    '-validity',
    '3650',
    '-dname',
    'CN=localhost',
    '-ext',
    `SAN=ip:${o.host},dns:localhost`,
    '-keystore',
    keystore,
    '-storetype',
    'PKCS12',
    '-storepass',
    password,
    '-keypass',
    password,
  ]);
  keytool([
    '-exportcert',
    '-rfc',
    '-alias',
    'broker',
    '-keystore',
    keystore,
    '-storepass',
    password,
    '-file',
    caFile,
  ]);
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  return { storePassword: password, caFile };
}

/** The ACLs of acls.json (idempotent: the broker keeps one copy of each binding). */
async function ensureAcls(o) {
  const bindings = [];
  const allow = (resourceType, resourceName, principal, operation, pattern = 'LITERAL') =>
    bindings.push({
      resourceType,
      resourceName,
      resourcePatternType: ResourcePatternTypes[pattern],
      principal: `User:${principal}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
  for (const [user, { group, produce, consume }] of Object.entries(readAcls())) {
    const topic = (name, operation) => allow(AclResourceTypes.TOPIC, name, user, operation);
    for (const name of produce) {
      topic(name, AclOperationTypes.WRITE);
      topic(name, AclOperationTypes.DESCRIBE);
    }
    for (const name of consume) {
      topic(name, AclOperationTypes.READ);
      topic(name, AclOperationTypes.DESCRIBE);
      // A message that keeps failing goes to the consumed topic's dead letters (consumer.ts).
      topic(`${name}.dlq`, AclOperationTypes.WRITE);
      topic(`${name}.dlq`, AclOperationTypes.DESCRIBE);
    }
    // Prefixed, so a test's own group (`payment-service-<id>`) never joins the service's.
    allow(AclResourceTypes.GROUP, group, user, AclOperationTypes.READ, 'PREFIXED');
  }
  await withAdmin(o.host, o.port, TOPIC_SETTINGS, (admin) => admin.createAcls({ acl: bindings }));
  o.log(`ACLs ready for ${Object.keys(readAcls()).join(', ')}`);
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitReady(o, pid) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (pid && !isOurBroker(pid))
      throw new KafkaError(
        `broker exited during startup; log tail (${o.logFile}):\n${tail(o.logFile)}`,
      );
    if (await isKafkaReachable(o.host, o.port, 2000)) return;
    await sleep(300);
  }
  throw new KafkaError(
    `broker not ready after ${READY_TIMEOUT_MS / 1000}s; log tail (${o.logFile}):\n${tail(o.logFile)}`,
  );
}

// Cross-process lock so parallel `up` calls (e.g. several test workers) start one broker.
async function withLock(o, fn) {
  const lockDir = path.join(o.stateDir, 'up.lock');
  const deadline = Date.now() + READY_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'));
      } catch {
        /* owner not written yet */
      }
      let alive = false;
      try {
        if (owner) {
          process.kill(owner, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (owner && !alive) fs.rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new KafkaError(`lock ${lockDir} held by pid ${owner}`);
      else await sleep(300);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Start the broker if nothing answers on the port, then make sure the topics exist.
 * Resolves { started: boolean, pid: number|null, host, port, bootstrap, readyMs }.
 */
export async function kafkaUp(opts = {}) {
  const o = resolveOptions(opts);
  const t0 = Date.now();
  // The SCRAM listeners, when this broker has them (one started before them does not).
  const secured = async () =>
    (await tcpOpen(o.host, o.saslPort)) && (await tcpOpen(o.host, o.sslPort))
      ? {
          saslBootstrap: `${o.host}:${o.saslPort}`,
          sslBootstrap: `${o.host}:${o.sslPort}`,
          caFile: path.join(o.tlsDir, 'ca.pem'),
          credentialsFile: o.credentialsFile,
        }
      : {};
  const result = async (started, pid) => {
    const security = await secured();
    if (security.saslBootstrap) {
      await ensureAcls(o);
      o.log(
        `SCRAM listeners: SASL_PLAINTEXT ${security.saslBootstrap}, SASL_SSL ${security.sslBootstrap} (CA ${security.caFile}; users ${security.credentialsFile})`,
      );
    }
    return {
      started,
      pid,
      host: o.host,
      port: o.port,
      bootstrap: `${o.host}:${o.port}`,
      ...security,
      readyMs: Date.now() - t0,
    };
  };

  // A broker of this state dir gets the SCRAM users acls.json has now (a no-op when it has them).
  const ownUsers = (pid) => {
    if (isOurBroker(pid) && fs.existsSync(path.join(o.dataDir, 'meta.properties')))
      ensureScramUsers(o, scramCredentials(o));
  };

  if (await isKafkaReachable(o.host, o.port)) {
    o.log(`already running on ${o.host}:${o.port}`);
    await ensureTopics(opts);
    ownUsers(readPid(o));
    return result(false, readPid(o));
  }
  fs.mkdirSync(o.stateDir, { recursive: true });

  return withLock(o, async () => {
    // Another process may have started it (or it is still booting) while we waited for the lock.
    const existing = readPid(o);
    if (isOurBroker(existing)) {
      o.log(`broker pid ${existing} is starting, waiting...`);
      await waitReady(o, existing);
      await ensureTopics(opts);
      ownUsers(existing);
      return result(false, existing);
    }
    if (await tcpOpen(o.host, o.port))
      throw new KafkaError(
        `${o.host}:${o.port} is in use by something that does not answer as Kafka`,
      );

    checkJava();
    const cp = resolveClasspath(o);
    const propsFile = writeConfig(o, ensureTls(o));
    formatStorage(o, cp, propsFile, scramCredentials(o));

    if (fs.existsSync(o.logFile)) fs.renameSync(o.logFile, `${o.logFile}.prev`);
    const out = fs.openSync(o.logFile, 'a');
    o.log(
      `starting broker on ${o.host}:${o.port} (controller ${o.controllerPort}), log ${o.logFile}`,
    );
    const child = spawn(
      javaBin(),
      [
        '-Xms256m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${path.join(o.stateDir, 'log4j.properties')}`,
        `-Dkafka.logs.dir=${path.join(o.stateDir, 'logs')}`,
        '-cp',
        cp,
        'kafka.Kafka',
        propsFile,
      ],
      { detached: true, stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    child.unref();
    fs.writeFileSync(o.pidFile, `${child.pid}\n`);

    await waitReady(o, child.pid);
    o.log(`broker ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (pid ${child.pid})`);
    ownUsers(child.pid);
    await ensureTopics(opts);
    return result(true, child.pid);
  });
}

/** Stop the broker started by kafkaUp (SIGTERM, up to 30s, then SIGKILL). Harmless when not running. */
export async function kafkaDown(opts = {}) {
  const o = resolveOptions(opts);
  const pid = readPid(o);
  if (!isOurBroker(pid)) {
    fs.rmSync(o.pidFile, { force: true });
    if (await isKafkaReachable(o.host, o.port))
      o.log(`not started by this script (no pid file); leaving ${o.host}:${o.port} alone`);
    else o.log('not running');
    return { stopped: false };
  }
  o.log(`stopping broker pid ${pid}...`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (isOurBroker(pid) && Date.now() < deadline) await sleep(200);
  if (isOurBroker(pid)) {
    o.log('still alive after 30s, sending SIGKILL');
    process.kill(pid, 'SIGKILL');
    while (isOurBroker(pid)) await sleep(100);
  }
  fs.rmSync(o.pidFile, { force: true });
  o.log('stopped');
  return { stopped: true };
}

// ---------------------------------------------------------------------------------------------

async function main(cmd) {
  const o = resolveOptions();
  switch (cmd) {
    case 'up':
      await kafkaUp();
      return 0;
    case 'down':
      await kafkaDown();
      return 0;
    case 'status': {
      const ok = await isKafkaReachable(o.host, o.port);
      o.log(ok ? `reachable on ${o.host}:${o.port}` : `not reachable on ${o.host}:${o.port}`);
      return ok ? 0 : 1;
    }
    case 'topics':
      process.stdout.write((await listTopics()).join('\n') + '\n');
      return 0;
    default:
      process.stderr.write('usage: node infra/kafka/kafka.mjs up|down|status|topics\n');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[kafka] error: ${err.message}\n`);
      process.exit(err instanceof KafkaError ? err.exitCode : 1);
    },
  );
}
