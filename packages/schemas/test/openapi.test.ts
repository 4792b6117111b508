import { buildOpenApiDocument } from '../src';

// Every method and path of API.md (the external contract).
const API_MD_OPERATIONS = [
  'post /api/auth/login',
  'post /api/vendors',
  'get /api/vendors/{id}',
  'post /api/vendors/{id}/portal-users',
  'post /api/budgets',
  'get /api/budgets/{fiscalYear}/{code}',
  'post /api/contracts',
  'post /api/contracts/{id}/submit',
  'post /api/contracts/{id}/approve',
  'post /api/contracts/{id}/reject',
  'get /api/contracts/{id}',
  'get /api/contracts',
  'get /api/contracts/{id}/voucher.pdf',
  'post /api/invoices',
  'post /api/invoices/{id}/inspect',
  'post /api/invoices/{id}/approve',
  'post /api/invoices/{id}/reject',
  'get /api/invoices/{id}',
  'get /api/invoices',
  'get /api/invoices/{id}/voucher.pdf',
  'get /api/payments',
  'post /api/transfer-batches',
  'post /api/transfer-batches/{id}/approve',
  'get /api/transfer-batches/{id}/zengin',
  'post /api/transfer-batches/{id}/settle',
  'get /api/payments/{id}/remittance-notice.pdf',
  'get /api/vendor/remittances',
  'get /health',
  'get /ready',
  'get /metrics',
];
// Endpoints the services add beyond API.md.
const ADDED_OPERATIONS = ['get /api/transfer-batches/{id}', 'get /api/audit/{service}'];

interface Operation {
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

  it('describes exactly the operations of API.md, and the added ones', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(
      [...API_MD_OPERATIONS, ...ADDED_OPERATIONS].sort(),
    );
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

  it('requires the bearer token except for login and the operational endpoints', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const open = operations.filter((o) => o.op.security?.length === 0).map((o) => o.key);
    expect(open.sort()).toEqual([
      'get /health',
      'get /metrics',
      'get /ready',
      'post /api/auth/login',
    ]);
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
    ]);
    expect(names('post /api/transfer-batches')).toEqual(['header:Idempotency-Key']);
  });
});

describe('buildOpenApiDocument value types', () => {
  it('lists every tax rate', () => {
    const contract = doc.components.schemas.Contract as { properties: Record<string, unknown> };
    expect(contract.properties.taxRate).toEqual({ type: 'integer', enum: [10, 8, 0] });
  });
});
