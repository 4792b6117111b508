import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { COMMON_OPERATIONS } from '@denpyo/schemas';
import {
  generateSigningKey,
  requirePublicKeys,
  serviceEnvSchema,
  type ServiceDefinition,
} from '@denpyo/platform';
import { contractService } from '@denpyo/contract';
import { invoiceService } from '@denpyo/invoice';
import { DEMO_REQUESTER_ENV, paymentService } from '@denpyo/payment';
import { portalService } from '@denpyo/portal';

// Kubernetes cannot run here, so this test reads infra/k8s as the API server and the kubelet
// would (kustomization, references, environment expansion) and checks it against the code: the
// services' probes and ports, their configuration schemas, and docker-compose.yml.
const root = join(__dirname, '..', '..', '..');
const k8sDir = join(root, 'infra', 'k8s');

interface Metadata {
  name: string;
  labels?: Record<string, string>;
}
interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: EnvVar[];
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
  containers: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string };
    configMap?: { name: string };
  }[];
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: PodTemplate;
    ports?: { port: number; targetPort: string | number }[];
    minAvailable?: number;
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const readObjects = (file: string): K8sObject[] =>
  parseAllDocuments(readFileSync(join(k8sDir, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    return doc.toJS() as K8sObject;
  });

const kustomization = parse(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
};
const objects = kustomization.resources.flatMap(readObjects);
/** What each site makes itself (its Secrets, the Kafka CA), as site.example.yaml declares it. */
const siteObjects = readObjects('site.example.yaml');

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { image?: string; command?: string[]; environment?: Record<string, unknown> }
  >;
};

const find = (kind: string, name: string, among = objects) => {
  const object = among.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind} ${name}`);
  return object;
};
const podOf = (object: K8sObject) => {
  const template = object.spec?.template;
  if (!template) throw new Error(`${object.kind} ${object.metadata.name} has no pod template`);
  return template;
};
const containerOf = (object: K8sObject) => {
  const [container, ...others] = podOf(object).spec.containers;
  if (!container || others.length > 0) throw new Error(`${object.metadata.name}: one container`);
  return container;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the four definitions differ in type
const services: ServiceDefinition<any, any, any>[] = [
  contractService,
  invoiceService,
  paymentService,
  portalService,
];
const domainServices = services.filter((service) => service.usesEvents);
const deploymentOf = (service: { name: string }) => find('Deployment', service.name);

/** Whether `labels` carries every label of `selector`. */
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);

/** The container port a probe or a Service's targetPort names (by name or number). */
const portNumber = (container: Container, port: string | number | undefined) =>
  typeof port === 'number'
    ? container.ports?.find((p) => p.containerPort === port)?.containerPort
    : container.ports?.find((p) => p.name === port)?.containerPort;

/** A resource quantity in bytes (Ki, Mi, Gi, k, M, G or none). */
function bytes(quantity: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(quantity ?? '');
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * (match[2] ? unit[match[2] as keyof typeof unit] : 1);
}

/**
 * What a site puts in its own Secrets and ConfigMaps, where site.example.yaml leaves them
 * empty: values the services accept (the demo 依頼人 account, a fresh signing key).
 */
function siteValue(object: string, key: string): string {
  if (object === 'denpyo-payment-requester') {
    const value = (DEMO_REQUESTER_ENV as Record<string, string>)[key];
    if (value === undefined) throw new Error(`no such requester setting: ${key}`);
    return value;
  }
  if (key.endsWith('.json')) return JSON.stringify({ keys: [generateSigningKey()] });
  if (key.endsWith('.pem')) return '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  return 'site-secret-0123456789abcdef-0123456789';
}

/** The data of a ConfigMap or Secret of the manifests, or of the site (filled in). */
function dataOf(kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> {
  const own = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (own) return { ...own.data, ...own.stringData };
  const site = find(kind, name, siteObjects);
  return Object.fromEntries(
    Object.keys({ ...site.data, ...site.stringData }).map((key) => [key, siteValue(name, key)]),
  );
}

/**
 * The environment the kubelet gives a container: envFrom first, then env in order, `$(NAME)`
 * expanded from what is defined before it (`$$` escapes). Files the environment names in a
 * mounted ConfigMap or Secret are written under `files`, and the names point there.
 */
function environmentOf(pod: PodSpec, container: Container, files: string) {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, dataOf('ConfigMap', source.configMapRef.name));
    if (source.secretRef) Object.assign(env, dataOf('Secret', source.secretRef.name));
  }
  const referenced = new Set<string>();
  for (const variable of container.env ?? []) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    const ref = secretKeyRef ?? configMapKeyRef;
    if (ref) {
      const value = dataOf(secretKeyRef ? 'Secret' : 'ConfigMap', ref.name)[ref.key];
      if (value === undefined) throw new Error(`${ref.name} has no key ${ref.key}`);
      env[variable.name] = value;
    } else {
      env[variable.name] = (variable.value ?? '').replace(
        /\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (whole, name?: string) => {
          if (!name) return '$';
          referenced.add(name);
          return env[name] ?? whole;
        },
      );
    }
  }
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.volumes?.find((v) => v.name === mount.name);
    const data = volume?.secret
      ? dataOf('Secret', volume.secret.secretName)
      : volume?.configMap
        ? dataOf('ConfigMap', volume.configMap.name)
        : {};
    for (const [key, value] of Object.entries(data)) {
      const file = join(files, mount.mountPath, key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, value);
    }
    for (const [name, value] of Object.entries(env))
      if (value.startsWith(`${mount.mountPath}/`)) env[name] = join(files, value);
  }
  return { env, referenced };
}

/** scrypt's block size r (the portal's service.ts): a hash takes 128·N·r bytes. */
const SCRYPT_BLOCK_SIZE = 8;

/** The environment a service's process parses at start (as runService composes it). */
const configSchemaOf = (service: (typeof services)[number]) =>
  z
    .intersection(serviceEnvSchema, service.settings ?? z.object({}))
    .superRefine(service.tokenVerifier ? () => undefined : requirePublicKeys);

/** The variable names a zod schema of objects reads (through pipes and intersections). */
function settingNames(schema: unknown): string[] {
  const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type === 'pipe') return settingNames(def.in);
  if (def.type === 'intersection') return [...settingNames(def.left), ...settingNames(def.right)];
  return [];
}

describe('infra/k8s', () => {
  let files: string;
  beforeAll(() => {
    files = mkdtempSync(join(tmpdir(), 'denpyo-k8s-'));
  });
  afterAll(() => rmSync(files, { recursive: true, force: true }));

  it('applies every manifest of the folder but the site’s example', () => {
    const manifests = readdirSync(k8sDir).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(
      manifests.filter((file) => !file.endsWith('.example.yaml')).sort(),
    );
    // No secret travels with the manifests: the site makes its own.
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it.each(services.map((service) => [service.name, service] as const))(
    'runs the %s service from the image and command compose runs, on its port',
    (name, service) => {
      const container = containerOf(deploymentOf(service));
      const composed = compose.services[name];
      expect(container.image).toBe(composed?.image);
      expect(container.command).toEqual(composed?.command);
      expect(container.ports).toEqual([{ name: 'http', containerPort: service.defaultPort }]);
      expect(Number(composed?.environment?.PORT)).toBe(service.defaultPort);
      expect(container.env?.find((v) => v.name === 'PORT')?.value).toBe(
        String(service.defaultPort),
      );
    },
  );

  it.each(domainServices.map((service) => [service.name, service] as const))(
    'runs two instances of the %s service',
    (_name, service) => {
      expect(deploymentOf(service).spec?.replicas).toBe(2);
    },
  );

  it.each(services.map((service) => [service.name, service] as const))(
    'checks the %s service’s liveness and readiness where it answers them',
    (_name, service) => {
      const container = containerOf(deploymentOf(service));
      const probed = (probe: Probe | undefined) => [
        probe?.httpGet?.path,
        portNumber(container, probe?.httpGet?.port),
      ];
      const health = [COMMON_OPERATIONS.getHealth.path, service.defaultPort];
      expect(probed(container.livenessProbe)).toEqual(health);
      expect(probed(container.startupProbe)).toEqual(health);
      expect(probed(container.readinessProbe)).toEqual([
        COMMON_OPERATIONS.getReadiness.path,
        service.defaultPort,
      ]);
    },
  );

  it.each(services.map((service) => [service.name, service] as const))(
    'gives the %s service a Service selecting its pods, where the others look for it',
    (name, service) => {
      const deployment = deploymentOf(service);
      const labels = podOf(deployment).metadata.labels;
      expect(selects(deployment.spec?.selector?.matchLabels, labels)).toBe(true);
      const serviceObject = find('Service', name);
      expect(selects(serviceObject.spec?.selector, labels)).toBe(true);
      // Selects no other Deployment's pods.
      for (const other of objects.filter((o) => o.kind === 'Deployment' && o !== deployment))
        expect(selects(serviceObject.spec?.selector, podOf(other).metadata.labels)).toBe(false);
      const [port, ...more] = serviceObject.spec?.ports ?? [];
      expect(more).toEqual([]);
      expect(portNumber(containerOf(deployment), port?.targetPort)).toBe(service.defaultPort);
      const address = `http://${name}:${port?.port}`;
      if (name === 'portal') {
        expect(dataOf('ConfigMap', 'denpyo-config').AUTH_JWKS_URL).toBe(
          `${address}/.well-known/jwks.json`,
        );
      } else {
        const portal = containerOf(find('Deployment', 'portal'));
        expect(portal.env?.find((v) => v.name === `${name.toUpperCase()}_URL`)?.value).toBe(
          address,
        );
      }
    },
  );

  it('keeps one pod of every Deployment of more than one through voluntary disruptions', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const deployment of deployments.filter((d) => (d.spec?.replicas ?? 1) > 1)) {
      const labels = podOf(deployment).metadata.labels;
      const covering = budgets.filter((b) => selects(b.spec?.selector?.matchLabels, labels));
      expect([deployment.metadata.name, covering.length]).toEqual([deployment.metadata.name, 1]);
      const minAvailable = covering[0]?.spec?.minAvailable ?? 0;
      expect(minAvailable).toBeGreaterThanOrEqual(1);
      expect(minAvailable).toBeLessThan(deployment.spec?.replicas ?? 1);
    }
  });

  it('requests CPU and memory for every container and limits its memory above that', () => {
    for (const object of objects.filter((o) => o.spec?.template)) {
      const { requests, limits } = containerOf(object).resources ?? {};
      expect([object.metadata.name, requests?.cpu]).toEqual([
        object.metadata.name,
        expect.stringMatching(/^\d+m?$/),
      ]);
      expect(bytes(limits?.memory)).toBeGreaterThanOrEqual(bytes(requests?.memory));
    }
  });

  it('leaves the portal room for the sign-ins it hashes at once', () => {
    const deployment = find('Deployment', 'portal');
    const container = containerOf(deployment);
    // Set: by default as many as the node has cores, which no pod's limit can follow.
    expect(container.env?.map((v) => v.name)).toContain('PASSWORD_HASH_CONCURRENCY');
    const { env } = environmentOf(podOf(deployment).spec, container, join(files, 'scrypt'));
    const settings = configSchemaOf(portalService).parse(env) as {
      PASSWORD_HASH_CONCURRENCY: number;
      PASSWORD_SCRYPT_LOG_N: number;
    };
    const hashBytes = 128 * 2 ** settings.PASSWORD_SCRYPT_LOG_N * SCRYPT_BLOCK_SIZE;
    const { requests, limits } = container.resources ?? {};
    expect(bytes(limits?.memory) - bytes(requests?.memory)).toBeGreaterThanOrEqual(
      settings.PASSWORD_HASH_CONCURRENCY * hashBytes,
    );
  });

  it('runs every pod as the image’s non-root user on a read-only root filesystem', () => {
    // The final stage's user is the official node image's `node`, uid 1000.
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect([...dockerfile.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1]).toBe('node');
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].at(-1)?.[1]).toMatch(/^node:20-/);
    const pods = objects.filter((o) => o.spec?.template);
    expect(pods.map((o) => o.kind)).toEqual(expect.arrayContaining(['Deployment', 'Job']));
    for (const object of pods) {
      const pod = podOf(object).spec;
      expect([object.metadata.name, pod.securityContext]).toMatchObject([
        object.metadata.name,
        { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      ]);
      expect(pod.automountServiceAccountToken).toBe(false);
      // Service links would put PORTAL_PORT=tcp://… and the like beside the settings.
      expect(pod.enableServiceLinks).toBe(false);
      expect(containerOf(object).securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(containerOf(object).image).toBe(compose.services.portal?.image);
    }
  });

  it.each(services.map((service) => [service.name, service] as const))(
    'gives the %s service every setting its configuration requires, by its exact name',
    (name, service) => {
      const deployment = deploymentOf(service);
      const container = containerOf(deployment);
      const { env, referenced } = environmentOf(
        podOf(deployment).spec,
        container,
        join(files, name),
      );
      const schema = configSchemaOf(service);
      const parsed = schema.safeParse(env);
      expect(parsed.error?.issues ?? []).toEqual([]);
      // Nothing the process would not read: a misspelt name would be silently ignored.
      const known = new Set(settingNames(schema));
      expect(Object.keys(env).filter((key) => !known.has(key) && !referenced.has(key))).toEqual([]);
      const settings = parsed.data as Record<string, unknown>;
      expect(settings.DEMO_MODE).toBe(false);
      expect(new URL(String(settings.DATABASE_URL)).username).toBe(`denpyo_${name}`);
      if (service.usesEvents) {
        // Kafka, as the service's own user, with at least a partition per instance.
        expect(settings.KAFKA_BROKERS).toEqual([expect.any(String)]);
        expect(settings.KAFKA_SASL_USERNAME).toBe(name);
        expect(settings.EVENT_TOPIC_PARTITIONS).toBeGreaterThanOrEqual(
          deployment.spec?.replicas ?? 1,
        );
      } else {
        expect(settings.KAFKA_BROKERS).toBeUndefined();
        expect(new URL(String(settings.AUDIT_ANCHOR_URL)).username).toBe('denpyo_anchor');
      }
    },
  );

  it('migrates with the administrator’s credentials in a Job of their own, as compose does', () => {
    const job = find('Job', 'denpyo-db-setup');
    const container = containerOf(job);
    const setup = compose.services['db-setup'];
    expect(container.command).toEqual(setup?.command);
    expect(container.image).toBe(setup?.image);
    expect(container.env?.map((v) => v.name).sort()).toEqual(
      Object.keys(setup?.environment ?? {}).sort(),
    );
    for (const variable of container.env ?? [])
      expect(variable.valueFrom?.secretKeyRef).toBeDefined();
    const secretOf = (env: EnvVar[] | undefined, name: string) =>
      env?.find((v) => v.name === name)?.valueFrom?.secretKeyRef;
    // The administrator's Secret reaches no other pod.
    const admin = secretOf(container.env, 'DATABASE_ADMIN_URL')?.name;
    for (const other of objects.filter((o) => o.spec?.template && o !== job))
      expect(JSON.stringify(podOf(other))).not.toContain(`"${admin}"`);
    // Each role's password comes from the Secret its process builds its URL from.
    for (const service of services) {
      const process = containerOf(deploymentOf(service)).env;
      const url = process?.find((v) => v.name === 'DATABASE_URL')?.value ?? '';
      const ingredient = /\$\(([A-Z_]+)\)@/.exec(url)?.[1] ?? '';
      expect(secretOf(process, ingredient)).toEqual(
        secretOf(container.env, `${service.name.toUpperCase()}_DB_PASSWORD`),
      );
    }
    const portal = containerOf(find('Deployment', 'portal')).env;
    const anchorIngredient =
      /\$\(([A-Z_]+)\)@/.exec(
        portal?.find((v) => v.name === 'AUDIT_ANCHOR_URL')?.value ?? '',
      )?.[1] ?? '';
    expect(secretOf(portal, anchorIngredient)).toEqual(
      secretOf(container.env, 'ANCHOR_DB_PASSWORD'),
    );
  });

  it('has no working default for anything the site provides', () => {
    for (const object of siteObjects) {
      expect(['Secret', 'ConfigMap']).toContain(object.kind);
      for (const [key, value] of Object.entries({ ...object.data, ...object.stringData }))
        expect([object.metadata.name, key, value]).toEqual([object.metadata.name, key, '']);
    }
  });
});
