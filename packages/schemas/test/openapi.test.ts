import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_OPERATIONS, buildOpenApiDocument } from '../src';

// API.md, the external contract, lies beside the repository (../shared). Its v1 tables are the
// operations every version must keep serving, and its v2 sections name more in running text
// (`POST /api/users`); the document must describe each of them.
const API_MD = join(__dirname, '..', '..', '..', '..', 'shared', 'API.md');

function apiMdOperations(markdown: string): string[] {
  const [v1 = '', ...v2Sections] = markdown.split(/^## v2/m);
  const tables = [...v1.matchAll(/^\| (GET|POST) (\/\S+) \|/gm)];
  const inText = [...v2Sections.join('\n').matchAll(/`(GET|POST) (\/api\/[^`\s]+)`/g)];
  return [...new Set([...tables, ...inText].map(([, m, path]) => `${m!.toLowerCase()} ${path}`))];
}

interface Operation {
  operationId: string;
  'x-roles'?: string[];
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

// Round-trip through JSON: the document must be plain data, and the test reads what a client reads.
const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, path, op })),
);

function operation(key: string): Operation {
  const found = operations.find((o) => o.key === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found.op;
}

describe('buildOpenApiDocument', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('describes each declared operation once, under its operationId', () => {
    expect(operations.map((o) => o.op.operationId).sort()).toEqual(
      Object.keys(API_OPERATIONS).sort(),
    );
  });

  const describeIfApiMd = existsSync(API_MD) || process.env.CI ? it : it.skip;
  describeIfApiMd('describes every operation of API.md (v1 and v2)', () => {
    const contract = apiMdOperations(readFileSync(API_MD, 'utf8'));
    expect(contract.length).toBeGreaterThan(40);
    const missing = contract.filter((key) => !operations.some((o) => o.key === key));
    expect(missing).toEqual([]);
  });

  it('tags every operation with its service', () => {
    for (const { key, op } of operations) {
      expect([key, op.tags]).toEqual([
        key,
        [expect.stringMatching(/^(auth|contract|invoice|payment|operations)$/)],
      ]);
    }
    expect(operation('post /api/invoices').tags).toEqual(['invoice']);
  });

  it('requires the bearer token exactly where the declaration names roles', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const { key, op } of operations) {
      const declared = API_OPERATIONS[op.operationId as keyof typeof API_OPERATIONS];
      const roles = 'roles' in declared ? [...declared.roles] : undefined;
      expect([key, op['x-roles'], op.security]).toEqual([key, roles, roles ? undefined : []]);
    }
    expect(operation('post /api/auth/login').security).toEqual([]);
    expect(operation('post /api/invoices')['x-roles']).toEqual(['procurement', 'vendor']);
  });

  it('references the request and response schemas by name', () => {
    const create = operation('post /api/contracts');
    expect(create.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ContractCreateRequest',
    });
    expect(create.responses['201']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Contract',
    });
    expect(create.responses['400']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('documents an XML body under its media types, with its size and media-type refusals', () => {
    const receive = operation('post /api/invoices/e-invoice');
    expect(Object.keys(receive.requestBody?.content ?? {})).toEqual([
      'application/xml',
      'text/xml',
    ]);
    expect(receive.requestBody?.content['application/xml']?.schema).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(Object.keys(receive.responses)).toEqual(
      expect.arrayContaining(['201', '400', '409', '413', '415', '422']),
    );
    expect(operation('post /api/invoices').responses['415']).toBeUndefined();
    expect(
      operation('get /api/invoices/{id}/original').responses['200']?.content?.['application/xml'],
    ).toBeDefined();
  });

  it('rejects unknown request fields in the documented schemas too', () => {
    expect(doc.components.schemas.ContractCreateRequest).toMatchObject({
      additionalProperties: false,
    });
  });

  it('documents path and query parameters', () => {
    const names = (key: string) => operation(key).parameters?.map((p) => `${p.in}:${p.name}`);
    expect(names('get /api/budgets/{fiscalYear}/{code}')).toEqual(['path:fiscalYear', 'path:code']);
    expect(names('get /api/contracts')).toEqual([
      'query:status',
      'query:vendorId',
      'query:from',
      'query:to',
      'query:minAmount',
      'query:maxAmount',
      'query:q',
      'query:page',
      'query:pageSize',
      'query:sort',
      'query:order',
      'query:cursor',
      'query:format',
    ]);
    expect(names('post /api/transfer-batches')).toEqual(['header:Idempotency-Key']);
  });

  it('documents paging, sorting and CSV on every list operation, and only there', () => {
    const lists = Object.entries(API_OPERATIONS).filter(
      ([, declared]) => declared.response.kind === 'json' && 'list' in declared.response,
    );
    expect(lists.map(([operationId]) => operationId).sort()).toEqual(
      [
        'getContractHistory',
        'getInvoiceHistory',
        'listBankAccountChanges',
        'listBranches',
        'listBudgetTransfers',
        'listBudgets',
        'listContracts',
        'listInvoices',
        'listPayments',
        'listRemittances',
        'listTransferBatches',
        'listUsers',
        'listVendors',
        'listFiscalYears',
        'listWithholdingAnnual',
        'listWithholdingLedger',
        'searchBanks',
        'searchContractAudit',
        'searchInvoiceAudit',
        'searchPaymentAudit',
        'searchPortalAudit',
      ].sort(),
    );
    for (const { key, op } of operations) {
      const ok = op.responses['200'] as
        { headers?: Record<string, unknown>; content?: Record<string, unknown> } | undefined;
      const isList = lists.some(([operationId]) => operationId === op.operationId);
      const page = ['page', 'pageSize', 'sort', 'order', 'cursor', 'format'];
      expect([key, page.map((name) => (op.parameters ?? []).some((p) => p.name === name))]).toEqual(
        [key, page.map(() => isList)],
      );
      expect([key, Object.keys(ok?.headers ?? {}).includes('X-Total-Count')]).toEqual([
        key,
        isList,
      ]);
      expect([key, Object.keys(ok?.content ?? {}).includes('text/csv')]).toEqual([key, isList]);
    }
    // Every GET that answers a JSON array is a list.
    for (const { key, op } of operations) {
      const schema = op.responses['200']?.content?.['application/json']?.schema as
        { type?: string } | undefined;
      if (schema?.type === 'array') {
        expect([key, lists.some(([operationId]) => operationId === op.operationId)]).toEqual([
          key,
          true,
        ]);
      }
    }
    const sort = operation('get /api/invoices').parameters?.find((p) => p.name === 'sort') as
      { schema: { enum: string[] } } | undefined;
    expect(sort?.schema.enum).toEqual([
      'receivedOn',
      'total',
      'dueDate',
      'inspectionDueDate',
      'documentNumber',
    ]);
  });
});

describe('the document as a client generator reads it', () => {
  // @redocly/cli's recommended rules: operationIds, summaries, 4xx responses, servers, refs…
  it('passes `redocly lint` with no error and no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const lint = spawnSync(
      'npx',
      ['--no-install', 'redocly', 'lint', file, '--format=json', '--extends=recommended'],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});

describe('buildOpenApiDocument value types', () => {
  it('lists every tax rate', () => {
    const contract = doc.components.schemas.Contract as { properties: Record<string, unknown> };
    expect(contract.properties.taxRate).toEqual({ type: 'integer', enum: [10, 8, 0] });
  });
});
