import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { TOPICS } from '@denpyo/schemas';
import { ANCHOR_MIGRATIONS } from '../audit-anchor';
import { ANCHOR_SCHEMA } from '../audit-chain';
import { deadLetterTopic } from '../events/event-bus';
import { EVENTLOG_MIGRATIONS } from '../events/postgres-event-log/migrations';
import { migrate, PLATFORM_MIGRATIONS, type MigrationSource } from './migrator';
import { assertIdentifier } from './pool';

/**
 * Least privilege in the database (issue 8). One place sets it up, with an administrator's
 * connection (the superuser of the embedded PostgreSQL, or the compose image's POSTGRES_USER):
 *
 * - `<prefix>_owner` (NOLOGIN) owns every schema, table, sequence and function; migrations run
 *   as it (the administrator's session `SET ROLE`s to it).
 * - `<prefix>_<service>` (LOGIN), one per process: USAGE on its own schema only (and on the
 *   shared PostgreSQL event log schema for the three that use events); SELECT, INSERT, UPDATE,
 *   DELETE on its tables, but only SELECT and INSERT on audit_log and only SELECT on
 *   schema_migrations; it owns nothing, so it cannot ALTER, DISABLE TRIGGER or TRUNCATE.
 *   In the event log, row-level security gives it what infra/kafka/acls.json gives it on Kafka
 *   (eventLogRights): it reads every message but appends only to its own topic and to the
 *   dead letters of the topics it reads, and keeps only its own group's offsets.
 * - `<prefix>_anchor` (LOGIN): reads the chain columns (id, chain_seq, hash) of each audit_log
 *   and inserts into audit_anchor.anchors, nothing else. Services may read the anchors.
 *
 * Idempotent: run it at every start (after new migrations it grants on the new tables too).
 */

export type ServiceName = 'portal' | 'contract' | 'invoice' | 'payment';

export interface ServiceDatabase {
  name: ServiceName;
  /** The service's schema (DB_SCHEMA; the service's name unless set). */
  schema: string;
  /** Its migrations: the platform's and its own (serviceMigrations). */
  migrations: readonly MigrationSource[];
  /** Whether it uses the PostgreSQL event log schema (the three domain services). */
  usesEventLog: boolean;
}

export interface DatabaseSetup {
  /** Role names are `<prefix>_owner`, `<prefix>_<service>`, `<prefix>_anchor`; `denpyo` unless set. */
  prefix?: string;
  services: readonly ServiceDatabase[];
  /** The shared PostgreSQL event log's schema (EVENT_LOG_SCHEMA); none when Kafka carries events. */
  eventLogSchema?: string;
  /**
   * The login roles' passwords by role name; a missing one is generated (and returned), so the
   * caller keeps them (embedded mode: a file in the data dir; compose: the environment).
   */
  passwords?: Readonly<Record<string, string>>;
}

export interface ProvisionedDatabase {
  owner: string;
  anchor: { role: string; url: string };
  /** Each service's role and its connection URL (the administrator's URL with that login). */
  services: Record<string, { role: string; url: string; schema: string }>;
  /** Every login role's password, including the generated ones. */
  passwords: Record<string, string>;
}

/**
 * What a service may do in the PostgreSQL event log, as on Kafka (infra/kafka/acls.json): each
 * publishes its own topic and reads the other two, dead-letters what it reads, and commits
 * offsets for its consumer group (`<name>-service`, or a name that starts with it).
 */
export function eventLogRights(
  name: ServiceName,
): { group: string; publish: string[]; consume: string[] } | undefined {
  if (name === 'portal') return undefined;
  const own = TOPICS[name];
  const consume = Object.values(TOPICS).filter((topic) => topic !== own);
  return { group: `${name}-service`, publish: [own, ...consume.map(deadLetterTopic)], consume };
}

const EVENT_LOG_TABLES = ['topics', 'partition_heads', 'messages', 'consumer_offsets'] as const;

/**
 * Row-level security on the event log for one service role (policies named after the role,
 * made again at every set-up). Without it any domain service could append, say, a forged
 * ContractApproved to the contract topic.
 */
async function grantEventLog(
  grant: (sql: string) => Promise<unknown>,
  log: string,
  service: ServiceName,
  role: string,
): Promise<void> {
  const rights = eventLogRights(service);
  if (!rights) return;
  const list = (topics: readonly string[]) => `ARRAY[${topics.map(literal).join(', ')}]::text[]`;
  const publish = list(rights.publish);
  const known = list([...rights.publish, ...rights.consume]);
  const group = literal(rights.group);
  await grant(`GRANT USAGE ON SCHEMA ${log} TO ${role}`);
  await grant(`REVOKE ALL ON ALL TABLES IN SCHEMA ${log} FROM ${role}`);
  await grant(`GRANT SELECT ON ALL TABLES IN SCHEMA ${log} TO ${role}`);
  await grant(`GRANT INSERT ON ${log}.topics, ${log}.messages TO ${role}`);
  await grant(`GRANT INSERT, UPDATE ON ${log}.partition_heads, ${log}.consumer_offsets TO ${role}`);
  await grant(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${log} TO ${role}`);
  const mine = `starts_with(group_id, ${group})`;
  const policies: [table: string, name: string, command: string, rule: string][] = [
    ['topics', 'read', 'SELECT', 'USING (true)'],
    // Topics (and their partitions) are created by their first publisher or subscriber.
    ['topics', 'create', 'INSERT', `WITH CHECK (topic = ANY (${known}))`],
    ['partition_heads', 'read', 'SELECT', 'USING (true)'],
    ['partition_heads', 'create', 'INSERT', `WITH CHECK (topic = ANY (${known}))`],
    // Taking offsets from a head is publishing.
    [
      'partition_heads',
      'take',
      'UPDATE',
      `USING (topic = ANY (${publish})) WITH CHECK (topic = ANY (${publish}))`,
    ],
    ['messages', 'read', 'SELECT', 'USING (true)'],
    ['messages', 'publish', 'INSERT', `WITH CHECK (topic = ANY (${publish}))`],
    ['consumer_offsets', 'read', 'SELECT', `USING (${mine})`],
    ['consumer_offsets', 'commit', 'INSERT', `WITH CHECK (${mine})`],
    ['consumer_offsets', 'move', 'UPDATE', `USING (${mine}) WITH CHECK (${mine})`],
  ];
  for (const [table, name, command, rule] of policies) {
    const policy = quote(`${role}_${name}`);
    await grant(`DROP POLICY IF EXISTS ${policy} ON ${log}.${table}`);
    await grant(`CREATE POLICY ${policy} ON ${log}.${table} FOR ${command} TO ${role} ${rule}`);
  }
}

/** A service's migration sources: the platform tables, then its own. */
export function serviceMigrations(migrationsDir: string): MigrationSource[] {
  return [PLATFORM_MIGRATIONS, { stream: 'service', dir: migrationsDir }];
}

/**
 * Creates the roles (missing ones; passwords set to the given ones), makes the owner role own
 * the schemas (also those an earlier version created as the administrator), runs every
 * migration as the owner, and grants each role what it needs and nothing more.
 */
export async function provisionDatabase(
  adminUrl: string,
  setup: DatabaseSetup,
): Promise<ProvisionedDatabase> {
  const prefix = setup.prefix ?? 'denpyo';
  assertIdentifier(prefix);
  const owner = `${prefix}_owner`;
  const anchorRole = `${prefix}_anchor`;
  const serviceRoles = setup.services.map((service) => {
    assertIdentifier(service.schema);
    return { ...service, role: `${prefix}_${service.name}` };
  });
  if (setup.eventLogSchema) assertIdentifier(setup.eventLogSchema);
  const passwords: Record<string, string> = { ...setup.passwords };
  for (const role of [anchorRole, ...serviceRoles.map((s) => s.role)]) {
    passwords[role] ??= randomBytes(24).toString('base64url');
  }

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Roles and grants are shared catalog rows: one set-up at a time, whichever database.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['denpyo-roles']);
    await ensureRole(admin, owner, undefined);
    for (const role of [anchorRole, ...serviceRoles.map((s) => s.role)]) {
      await ensureRole(admin, role, passwords[role]!);
    }
    const database = quote(
      (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db,
    );
    await admin.query(`GRANT CREATE, CONNECT ON DATABASE ${database} TO ${owner}`);
    await admin.query(
      `GRANT CONNECT ON DATABASE ${database} TO ${[anchorRole, ...serviceRoles.map((s) => s.role)].join(', ')}`,
    );
    // Before PostgreSQL 15 anyone may create tables in `public`; nobody here needs to. Nor
    // temporary tables (no service uses one): a session's own `audit_log` or `anchors` in
    // pg_temp is one less thing to be fooled by (the chain triggers name their schema anyway).
    await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await admin.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
    const schemas = [
      ...serviceRoles.map((s) => s.schema),
      ...(setup.eventLogSchema ? [setup.eventLogSchema] : []),
      ANCHOR_SCHEMA,
    ];
    for (const schema of schemas) await adoptSchema(admin, schema, owner);
    await migrateAndGrant(adminUrl, {
      owner,
      anchorRole,
      serviceRoles,
      eventLogSchema: setup.eventLogSchema,
    });
  } finally {
    await admin.end(); // ends the session lock too
  }

  const urlFor = (role: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = passwords[role]!;
    return url.toString();
  };
  return {
    owner,
    anchor: { role: anchorRole, url: urlFor(anchorRole) },
    services: Object.fromEntries(
      serviceRoles.map((s) => [s.name, { role: s.role, url: urlFor(s.role), schema: s.schema }]),
    ),
    passwords,
  };
}

/** Every migration as the owner (so it owns what they create), then each role's grants. */
async function migrateAndGrant(
  adminUrl: string,
  roles: {
    owner: string;
    anchorRole: string;
    serviceRoles: readonly (ServiceDatabase & { role: string })[];
    eventLogSchema: string | undefined;
  },
): Promise<void> {
  const { owner, anchorRole, serviceRoles, eventLogSchema } = roles;
  // Migrations as the owner: every object they create is the owner's.
  const ownerPool = new Pool({ connectionString: adminUrl, max: 1, options: `-c role=${owner}` });
  try {
    for (const service of serviceRoles) {
      await migrate(ownerPool, service.schema, service.migrations as MigrationSource[]);
    }
    if (eventLogSchema) await migrate(ownerPool, eventLogSchema, [EVENTLOG_MIGRATIONS]);
    await migrate(ownerPool, ANCHOR_SCHEMA, [ANCHOR_MIGRATIONS]);

    const grant = (sql: string) => ownerPool.query(sql);
    if (eventLogSchema) {
      // The owner (migrations) is not subject to it; the service roles are (grantEventLog).
      for (const table of EVENT_LOG_TABLES) {
        await grant(`ALTER TABLE ${eventLogSchema}.${table} ENABLE ROW LEVEL SECURITY`);
      }
    }
    for (const service of serviceRoles) {
      const { schema, role } = service;
      await grant(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM PUBLIC`);
      await grant(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await grant(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
      );
      await grant(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      // The trail is added to and read, never changed; the migrations are the owner's business.
      await grant(`REVOKE UPDATE, DELETE, TRUNCATE ON ${schema}.audit_log FROM ${role}`);
      await grant(
        `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${schema}.schema_migrations FROM ${role}`,
      );
      // The anchor role reads the chain, not the entries.
      await grant(`GRANT USAGE ON SCHEMA ${schema} TO ${anchorRole}`);
      await grant(`GRANT SELECT (id, chain_seq, hash) ON ${schema}.audit_log TO ${anchorRole}`);
      if (service.usesEventLog && eventLogSchema) {
        await grantEventLog(grant, eventLogSchema, service.name, role);
      }
      await grant(`GRANT USAGE ON SCHEMA ${ANCHOR_SCHEMA} TO ${role}`);
      await grant(`GRANT SELECT ON ${ANCHOR_SCHEMA}.anchors TO ${role}`);
    }
    await grant(`GRANT USAGE ON SCHEMA ${ANCHOR_SCHEMA} TO ${anchorRole}`);
    await grant(`GRANT SELECT, INSERT ON ${ANCHOR_SCHEMA}.anchors TO ${anchorRole}`);
    await grant(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${ANCHOR_SCHEMA} TO ${anchorRole}`);
  } finally {
    await ownerPool.end();
  }
}

/** Creates a role if missing, else makes sure it has exactly these powers (and password). */
async function ensureRole(
  admin: Client,
  role: string,
  password: string | undefined,
): Promise<void> {
  assertIdentifier(role);
  const powers = `${password === undefined ? 'NOLOGIN' : 'LOGIN'} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`;
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  await admin.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} ${powers}`);
  if (password !== undefined) {
    // Utility statements take no parameters: the password goes in as a quoted literal.
    await admin.query(`ALTER ROLE ${role} PASSWORD ${literal(password)}`);
  }
}

/**
 * Makes `owner` own a schema and everything in it: an installation from before the roles had
 * the administrator own them. A missing schema is created (empty) for the owner.
 */
async function adoptSchema(admin: Client, schema: string, owner: string): Promise<void> {
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
  await admin.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`);
  const objects = await admin.query<{ kind: string; name: string }>(
    `SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_roles r ON r.oid = c.relowner
     WHERE n.nspname = $1 AND r.rolname <> $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       -- a sequence owned by a column follows its table
       AND NOT (c.relkind = 'S' AND EXISTS (
         SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'FUNCTION', p.oid::regprocedure::text
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     JOIN pg_roles r ON r.oid = p.proowner
     WHERE n.nspname = $1 AND r.rolname <> $2`,
    [schema, owner],
  );
  for (const object of objects.rows) {
    await admin.query(`ALTER ${object.kind} ${object.name} OWNER TO ${owner}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
