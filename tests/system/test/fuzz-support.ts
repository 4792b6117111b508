import { Pool } from 'pg';
import request from 'supertest';
import { fiscalYearOf } from '@denpyo/jp';
import { waitFor } from '@denpyo/platform/testing';
import type { Role } from '@denpyo/schemas';
import type { RunningSystem } from './support/system';

// What the fuzz and authorization suites share: tokens of every role, signed in through the
// portal as users do, and a fingerprint of every table of every process's schema, to tell that
// a refused request changed nothing.

/** A demo user of each staff role (DEMO_MODE is on in startSystem). */
export const DEMO_USER_OF: Record<Exclude<Role, 'vendor'>, string> = {
  procurement: 'procurement',
  approver: 'approver',
  accountant: 'accountant',
  treasurer: 'treasurer',
  auditor: 'auditor',
  admin: 'admin',
};

export async function logIn(
  system: RunningSystem,
  username: string,
  password = 'demo',
): Promise<string> {
  const response = await request(system.portal.app)
    .post('/api/auth/login')
    .send({ username, password });
  if (response.status !== 200) {
    throw new Error(`${username} could not sign in: ${response.status} ${response.text}`);
  }
  return response.body.token as string;
}

/**
 * A vendor with a portal login, signed in: registered by procurement, its login created, and its
 * password changed by the vendor (so a policy of a first-sign-in change cannot stand in the way).
 */
export async function vendorUser(
  system: RunningSystem,
  procurementToken: string,
  name: string,
): Promise<{ vendorId: string; username: string; token: string }> {
  const api = () => request(system.portal.app);
  const auth = { Authorization: `Bearer ${procurementToken}` };
  const vendor = await api()
    .post('/api/vendors')
    .set(auth)
    .send({
      name,
      nameKana: 'デンピョウ',
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: '1234567',
        holderKana: 'デンピヨウ',
      },
    });
  if (vendor.status !== 201) throw new Error(`vendor: ${vendor.status} ${vendor.text}`);
  const vendorId = vendor.body.id as string;
  const username = `vendor-${vendorId.slice(0, 8)}`;
  const created = await api()
    .post(`/api/vendors/${vendorId}/portal-users`)
    .set(auth)
    .send({ username, password: 'first-password' });
  if (created.status !== 201) throw new Error(`portal user: ${created.status} ${created.text}`);
  const first = await logIn(system, username, 'first-password');
  const changed = await api()
    .post('/api/auth/password')
    .set({ Authorization: `Bearer ${first}` })
    .send({ currentPassword: 'first-password', newPassword: 'vendor-own-password' });
  if (changed.status >= 300) throw new Error(`password: ${changed.status} ${changed.text}`);
  return { vendorId, username, token: await logIn(system, username, 'vendor-own-password') };
}

/** Signs in the demo users the suites act as: one per staff role, and a second treasurer. */
export async function staffTokens(system: RunningSystem): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of [...Object.values(DEMO_USER_OF), 'treasurer2']) {
    tokens[username] = await logIn(system, username);
  }
  return tokens;
}

/** What a vendor owns once it has been paid: the records a vendor may see, and no other. */
export interface PaidVendor {
  vendorId: string;
  token: string;
  contractId: string;
  invoiceId: string;
  paymentId: string;
  batchId: string;
}

/**
 * A vendor carried through to a settled payment, through the portal: its contract (under
 * ¥1,000,000, one 課長 approval), its own invoice, inspected, ordered, confirmed, batched, approved
 * and settled on `today` (which must be a bank business day). `budgetCode` is its own.
 */
export async function paidVendor(
  system: RunningSystem,
  staff: Record<string, string>,
  options: { name: string; budgetCode: string; today: string },
): Promise<PaidVendor> {
  const fiscalYear = fiscalYearOf(options.today);
  const call = async (
    user: string,
    method: 'get' | 'post',
    path: string,
    body?: object,
  ): Promise<request.Response> => {
    const token = user === 'vendor' ? vendor.token : staff[user];
    const test = request(system.portal.app)[method](path).set('Authorization', `Bearer ${token}`);
    return body ? test.send(body) : test;
  };
  const expectOk = (response: request.Response, what: string) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response.body;
  };
  const vendor = await vendorUser(system, staff.procurement!, options.name);
  expectOk(
    await call('accountant', 'post', '/api/budgets', {
      fiscalYear,
      code: options.budgetCode,
      name: '委託料',
      amount: 10_000_000,
    }),
    'budget',
  );
  const contract = expectOk(
    await call('procurement', 'post', '/api/contracts', {
      vendorId: vendor.vendorId,
      title: `${options.name} 業務委託`,
      budgetCode: options.budgetCode,
      fiscalYear,
      amount: 990_000,
      taxRate: 10,
      startDate: `${fiscalYear}-04-01`,
      endDate: `${fiscalYear + 1}-03-31`,
    }),
    'contract',
  );
  expectOk(await call('procurement', 'post', `/api/contracts/${contract.id}/submit`), 'submit');
  expectOk(
    await call('approver', 'post', `/api/contracts/${contract.id}/approve`, {}),
    'approve contract',
  );
  // The invoice service learns of the approved contract from its event.
  const invoice = await waitFor(async () => {
    const response = await call('vendor', 'post', '/api/invoices', {
      contractId: contract.id,
      invoiceNumber: `INV-${vendor.vendorId.slice(0, 8)}`,
      issueDate: options.today,
      lines: [{ description: '業務委託', amount: 100_000, taxRate: 10 }],
    });
    return response.status === 201 ? response.body : undefined;
  });
  expectOk(await call('procurement', 'post', `/api/invoices/${invoice.id}/inspect`), 'inspect');
  expectOk(await call('accountant', 'post', `/api/invoices/${invoice.id}/approve`), 'order');
  const payment = await waitFor(async () => {
    const payments = await call('accountant', 'get', `/api/payments?invoiceId=${invoice.id}`);
    return payments.body[0];
  });
  expectOk(
    await call('treasurer', 'post', `/api/payments/${payment.id}/confirm`, {}),
    'confirm payment',
  );
  const batch = expectOk(
    await call('treasurer', 'post', '/api/transfer-batches', {
      transferDate: options.today,
      paymentIds: [payment.id],
    }),
    'batch',
  );
  expectOk(
    await call('treasurer2', 'post', `/api/transfer-batches/${batch.id}/approve`),
    'approve batch',
  );
  expectOk(
    await call('treasurer', 'post', `/api/transfer-batches/${batch.id}/settle`, {}),
    'settle',
  );
  return {
    vendorId: vendor.vendorId,
    token: vendor.token,
    contractId: contract.id,
    invoiceId: invoice.id,
    paymentId: payment.id,
    batchId: batch.id,
  };
}

/** The schemas the running system writes to: each process's own and the event log. */
export function schemasOf(system: RunningSystem): string[] {
  const schemas = new Set<string>();
  for (const process of [system.portal, ...system.services]) {
    const env = process.runtime.env as { DB_SCHEMA?: string; EVENT_LOG_SCHEMA?: string };
    if (env.DB_SCHEMA) schemas.add(env.DB_SCHEMA);
    if (env.EVENT_LOG_SCHEMA && process !== system.portal) schemas.add(env.EVENT_LOG_SCHEMA);
  }
  return [...schemas];
}

/** Table → row count and a digest of every row: equal fingerprints, equal contents. */
export type Fingerprint = Map<string, string>;

/**
 * Reads every table of the given schemas as the test database's owner (not as a service, whose
 * role may not see the others' schemas), in one statement so the picture is of one moment.
 */
export class DatabaseFingerprint {
  private readonly pool = new Pool({ connectionString: requiredEnv('TEST_DATABASE_URL'), max: 1 });
  private query: string | undefined;

  constructor(private readonly schemas: string[]) {}

  async take(): Promise<Fingerprint> {
    this.query ??= await this.buildQuery();
    const rows = await this.pool.query<{ name: string; digest: string }>(this.query);
    return new Map(rows.rows.map((row) => [row.name, row.digest]));
  }

  /** The tables whose contents differ between two fingerprints. */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    const names = new Set([...before.keys(), ...after.keys()]);
    return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
  }

  /** Waits until the system is quiet (events delivered, relays done): two equal fingerprints. */
  async settled(timeoutMs = 5_000): Promise<Fingerprint> {
    let last = await this.take();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const next = await this.take();
      if (DatabaseFingerprint.changed(last, next).length === 0 || Date.now() > deadline) {
        return next;
      }
      last = next;
    }
  }

  /**
   * The tables a refused request changed, less what it may record: the answer to its
   * Idempotency-Key (API.md: a repeat gets the same status and body), stored as an answered,
   * uncommitted key with exactly the status sent — never a half-done reservation.
   */
  async unexpectedChanges(
    before: Fingerprint,
    after: Fingerprint,
    refusal: { idempotencyKey?: string; status: number },
  ): Promise<string[]> {
    const unexpected: string[] = [];
    for (const table of DatabaseFingerprint.changed(before, after)) {
      if (refusal.idempotencyKey && table.endsWith('.idempotency_keys')) {
        const [schema] = table.split('.');
        const keys = await this.read<{ status_code: number | null; committed: boolean }>(
          `SELECT status_code, committed_at IS NOT NULL AS committed
           FROM ${quote(schema!)}.idempotency_keys WHERE key = $1`,
          [refusal.idempotencyKey],
        );
        const recorded =
          keys.length === 1 && keys[0]!.status_code === refusal.status && !keys[0]!.committed;
        if (recorded) continue;
      }
      unexpected.push(table);
    }
    return unexpected;
  }

  /** A query as the database's owner, for what a test reads besides the fingerprint. */
  async read<Row extends object>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(text, params)).rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async buildQuery(): Promise<string> {
    const tables = await this.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [this.schemas],
    );
    if (tables.rows.length === 0) throw new Error(`No tables in ${this.schemas.join(', ')}`);
    return tables.rows
      .map(({ schema, name }) => {
        const qualified = `${quote(schema)}.${quote(name)}`;
        return `SELECT '${schema}.${name}' AS name,
                  count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS digest
                FROM ${qualified} t`;
      })
      .join('\nUNION ALL\n');
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: use the platform jest globalSetup`);
  return value;
}

/** Whether a response is an RFC 9457 problem document with the status it was sent with. */
export function isProblem(response: {
  status: number;
  headers: Record<string, string>;
  text: string;
}): boolean {
  if (!/^application\/problem\+json/.test(response.headers['content-type'] ?? '')) return false;
  try {
    const body = JSON.parse(response.text) as { status?: unknown; title?: unknown };
    return body.status === response.status && typeof body.title === 'string';
  } catch {
    return false;
  }
}
