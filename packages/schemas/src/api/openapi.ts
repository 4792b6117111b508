// The OpenAPI 3.1 document of the external HTTP contract (API.md), generated from the operation
// declarations the services register their routes from, so the two cannot drift apart.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { Problem } from './components';
import { API_OPERATIONS } from './operations';
import {
  XML_MEDIA_TYPES,
  type OperationDeclaration,
  type OperationTag,
  type XmlBodyDeclaration,
} from './operation';

const TAGS: { name: OperationTag; description: string }[] = [
  { name: 'auth', description: 'Login (portal)' },
  { name: 'contract', description: 'Vendors, budgets and contracts (contract service)' },
  { name: 'invoice', description: 'Invoices, inspection and payment orders (invoice service)' },
  { name: 'payment', description: 'Payments, transfer batches and remittances (payment service)' },
  {
    name: 'operations',
    description: 'Health, readiness, metrics, audit trails and this reference',
  },
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each invalid field',
  401: 'Missing or invalid credentials',
  403: 'The role or ownership does not allow this',
  404: 'No such resource',
  409: 'The resource is not in a state that allows this',
  413: 'The body is larger than this operation accepts',
  415: 'The body is not of the media type this operation takes',
  422: 'A business rule refuses the request, or an Idempotency-Key was reused with another body',
  429: 'Too many attempts; retry after the time in Retry-After',
  503: 'A dependency is unreachable',
};

const integerHeader = (description: string) => ({
  description,
  schema: { type: 'integer' as const, minimum: 0 },
});

/** What a list operation's answer carries besides the page itself. */
const LIST_HEADERS = {
  'X-Total-Count': integerHeader('How many items match, on every page together'),
  'X-Page': integerHeader('This page (1-based)'),
  'X-Page-Size': integerHeader('Items per page'),
  Link: {
    description:
      'The next and previous pages, when they exist: `<…>; rel="next"`, `<…>; rel="prev"`. Asked for by `page`, by page number; otherwise the next page by `cursor` (no previous)',
    schema: { type: 'string' as const },
  },
  'X-Result-Truncated': {
    description: '`true` when more items match beyond this page (or beyond a CSV download)',
    schema: { type: 'string' as const, enum: ['true'] },
  },
  'Content-Disposition': {
    description: 'For `format=csv`: `attachment; filename="<operationId>-<YYYY-MM-DD>.csv"`',
    schema: { type: 'string' as const },
  },
};

function successResponse(operation: OperationDeclaration): ResponseConfig {
  const { response } = operation;
  const list = response.kind === 'json' ? response.list : undefined;
  const headers = {
    ...(operation.location
      ? {
          Location: {
            description: 'Where the created resource is',
            schema: { type: 'string' as const },
          },
        }
      : {}),
    ...(list ? LIST_HEADERS : {}),
  };
  const schema =
    response.kind === 'json' ? response.schema : z.string().openapi({ format: 'binary' });
  const csv = list
    ? {
        'text/csv': {
          schema: z.string().openapi({
            description: `UTF-8 with a BOM, CRLF line ends, a header row (${list.columns.map((column) => column.header).join(', ')})`,
          }),
        },
      }
    : {};
  return {
    description: response.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: {
      [response.kind === 'json' ? 'application/json' : response.mediaType]: { schema },
      ...csv,
    },
  };
}

function describe(operation: OperationDeclaration): string | undefined {
  const list = operation.response.kind === 'json' ? operation.response.list : undefined;
  const lines = [
    ...(operation.roles ? [`Roles: ${operation.roles.join(', ')}.`] : []),
    ...(list
      ? [
          `A list: \`page\` (from 1), \`pageSize\` (default ${list.defaultPageSize}, at most ${list.maxPageSize}), \`sort\` (${list.sortable.join(', ')}; default ${list.defaultSort} ${list.defaultOrder}), \`order\` (asc, desc; default asc${list.defaultOrder === 'desc' ? `, desc when sorted by ${list.defaultSort}` : ''}); \`cursor\` (from the \`Link: rel="next"\` of the page before) continues after that page's last item instead of \`page\`; \`format=csv\` downloads every match.`,
        ]
      : []),
  ];
  return lines.length > 0 ? lines.join(' ') : undefined;
}

function toRoute(operationId: string, operation: OperationDeclaration): RouteConfig {
  const authenticated = operation.roles !== undefined;
  const keyed = operation.method === 'post' && authenticated;
  const errorStatuses = new Set([
    400, // every route refuses a malformed request (a NUL in the URL, say), not only parsed input
    ...(authenticated ? [401, 403] : []),
    ...(operation.params ? [404] : []),
    ...(keyed ? [422] : []), // an Idempotency-Key reused with another body
    ...(operation.xmlBody ? [413, 415] : []),
    ...(operation.errors ?? []),
  ]);
  const errorResponses = Object.fromEntries(
    [...errorStatuses].sort().map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Refused',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
  return {
    operationId,
    method: operation.method,
    path: operation.path,
    tags: [operation.tag],
    summary: operation.summary,
    ...(describe(operation) ? { description: describe(operation) } : {}),
    ...(authenticated
      ? { 'x-roles': [...operation.roles!] }
      : { security: [] as Record<string, string[]>[] }),
    request: {
      ...(operation.params ? { params: operation.params as z.ZodObject } : {}),
      ...(operation.query ? { query: operation.query as z.ZodObject } : {}),
      ...(keyed
        ? { headers: z.object({ 'Idempotency-Key': z.string().min(1).max(200).optional() }) }
        : {}),
      ...(operation.body
        ? {
            body: {
              required: true,
              content: { 'application/json': { schema: operation.body } },
            },
          }
        : {}),
      ...(operation.xmlBody ? { body: xmlRequestBody(operation.xmlBody) } : {}),
    },
    responses: { [operation.response.status]: successResponse(operation), ...errorResponses },
  };
}

/** An XML document as the body, under each media type it may be sent as, with its size limit. */
function xmlRequestBody(xmlBody: XmlBodyDeclaration) {
  const schema = z.string().openapi({
    format: 'binary',
    description: `${xmlBody.description} At most ${xmlBody.maxBytes.toLocaleString('en-US')} bytes (413 above).`,
  });
  return {
    required: true,
    description: xmlBody.description,
    content: Object.fromEntries(XML_MEDIA_TYPES.map((mediaType) => [mediaType, { schema }])),
  };
}

export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/auth/login',
  });
  for (const [operationId, operation] of Object.entries(API_OPERATIONS)) {
    registry.registerPath(toRoute(operationId, operation));
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Denpyo',
      version: '1.0.0',
      description:
        'Contract-to-payment accounting for a Japanese city. Amounts are integer yen; dates are YYYY-MM-DD in Japan time. Every POST honours Idempotency-Key.',
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' },
    },
    servers: [{ url: '/', description: 'The portal that serves this document' }],
    security: [{ bearerAuth: [] }],
    tags: TAGS,
  });
}
