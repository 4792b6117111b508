#!/usr/bin/env node
// Local single-node Kafka 3.9 (KRaft, broker+controller in one JVM) without Docker or a Kafka
// package: jars come from Maven Central via pom.xml, the broker runs as a detached `java` process.
// Readiness checks and topic creation speak the Kafka wire protocol directly (Metadata v1,
// CreateTopics v2) so no extra JVM is started for them.
//
//   node infra/kafka/kafka.mjs up|down|status|topics
//   env: KAFKA_PORT (9092; controller = port+1), KAFKA_STATE_DIR (<repo>/.data/kafka), JAVA_HOME
//   exit codes: 0 ok, 1 failure, 3 no Java, 4 no Maven
//
// Programmatic: import { kafkaUp, kafkaDown, isKafkaReachable } from './kafka.mjs'
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const POM = path.join(HERE, 'pom.xml');
const TOPICS_FILE = path.join(HERE, 'topics.json');
const READY_TIMEOUT_MS = 90_000;

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
    stateDir,
    log,
    pidFile: path.join(stateDir, 'kafka.pid'),
    logFile: path.join(stateDir, 'kafka.log'),
    dataDir: path.join(stateDir, 'data'),
  };
}

export function readTopics() {
  return JSON.parse(fs.readFileSync(TOPICS_FILE, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Minimal Kafka wire protocol (one request per connection).

function str(s) {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeInt16BE(b.length);
  return Buffer.concat([len, b]);
}
const i8 = (v) => Buffer.from([v]);
const i16 = (v) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
};
const i32 = (v) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};

class Reader {
  constructor(buf) {
    this.b = buf;
    this.o = 0;
  }
  i8() {
    return this.b.readInt8((this.o += 1) - 1);
  }
  i16() {
    return this.b.readInt16BE((this.o += 2) - 2);
  }
  i32() {
    return this.b.readInt32BE((this.o += 4) - 4);
  }
  str() {
    const n = this.i16();
    if (n < 0) return null;
    const s = this.b.toString('utf8', this.o, this.o + n);
    this.o += n;
    return s;
  }
  array(fn) {
    const n = this.i32();
    const out = [];
    for (let i = 0; i < n; i++) out.push(fn());
    return out;
  }
}

function kafkaRequest(host, port, apiKey, apiVersion, body, timeoutMs = 3000) {
  const correlationId = Math.floor(Math.random() * 0x7fffffff);
  const payload = Buffer.concat([
    i16(apiKey),
    i16(apiVersion),
    i32(correlationId),
    str('denpyo-kafka-mjs'),
    body,
  ]);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    const done = (err, res) => {
      sock.destroy();
      if (err) reject(err);
      else resolve(res);
    };
    sock.setTimeout(timeoutMs, () => done(new Error(`timeout talking to ${host}:${port}`)));
    sock.on('error', done);
    sock.on('connect', () => sock.write(Buffer.concat([i32(payload.length), payload])));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      const size = buf.readInt32BE(0);
      if (buf.length < 4 + size) return;
      const r = new Reader(buf.subarray(4, 4 + size));
      if (r.i32() !== correlationId) return done(new Error('correlation id mismatch'));
      done(null, r);
    });
    sock.on('end', () => done(new Error('connection closed before a full response')));
  });
}

async function fetchMetadata(host, port, timeoutMs) {
  // Metadata v1, topics = null (all topics)
  const r = await kafkaRequest(host, port, 3, 1, i32(-1), timeoutMs);
  const brokers = r.array(() => ({ nodeId: r.i32(), host: r.str(), port: r.i32(), rack: r.str() }));
  const controllerId = r.i32();
  const topics = r.array(() => ({
    error: r.i16(),
    name: r.str(),
    internal: r.i8() !== 0,
    partitions: r.array(() => ({
      error: r.i16(),
      index: r.i32(),
      leader: r.i32(),
      replicas: r.array(() => r.i32()),
      isr: r.array(() => r.i32()),
    })),
  }));
  return { brokers, controllerId, topics };
}

async function createTopicsRequest(host, port, topics) {
  // CreateTopics v2: [name, partitions, replication, assignments[], configs[]], timeout, validateOnly
  const body = Buffer.concat([
    i32(topics.length),
    ...topics.map((t) =>
      Buffer.concat([
        str(t.name),
        i32(t.partitions ?? 3),
        i16(t.replicationFactor ?? 1),
        i32(0),
        i32(0),
      ]),
    ),
    i32(30_000),
    i8(0),
  ]);
  const r = await kafkaRequest(host, port, 19, 2, body, 35_000);
  r.i32(); // throttle_time_ms
  return r.array(() => ({ name: r.str(), error: r.i16(), message: r.str() }));
}

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

/** True when a Kafka broker answers a Metadata request on host:port (and has a live broker). */
export async function isKafkaReachable(host = '127.0.0.1', port = 9092, timeoutMs = 2000) {
  try {
    const md = await fetchMetadata(host, Number(port), timeoutMs);
    return md.brokers.length > 0 && md.controllerId >= 0;
  } catch {
    return false;
  }
}

export async function listTopics(opts = {}) {
  const o = resolveOptions(opts);
  const md = await fetchMetadata(o.host, o.port, 5000);
  return md.topics
    .filter((t) => !t.internal)
    .map((t) => t.name)
    .sort();
}

const RETRIABLE = new Set([5, 7, 41]); // LEADER_NOT_AVAILABLE, REQUEST_TIMED_OUT, NOT_CONTROLLER

export async function ensureTopics(opts = {}) {
  const o = resolveOptions(opts);
  const wanted = opts.topics ?? readTopics();
  const deadline = Date.now() + 60_000;
  let pending = wanted;
  while (pending.length) {
    const results = await createTopicsRequest(o.host, o.port, pending);
    const created = results.filter((x) => x.error === 0).map((x) => x.name);
    const bad = results.filter((x) => x.error !== 0 && x.error !== 36 && !RETRIABLE.has(x.error));
    if (bad.length)
      throw new KafkaError(
        `topic creation failed: ${bad.map((x) => `${x.name}: error ${x.error} ${x.message ?? ''}`).join('; ')}`,
      );
    if (created.length) o.log(`created topics: ${created.join(', ')}`);
    const retry = new Set(results.filter((x) => RETRIABLE.has(x.error)).map((x) => x.name));
    pending = pending.filter((t) => retry.has(t.name));
    if (pending.length) {
      if (Date.now() > deadline) throw new KafkaError('timed out creating topics');
      await sleep(500);
    }
  }
  // Wait until every partition has a leader so the first produce does not bounce.
  const names = new Set(wanted.map((t) => t.name));
  while (true) {
    const md = await fetchMetadata(o.host, o.port, 5000);
    const ours = md.topics.filter((t) => names.has(t.name));
    const ready =
      ours.length === names.size &&
      ours.every(
        (t) => t.error === 0 && t.partitions.length && t.partitions.every((p) => p.leader >= 0),
      );
    if (ready) break;
    if (Date.now() > deadline) throw new KafkaError('timed out waiting for topic leaders');
    await sleep(200);
  }
  o.log(`topics ready (${wanted.length}): ${[...names].join(', ')}`);
  await warmGroupCoordinator(o, deadline);
}

// FindCoordinator makes the broker create __consumer_offsets now, so the first consumer group in
// a test does not have to retry through "group coordinator not available".
async function warmGroupCoordinator(o, deadline) {
  for (;;) {
    const r = await kafkaRequest(o.host, o.port, 10, 0, str('denpyo-warmup'), 5000);
    if (r.i16() === 0) return;
    if (Date.now() > deadline) throw new KafkaError('timed out waiting for the group coordinator');
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------
// Process management.

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
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

function writeConfig(o) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@${o.host}:${o.controllerPort}`,
    listeners: `PLAINTEXT://${o.host}:${o.port},CONTROLLER://${o.host}:${o.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${o.host}:${o.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
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

function formatStorage(o, cp, propsFile) {
  if (fs.existsSync(path.join(o.dataDir, 'meta.properties'))) return;
  // Kafka cluster ids are base64url-encoded 16-byte UUIDs (what `StorageTool random-uuid` prints).
  const clusterId = randomBytes(16).toString('base64url');
  o.log(`formatting KRaft storage (cluster id ${clusterId})...`);
  const r = spawnSync(
    javaBin(),
    [
      `-Dlog4j.configuration=file:${path.join(o.stateDir, 'tools-log4j.properties')}`,
      '-cp',
      cp,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      propsFile,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new KafkaError(`StorageTool format failed:\n${r.stdout}${r.stderr}`);
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
  const result = (started, pid) => ({
    started,
    pid,
    host: o.host,
    port: o.port,
    bootstrap: `${o.host}:${o.port}`,
    readyMs: Date.now() - t0,
  });

  if (await isKafkaReachable(o.host, o.port)) {
    o.log(`already running on ${o.host}:${o.port}`);
    await ensureTopics(opts);
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
      return result(false, existing);
    }
    if (await tcpOpen(o.host, o.port))
      throw new KafkaError(
        `${o.host}:${o.port} is in use by something that does not answer as Kafka`,
      );

    checkJava();
    const cp = resolveClasspath(o);
    const propsFile = writeConfig(o);
    formatStorage(o, cp, propsFile);

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
