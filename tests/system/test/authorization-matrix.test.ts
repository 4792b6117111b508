import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { bearer } from '@denpyo/platform/testing';
import { API_OPERATIONS, RoleSchema, type OperationDeclaration, type Role } from '@denpyo/schemas';
import { arbitraryOf, documentedOperations } from './fuzz-openapi';
import {
  DEMO_USER_OF,
  isProblem,
  paidVendor,
  staffTokens,
  vendorUser,
  type PaidVendor,
} from './fuzz-support';
import { startSystem, type RunningSystem } from './support/system';

// Issue 8: every declared operation × every role, and no token, an expired one, an `alg: none`
// one and garbage, with the status the declarations call for — through the portal (what users
// reach) and directly at the service that serves it. Who is allowed is read from the operation
// declarations (packages/schemas/src/api), never from a table written here. Then vendor A
// against vendor B on what a vendor owns.

const TODAY = '2026-12-01'; // a Tuesday, a bank business day: A's payment settles today
const ROLES = RoleSchema.options;

type Identity = { name: string; authorization?: string; role?: Role };

/** An unsigned token (RFC 7519 §6) claiming every role: what a forger would send. */
function unsignedToken(typ: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'none', typ });
  const payload = encode({
    sub: 'admin',
    roles: [...ROLES],
    vendorId: randomUUID(),
    rank: 'shicho',
    iss: 'denpyo-portal',
    aud: 'denpyo',
    iat: now,
    exp: now + 600,
  });
  return `${header}.${payload}.`;
}

const declared = Object.entries(API_OPERATIONS) as [string, OperationDeclaration][];
const authenticated = declared.filter(([, operation]) => operation.roles !== undefined);
const documented = new Map(documentedOperations().map((op) => [op.operationId, op]));

describe('the authorization matrix, from the operation declarations', () => {
  let system: RunningSystem;
  let staff: Record<string, string>;
  let vendorA: PaidVendor;
  let vendorB: { vendorId: string; token: string };
  const tokenOf: Partial<Record<Role, string>> = {};
  const expiredOf: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    system = await startSystem({ today: TODAY });
    staff = await staffTokens(system);
    for (const [role, username] of Object.entries(DEMO_USER_OF)) {
      tokenOf[role as Role] = `Bearer ${staff[username]}`;
    }
    vendorA = await paidVendor(system, staff, {
      name: '株式会社エー商事',
      budgetCode: '01.01.01.01',
      today: TODAY,
    });
    vendorB = await vendorUser(system, staff.procurement!, '株式会社ビー商会');
    tokenOf.vendor = `Bearer ${vendorA.token}`;
    for (const role of ROLES) {
      expiredOf[role] = await bearer(role, {
        ttlSeconds: -120,
        ...(role === 'vendor' ? { vendorId: vendorA.vendorId } : {}),
      });
    }
  }, 120_000);
  afterAll(() => system?.stop());

  /** Identities that are nobody: each must get 401, whatever the operation's roles. */
  const nobody = (operation: OperationDeclaration): Identity[] => [
    { name: 'no token' },
    { name: 'expired token', authorization: expiredOf[operation.roles![0]!] },
    { name: 'alg none', authorization: `Bearer ${unsignedToken('JWT')}` },
    { name: 'alg none at+jwt', authorization: `Bearer ${unsignedToken('at+jwt')}` },
    { name: 'garbage', authorization: 'Bearer not-a-token' },
    { name: 'three garbage parts', authorization: 'Bearer e30.e30.e30' },
    { name: 'empty bearer', authorization: 'Bearer ' },
    { name: 'basic credentials', authorization: 'Basic YWRtaW46ZGVtbw==' },
  ];

  /**
   * The path with its parameters filled: a GET reads A's own records (so an allowed role gets
   * past any ownership check, and 401/403 can only come from the token or the role); a POST
   * names records that do not exist, so nothing in the matrix changes anything.
   */
  function pathOf(operationId: string, operation: OperationDeclaration): string {
    const params = documented.get(operationId)?.pathParams ?? [];
    let path = operation.path;
    for (const param of params) {
      const [sample] = fc.sample(arbitraryOf(param.schema, { knownIds: [], today: TODAY }), {
        seed: 8,
        numRuns: 1,
      });
      const own = operation.method === 'get' ? ownId(operation.path, param.name) : undefined;
      path = path.replace(`{${param.name}}`, encodeURIComponent(String(own ?? sample)));
    }
    return path;
  }

  function ownId(path: string, param: string): string | undefined {
    if (param === 'vendorId') return vendorA.vendorId;
    if (param !== 'id') return undefined;
    const collection = path.split('/')[2];
    return {
      vendors: vendorA.vendorId,
      contracts: vendorA.contractId,
      invoices: vendorA.invoiceId,
      payments: vendorA.paymentId,
      'transfer-batches': vendorA.batchId,
    }[collection ?? ''];
  }

  async function call(
    app: 'portal' | 'service',
    operationId: string,
    operation: OperationDeclaration,
    authorization: string | undefined,
  ): Promise<request.Response> {
    const target =
      app === 'portal'
        ? system.portal.app
        : system.services[['contract', 'invoice', 'payment'].indexOf(operation.owner)]!.app;
    const test = request(target)[operation.method](pathOf(operationId, operation));
    if (authorization !== undefined) test.set('Authorization', authorization);
    return operation.method === 'get' ? test : test.send({});
  }

  /** Every cell of one operation's row: [identity, status], and the cells that are wrong. */
  async function row(
    app: 'portal' | 'service',
    operationId: string,
    operation: OperationDeclaration,
  ) {
    const wrong: string[] = [];
    const allowed = new Set(operation.roles);
    for (const identity of nobody(operation)) {
      const response = await call(app, operationId, operation, identity.authorization);
      if (response.status !== 401 || !isProblem(response)) {
        wrong.push(`${identity.name} → ${response.status}, expected 401`);
      }
    }
    for (const role of ROLES) {
      const response = await call(app, operationId, operation, tokenOf[role]);
      if (allowed.has(role)) {
        if (response.status === 401 || response.status === 403 || response.status >= 500) {
          wrong.push(`${role} (allowed) → ${response.status} ${response.text.slice(0, 200)}`);
        }
      } else if (response.status !== 403 || !isProblem(response)) {
        wrong.push(`${role} (not allowed) → ${response.status}, expected 403`);
      }
    }
    return wrong;
  }

  it.each(authenticated)('through the portal: %s', async (operationId, operation) => {
    expect(await row('portal', operationId, operation)).toEqual([]);
  });

  const served = authenticated.filter(([, operation]) =>
    ['contract', 'invoice', 'payment'].includes(operation.owner),
  );
  it.each(served)('directly at its service: %s', async (operationId, operation) => {
    expect(await row('service', operationId, operation)).toEqual([]);
  });

  it('covers every declared operation that has roles, and every role', () => {
    expect(authenticated.length).toBeGreaterThan(50);
    expect(new Set(authenticated.flatMap(([, operation]) => operation.roles!))).toEqual(
      new Set(ROLES),
    );
  });

  it.each(declared.filter(([, operation]) => operation.roles === undefined))(
    'a public operation takes no bearer token, and refuses as a problem document: %s',
    async (operationId, operation) => {
      const response = await call('portal', operationId, operation, undefined);
      expect([operationId, response.status < 500]).toEqual([operationId, true]);
      // Sign-in and refresh refuse missing credentials of their own (401), as problems.
      if (response.status >= 400)
        expect([operationId, isProblem(response)]).toEqual([operationId, true]);
    },
  );

  describe('vendor A against vendor B', () => {
    const asVendor = (token: string) => ({ Authorization: `Bearer ${token}` });
    const ownedPaths = () => [
      `/api/vendors/${vendorA.vendorId}`,
      `/api/vendors/${vendorA.vendorId}/bank-account-changes`,
      `/api/contracts/${vendorA.contractId}`,
      `/api/invoices/${vendorA.invoiceId}`,
      `/api/invoices/${vendorA.invoiceId}/history`,
      `/api/payments/${vendorA.paymentId}/remittance-notice.pdf`,
    ];

    it('A reads its own records; B gets 403 or 404 for each of them, through the portal and at the service', async () => {
      for (const path of ownedPaths()) {
        const own = await request(system.portal.app).get(path).set(asVendor(vendorA.token));
        expect([path, own.status]).toEqual([path, 200]);
        for (const app of [system.portal.app, ...system.services.map((s) => s.app)]) {
          const other = await request(app).get(path).set(asVendor(vendorB.token));
          // The service that does not serve the path answers 404 too: no route.
          expect([path, [403, 404].includes(other.status)]).toEqual([path, true]);
          expect([path, other.text]).toEqual([path, expect.not.stringContaining('エー商事')]);
        }
      }
    });

    it('B’s lists hold none of A’s records, asked for by A’s id or not', async () => {
      const portal = () => request(system.portal.app);
      for (const path of [
        '/api/contracts',
        `/api/contracts?vendorId=${vendorA.vendorId}`,
        '/api/invoices',
        `/api/invoices?vendorId=${vendorA.vendorId}`,
        `/api/invoices?contractId=${vendorA.contractId}`,
        '/api/vendor/remittances',
      ]) {
        const own = await portal().get(path).set(asVendor(vendorA.token));
        expect([path, own.status]).toEqual([path, 200]);
        expect([path, own.body.length]).toEqual([path, 1]);
        const other = await portal().get(path).set(asVendor(vendorB.token));
        if (other.status === 200) {
          expect([path, other.body]).toEqual([path, []]);
        } else {
          expect([path, [403, 404].includes(other.status)]).toEqual([path, true]);
        }
      }
    });

    it('B cannot invoice against A’s contract', async () => {
      const response = await request(system.portal.app)
        .post('/api/invoices')
        .set(asVendor(vendorB.token))
        .send({
          contractId: vendorA.contractId,
          invoiceNumber: 'B-ON-A',
          issueDate: TODAY,
          lines: [{ description: '業務委託', amount: 1_000, taxRate: 10 }],
        });
      expect([403, 404, 422]).toContain(response.status);
      const invoices = await request(system.portal.app)
        .get(`/api/invoices?contractId=${vendorA.contractId}`)
        .set('Authorization', tokenOf.accountant!);
      expect(invoices.body.map((invoice: { id: string }) => invoice.id)).toEqual([
        vendorA.invoiceId,
      ]);
    });
  });
});
