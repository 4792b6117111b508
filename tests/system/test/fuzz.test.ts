import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import {
  arbitraryOf,
  contentType,
  documentedOperations,
  hostileBodyText,
  hostilePathSegment,
  hostileQueryValue,
  mutated,
  toJsonText,
  type FuzzContext,
  type FuzzOperation,
} from './fuzz-openapi';
import {
  DatabaseFingerprint,
  DEMO_USER_OF,
  isProblem,
  paidVendor,
  schemasOf,
  staffTokens,
  type Fingerprint,
  type PaidVendor,
} from './fuzz-support';
import { startSystem, type RunningSystem } from './support/system';

// Issue 8: bad input is never a 5xx. Every operation of the OpenAPI document gets requests
// generated from its own schemas — valid-shaped, valid-shaped with one hostile change, hostile
// whole bodies, wrong content types, hostile path segments and query values — through the
// portal, with a token of a role the operation allows, against a system holding real records
// (a vendor paid end to end). Each answer must be below 500; each 4xx a problem document that
// changed nothing in any table of any process (bar the answer to its Idempotency-Key).
//
// Bounded for CI by a fixed seed and FUZZ_RUNS requests per operation (12 unless set);
// FUZZ_RUNS=500 FUZZ_SEED=… explores further.

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const TODAY = '2026-12-01';

/**
 * Sign-in and password checks record a failed attempt (the login throttle, kept in the database
 * so every portal instance shares it, counts a wrong current password too): a refusal of those
 * may write that, and only that.
 */
const AUTH_OPERATIONS = new Set(['login', 'createSession', 'changePassword', 'refreshSession']);
const THROTTLE_TABLE = 'login_failures';

interface FuzzRequest {
  role?: string;
  path: string;
  query: [string, string][];
  body?: string;
  contentType?: string;
  idempotencyKey?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const operations = documentedOperations();

describe('fuzz: every operation of the OpenAPI document', () => {
  let system: RunningSystem;
  let database: DatabaseFingerprint;
  let current: Fingerprint;
  let vendor: PaidVendor;
  const tokenOf: Record<string, string> = {};
  let context: FuzzContext;
  let keyCount = 0;

  beforeAll(async () => {
    system = await startSystem({ today: TODAY });
    const staff = await staffTokens(system);
    for (const [role, username] of Object.entries(DEMO_USER_OF)) tokenOf[role] = staff[username]!;
    vendor = await paidVendor(system, staff, {
      name: '株式会社ファズ商事',
      budgetCode: '03.03.03.03',
      today: TODAY,
    });
    tokenOf.vendor = vendor.token;
    context = {
      today: TODAY,
      knownIds: [
        vendor.vendorId,
        vendor.contractId,
        vendor.invoiceId,
        vendor.paymentId,
        vendor.batchId,
      ],
    };
    database = new DatabaseFingerprint(schemasOf(system));
    current = await database.settled();
  }, 120_000);
  /** operationId → status → how many answers: printed, to see how deep the runs reached. */
  const answered = new Map<string, Map<number, number>>();
  afterAll(async () => {
    const lines = [...answered].map(
      ([operationId, statuses]) =>
        `  ${operationId}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}`,
    );
    process.stdout.write(`fuzz (seed ${SEED}, ${RUNS} runs each):\n${lines.join('\n')}\n`);
    await database?.close();
    await system?.stop();
  });

  function requestsOf(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
    const role = operation.roles ? fc.constantFrom(...operation.roles) : fc.constant(undefined);
    const path = fc
      .tuple(
        ...operation.pathParams.map((param) =>
          fc.oneof(
            {
              weight: 6,
              arbitrary: arbitraryOf(param.schema, context, param.name).map(encodeSegment),
            },
            { weight: 1, arbitrary: hostilePathSegment },
          ),
        ),
      )
      .map((values) =>
        operation.pathParams.reduce(
          (filled, param, index) => filled.replace(`{${param.name}}`, values[index]!),
          operation.path,
        ),
      );
    const query = fc
      .tuple(
        ...operation.queryParams.map((param) =>
          fc.option(
            fc
              .oneof(
                {
                  weight: 12,
                  arbitrary: arbitraryOf(param.schema, context, param.name).map(encodeSegment),
                },
                { weight: 1, arbitrary: hostileQueryValue },
              )
              .map((value): [string, string] => [param.name, value]),
            { freq: 2 },
          ),
        ),
        // Now and then a parameter no schema declares, or a declared one twice.
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc.tuple(
              fc.constantFrom('__proto__', 'constructor', 'unknown', 'page', 'sort', 'q'),
              hostileQueryValue,
            ),
          },
        ),
      )
      .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== null));
    const body: fc.Arbitrary<string | undefined> = operation.body
      ? fc.oneof(
          { weight: 4, arbitrary: arbitraryOf(operation.body, context).map(toJsonText) },
          { weight: 4, arbitrary: mutated(arbitraryOf(operation.body, context)).map(toJsonText) },
          { weight: 2, arbitrary: hostileBodyText },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : operation.method === 'get'
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 2, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: hostileBodyText },
          );
    const idempotencyKey =
      operation.method === 'post'
        ? fc.option(fc.uuid(), { freq: 3, nil: undefined })
        : fc.constant(undefined);
    return fc.record({
      role,
      path,
      query,
      body,
      contentType: operation.method === 'get' ? fc.constant(undefined) : contentType,
      idempotencyKey,
    });
  }

  /** Over a real socket, so the path and the body go out exactly as generated. */
  function send(operation: FuzzOperation, fuzz: FuzzRequest): Promise<Answer> {
    const url = new URL(system.portal.url);
    const search = fuzz.query.map(([name, value]) => `${encodeURIComponent(name)}=${value}`);
    const headers: Record<string, string> = {};
    if (fuzz.role) headers.Authorization = `Bearer ${tokenOf[fuzz.role]}`;
    if (fuzz.contentType) headers['Content-Type'] = fuzz.contentType;
    if (fuzz.idempotencyKey) {
      // Unique in the run (the same seed draws the same uuids for each operation), so the row
      // a refusal records is known by its key.
      keyCount += 1;
      fuzz.idempotencyKey = `${fuzz.idempotencyKey}.${keyCount}`;
      headers['Idempotency-Key'] = fuzz.idempotencyKey;
    }
    const body = fuzz.body === undefined ? undefined : Buffer.from(fuzz.body, 'utf8');
    if (body) headers['Content-Length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: operation.method.toUpperCase(),
          path: `${fuzz.path}${search.length > 0 ? `?${search.join('&')}` : ''}`,
          headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers as Record<string, string>,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** What a refused request must not have changed, less what refusals of its kind record. */
  async function unexpectedWrites(
    operation: FuzzOperation,
    fuzz: FuzzRequest,
    answer: Answer,
    after: Fingerprint,
  ): Promise<string[]> {
    const unexpected = await database.unexpectedChanges(current, after, {
      status: answer.status,
      ...(fuzz.idempotencyKey ? { idempotencyKey: fuzz.idempotencyKey } : {}),
    });
    const throttle = `${system.portal.runtime.env.DB_SCHEMA}.${THROTTLE_TABLE}`;
    return unexpected.filter(
      (table) => !(AUTH_OPERATIONS.has(operation.operationId) && table === throttle),
    );
  }

  function describeRequest(operation: FuzzOperation, fuzz: FuzzRequest): string {
    const body = fuzz.body === undefined ? '' : ` body ${fuzz.body.slice(0, 300)}`;
    const query = fuzz.query.map(([name, value]) => `${name}=${value.slice(0, 80)}`).join('&');
    return `${operation.method.toUpperCase()} ${fuzz.path.slice(0, 200)}?${query} as ${fuzz.role ?? 'nobody'} (${fuzz.contentType ?? 'no content type'}${fuzz.idempotencyKey ? ', keyed' : ''})${body}`;
  }

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((operation) => operation.body).length).toBeGreaterThan(20);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s: no 5xx, every 4xx a problem document that changed nothing',
    async (operationId, operation) => {
      const statuses = new Map<number, number>();
      answered.set(operationId, statuses);
      // From a quiet system: what an earlier operation's successes set going has settled.
      current = await database.settled();
      await fc.assert(
        fc.asyncProperty(requestsOf(operation), async (fuzz) => {
          const answer = await send(operation, fuzz);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = describeRequest(operation, fuzz);
          if (answer.status >= 500) {
            throw new Error(`${answer.status} for ${what}: ${answer.text.slice(0, 500)}`);
          }
          if (answer.status >= 400) {
            if (!isProblem(answer)) {
              throw new Error(
                `not a problem document: ${answer.status} ${answer.text.slice(0, 300)} for ${what}`,
              );
            }
            const after = await database.take();
            const writes = await unexpectedWrites(operation, fuzz, answer, after);
            if (writes.length > 0) {
              throw new Error(`${answer.status} for ${what} changed ${writes.join(', ')}`);
            }
            current = after;
          } else {
            // A success may set events going: wait for them before the next comparison.
            current = operation.method === 'get' ? await database.take() : await database.settled();
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000,
  );
});

/** A generated value as one path or query segment. */
function encodeSegment(value: unknown): string {
  return encodeURIComponent(String(value));
}
