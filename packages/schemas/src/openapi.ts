// The OpenAPI 3.1 description of the external HTTP contract (API.md), generated from the same
// schemas the services parse with, so the document cannot drift from the code.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from './zod';
import {
  AuthUserSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  PortalUserCreateRequestSchema,
} from './auth';
import {
  BudgetCreateRequestSchema,
  BudgetSchema,
  ContractApproveRequestSchema,
  ContractCreateRequestSchema,
  ContractListQuerySchema,
  ContractSchema,
  RejectRequestSchema,
  VendorCreateRequestSchema,
  VendorSchema,
} from './contract';
import { InvoiceCreateRequestSchema, InvoiceListQuerySchema, InvoiceSchema } from './invoice';
import {
  PaymentListQuerySchema,
  PaymentSchema,
  RemittanceSchema,
  TransferBatchCreateRequestSchema,
  TransferBatchSchema,
} from './payment';
import { AuditEntrySchema, AuditQuerySchema } from './audit';
import { BudgetKeyParamsSchema, IdParamsSchema } from './query';
import { ProblemSchema, type Role } from './values';

type Tag = 'auth' | 'contract' | 'invoice' | 'payment' | 'operations';

const TAGS: { name: Tag; description: string }[] = [
  { name: 'auth', description: 'Login (portal)' },
  { name: 'contract', description: 'Vendors, budgets and contracts (contract service)' },
  { name: 'invoice', description: 'Invoices, inspection and payment orders (invoice service)' },
  { name: 'payment', description: 'Payments, transfer batches and remittances (payment service)' },
  {
    name: 'operations',
    description: 'Health, readiness and metrics (every service and the portal)',
  },
];

const STAFF: Role[] = ['procurement', 'approver', 'accountant', 'auditor', 'admin'];

// Named components: `register` returns a copy carrying the component name, so routes must use
// the returned schemas to get a $ref instead of an inline copy.
function registerComponents(registry: OpenAPIRegistry) {
  const named = {
    Problem: ProblemSchema,
    LoginRequest: LoginRequestSchema,
    LoginResponse: LoginResponseSchema,
    AuthUser: AuthUserSchema,
    PortalUserCreateRequest: PortalUserCreateRequestSchema,
    VendorCreateRequest: VendorCreateRequestSchema,
    Vendor: VendorSchema,
    BudgetCreateRequest: BudgetCreateRequestSchema,
    Budget: BudgetSchema,
    ContractCreateRequest: ContractCreateRequestSchema,
    ContractApproveRequest: ContractApproveRequestSchema,
    RejectRequest: RejectRequestSchema,
    Contract: ContractSchema,
    InvoiceCreateRequest: InvoiceCreateRequestSchema,
    Invoice: InvoiceSchema,
    Payment: PaymentSchema,
    TransferBatchCreateRequest: TransferBatchCreateRequestSchema,
    TransferBatch: TransferBatchSchema,
    Remittance: RemittanceSchema,
    AuditEntry: AuditEntrySchema,
  };
  return Object.fromEntries(
    Object.entries(named).map(([name, schema]) => [name, registry.register(name, schema)]),
  ) as typeof named;
}

function json(schema: z.ZodType, description: string): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

function binary(mediaType: string, description: string): ResponseConfig {
  return {
    description,
    content: { [mediaType]: { schema: z.string().openapi({ format: 'binary' }) } },
  };
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each invalid field',
  401: 'Missing or invalid credentials',
  403: 'The role or ownership does not allow this',
  404: 'No such resource',
  409: 'The resource is not in a state that allows this',
  422: 'A business rule refuses the request, or an Idempotency-Key was reused with another body',
  503: 'A dependency is unreachable',
};

interface Operation {
  method: 'get' | 'post';
  path: string;
  tag: Tag;
  summary: string;
  roles?: Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: [status: number, response: ResponseConfig];
  errors?: number[];
}

function toRoute(op: Operation, problem: z.ZodType): RouteConfig {
  const authenticated = op.roles !== undefined;
  const errorStatuses = [
    ...(op.body || op.query || op.params ? [400] : []),
    ...(authenticated ? [401, 403] : []),
    ...(op.params ? [404] : []),
    ...(op.method === 'post' && authenticated ? [422] : []), // reused Idempotency-Key
    ...(op.errors ?? []),
  ];
  const errorResponses = Object.fromEntries(
    errorStatuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: problem } },
      },
    ]),
  );
  return {
    method: op.method,
    path: op.path,
    tags: [op.tag],
    summary: op.summary,
    ...(authenticated
      ? { description: `Roles: ${op.roles?.join(', ')}.` }
      : { security: [] as Record<string, string[]>[] }),
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.method === 'post' && authenticated
        ? { headers: z.object({ 'Idempotency-Key': z.string().min(1).max(200).optional() }) }
        : {}),
      ...(op.body
        ? { body: { required: true, content: { 'application/json': { schema: op.body } } } }
        : {}),
    },
    responses: { [op.success[0]]: op.success[1], ...errorResponses },
  };
}

function operations(s: ReturnType<typeof registerComponents>): Operation[] {
  const id = IdParamsSchema;
  return [
    // auth (portal)
    {
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Log in and receive a bearer token',
      body: s.LoginRequest,
      success: [200, json(s.LoginResponse, 'Token and user')],
      errors: [401],
    },
    // contract service
    {
      method: 'post',
      path: '/api/vendors',
      tag: 'contract',
      summary: 'Register a vendor and its bank account',
      roles: ['procurement'],
      body: s.VendorCreateRequest,
      success: [201, json(s.Vendor, 'The registered vendor')],
      errors: [422],
    },
    {
      method: 'get',
      path: '/api/vendors/{id}',
      tag: 'contract',
      summary: 'A vendor',
      roles: STAFF,
      params: id,
      success: [200, json(s.Vendor, 'The vendor')],
    },
    {
      method: 'post',
      path: '/api/vendors/{id}/portal-users',
      tag: 'contract',
      summary: 'Create a portal login with role `vendor` for this vendor',
      roles: ['procurement'],
      params: id,
      body: s.PortalUserCreateRequest,
      success: [201, json(s.AuthUser, 'The created user')],
      errors: [409],
    },
    {
      method: 'post',
      path: '/api/budgets',
      tag: 'contract',
      summary: 'Create a budget line for a fiscal year',
      roles: ['accountant'],
      body: s.BudgetCreateRequest,
      success: [201, json(s.Budget, 'The budget line')],
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/budgets/{fiscalYear}/{code}',
      tag: 'contract',
      summary: 'A budget line with its encumbered, spent and available amounts',
      roles: STAFF,
      params: BudgetKeyParamsSchema,
      success: [200, json(s.Budget, 'The budget line')],
    },
    {
      method: 'post',
      path: '/api/contracts',
      tag: 'contract',
      summary: 'Draft a contract (amount tax-included)',
      roles: ['procurement'],
      body: s.ContractCreateRequest,
      success: [201, json(s.Contract, 'The draft contract')],
      errors: [422],
    },
    {
      method: 'get',
      path: '/api/contracts',
      tag: 'contract',
      summary: 'Search contracts (from/to bound startDate)',
      roles: STAFF,
      query: ContractListQuerySchema,
      success: [200, json(z.array(s.Contract), 'Matching contracts')],
    },
    {
      method: 'get',
      path: '/api/contracts/{id}',
      tag: 'contract',
      summary: 'A contract with its approvals and invoiced/paid/remaining amounts',
      roles: [...STAFF, 'vendor'],
      params: id,
      success: [200, json(s.Contract, 'The contract')],
    },
    {
      method: 'post',
      path: '/api/contracts/{id}/submit',
      tag: 'contract',
      summary: 'Submit a draft for approval',
      roles: ['procurement'],
      params: id,
      success: [200, json(s.Contract, 'The submitted contract')],
      errors: [409],
    },
    {
      method: 'post',
      path: '/api/contracts/{id}/approve',
      tag: 'contract',
      summary:
        'Approve one step of the route (not by the submitter); encumbers the budget when complete',
      roles: ['approver'],
      params: id,
      body: s.ContractApproveRequest,
      success: [200, json(s.Contract, 'The contract, approved once the route is complete')],
      errors: [409, 422],
    },
    {
      method: 'post',
      path: '/api/contracts/{id}/reject',
      tag: 'contract',
      summary: 'Reject a submitted contract',
      roles: ['approver'],
      params: id,
      body: s.RejectRequest,
      success: [200, json(s.Contract, 'The rejected contract')],
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/contracts/{id}/voucher.pdf',
      tag: 'contract',
      summary: '支出負担行為決議書 (commitment voucher)',
      roles: STAFF,
      params: id,
      success: [200, binary('application/pdf', 'The voucher')],
    },
    // invoice service
    {
      method: 'post',
      path: '/api/invoices',
      tag: 'invoice',
      summary: 'Receive an invoice against an approved contract (line amounts tax-excluded)',
      roles: ['procurement', 'vendor'],
      body: s.InvoiceCreateRequest,
      success: [201, json(s.Invoice, 'The received invoice with its tax breakdown and due date')],
      errors: [422],
    },
    {
      method: 'get',
      path: '/api/invoices',
      tag: 'invoice',
      summary: 'Search invoices (from/to bound receivedOn, amounts bound total)',
      roles: STAFF,
      query: InvoiceListQuerySchema,
      success: [200, json(z.array(s.Invoice), 'Matching invoices')],
    },
    {
      method: 'get',
      path: '/api/invoices/{id}',
      tag: 'invoice',
      summary: 'An invoice',
      roles: [...STAFF, 'vendor'],
      params: id,
      success: [200, json(s.Invoice, 'The invoice')],
    },
    {
      method: 'post',
      path: '/api/invoices/{id}/inspect',
      tag: 'invoice',
      summary: 'Record the inspection (検収)',
      roles: ['procurement'],
      params: id,
      success: [200, json(s.Invoice, 'The inspected invoice')],
      errors: [409],
    },
    {
      method: 'post',
      path: '/api/invoices/{id}/approve',
      tag: 'invoice',
      summary: 'Issue the payment order (支出命令)',
      roles: ['accountant'],
      params: id,
      success: [200, json(s.Invoice, 'The approved invoice')],
      errors: [409],
    },
    {
      method: 'post',
      path: '/api/invoices/{id}/reject',
      tag: 'invoice',
      summary: 'Reject an invoice',
      roles: ['procurement', 'accountant'],
      params: id,
      body: s.RejectRequest,
      success: [200, json(s.Invoice, 'The rejected invoice')],
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/invoices/{id}/voucher.pdf',
      tag: 'invoice',
      summary: '支出命令書 (payment order voucher)',
      roles: STAFF,
      params: id,
      success: [200, binary('application/pdf', 'The voucher')],
    },
    // payment service
    {
      method: 'get',
      path: '/api/payments',
      tag: 'payment',
      summary: 'Search payments',
      roles: STAFF,
      query: PaymentListQuerySchema,
      success: [200, json(z.array(s.Payment), 'Matching payments')],
    },
    {
      method: 'post',
      path: '/api/transfer-batches',
      tag: 'payment',
      summary: 'Draft a transfer batch from scheduled payments',
      roles: ['accountant'],
      body: s.TransferBatchCreateRequest,
      success: [201, json(s.TransferBatch, 'The draft batch')],
      errors: [422],
    },
    {
      method: 'post',
      path: '/api/transfer-batches/{id}/approve',
      tag: 'payment',
      summary: 'Approve a batch (not by its creator)',
      roles: ['accountant'],
      params: id,
      success: [200, json(s.TransferBatch, 'The approved batch')],
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/transfer-batches/{id}/zengin',
      tag: 'payment',
      summary: 'The Zengin 総合振込 file of an approved batch (Shift_JIS, 120-byte records, CRLF)',
      roles: ['accountant'],
      params: id,
      success: [200, binary('text/plain; charset=Shift_JIS', 'The Zengin file')],
      errors: [409],
    },
    {
      method: 'post',
      path: '/api/transfer-batches/{id}/settle',
      tag: 'payment',
      summary: 'Mark an approved batch settled; its payments become paid',
      roles: ['accountant'],
      params: id,
      success: [200, json(s.TransferBatch, 'The settled batch')],
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/payments/{id}/remittance-notice.pdf',
      tag: 'payment',
      summary: '振込通知書 (remittance notice)',
      roles: ['accountant', 'vendor'],
      params: id,
      success: [200, binary('application/pdf', 'The notice')],
    },
    {
      method: 'get',
      path: '/api/vendor/remittances',
      tag: 'payment',
      summary: "The calling vendor's own payments",
      roles: ['vendor'],
      success: [200, json(z.array(s.Remittance), 'Payments to the caller')],
    },
    // Added to API.md's operations (services may add endpoints, never rename them).
    {
      method: 'get',
      path: '/api/transfer-batches/{id}',
      tag: 'payment',
      summary: 'A transfer batch',
      roles: ['accountant', 'auditor', 'admin', 'procurement', 'approver'],
      params: id,
      success: [200, json(s.TransferBatch, 'The batch')],
    },
    {
      method: 'get',
      path: '/api/audit/{service}',
      tag: 'operations',
      summary:
        "A service's append-only audit trail (電子帳簿保存法), by date, amount and counterparty",
      roles: ['auditor', 'admin', 'accountant'],
      params: z.object({ service: z.enum(['contract', 'invoice', 'payment', 'portal']) }),
      query: AuditQuerySchema,
      success: [200, json(z.array(s.AuditEntry), 'Audit entries, oldest first')],
    },
    // operations
    {
      method: 'get',
      path: '/health',
      tag: 'operations',
      summary: 'Liveness',
      success: [200, { description: 'The process is alive' }],
    },
    {
      method: 'get',
      path: '/ready',
      tag: 'operations',
      summary: 'Readiness: dependencies reachable',
      success: [200, { description: 'Ready to serve' }],
      errors: [503],
    },
    {
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary: 'Prometheus metrics',
      success: [200, binary('text/plain; version=0.0.4', 'Metrics in Prometheus text format')],
    },
  ];
}

export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/auth/login',
  });
  const schemas = registerComponents(registry);
  for (const op of operations(schemas)) registry.registerPath(toRoute(op, schemas.Problem));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Denpyo',
      version: '1.0.0',
      description:
        'Contract-to-payment accounting for a Japanese city. Amounts are integer yen; dates are YYYY-MM-DD in Japan time. Every POST honours Idempotency-Key.',
    },
    servers: [{ url: 'http://localhost:3000', description: 'Portal (default PORT)' }],
    security: [{ bearerAuth: [] }],
    tags: TAGS,
  });
}
