import type { Express, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { createClock } from '../application/clock';
import type { z } from 'zod';
import {
  CSV_MAX_ROWS,
  expressPath,
  type ListDeclaration,
  type OperationDeclaration,
  type OperationOwner,
  type PagedQuery,
  type PageQueryField,
  type PageRequest,
  type Role,
} from '@denpyo/schemas';
import type { ListPage } from '../application/list-page';
import type { Outcome } from '../application/outcome';
import type { Caller } from '../application/unit-of-work';
import { authenticate, requireRole } from './auth';
import { toCsv } from './csv';
import { forbidden, parseOr400, refusalError } from './errors';
import { idempotency } from './idempotency';
import {
  csrfTokenMatches,
  requestCookies,
  SESSION_COOKIE,
  setReplyCookies,
} from './session-cookies';

const WALL_CLOCK = createClock();

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Whether an operation is a list (its response declares `list`: paged, sorted, CSV). */
type IsList<Op extends OperationDeclaration> = Op['response'] extends { list: object }
  ? true
  : false;

/** What a route handler gets: the request parsed with the operation's own schemas. */
export interface OperationRequest<Op extends OperationDeclaration> {
  params: Op extends { params: infer P } ? Parsed<P> : undefined;
  /** A list's query comes with its page filled in: the request's, or the declared defaults. */
  query: Op extends { query: infer Q }
    ? IsList<Op> extends true
      ? PagedQuery<Parsed<Q>>
      : Parsed<Q>
    : undefined;
  body: Op extends { body: infer B } ? Parsed<B> : undefined;
  /** The signed-in caller; public operations have none. */
  caller: Op extends { roles: readonly Role[] } ? Caller : undefined;
  /** The client's address as the configured proxy hops report it. */
  clientAddress: string;
}

/** A file to send: the operation declares its media type. */
export interface FileReply {
  content: Buffer;
  /** Sent as an attachment with this name (Content-Disposition). */
  fileName?: string;
}

export type ReplyOf<Op extends OperationDeclaration> = Op['response'] extends {
  kind: 'json';
  schema: infer S extends z.ZodType;
}
  ? IsList<Op> extends true
    ? ListPage<z.output<S> extends readonly (infer Item)[] ? Item : never>
    : z.output<S>
  : FileReply;

/** Writes the response itself (health, readiness, metrics, the docs page). */
export type RawHandler = (req: Request, res: Response) => void | Promise<void>;

export type OperationHandler<Op extends OperationDeclaration> = Op['response'] extends {
  kind: 'raw';
}
  ? RawHandler
  : (request: OperationRequest<Op>) => Promise<Outcome<ReplyOf<Op>>>;

/** One handler per operation of a process: a missing or extra one is a type error. */
export type OperationHandlers<Ops extends Record<string, OperationDeclaration>> = {
  [K in keyof Ops]: OperationHandler<Ops[K]>;
};

export interface RegisterOptions {
  /** Verifies bearer tokens of operations that declare roles (needed only for those). */
  jwtSecret?: string;
  /** Where Idempotency-Keys are kept; authenticated POSTs honour them (needed only for those). */
  pool?: Pool;
  /** Today in Japan, the service's clock (names CSV downloads); the wall clock if not given. */
  today?: () => string;
}

/**
 * Registers each declared operation on the app, from its declaration alone: the path, the
 * bearer token and roles it requires, Idempotency-Key for authenticated POSTs, the parsing of
 * path, query and body with its schemas (400 naming each bad field), and the reply: its status,
 * `Location`, a file's media type, a list's page and paging headers or its CSV download — or
 * the refusal as problem+json. Each route is registered at its full path on the app itself, so
 * the routes can be read back and compared with the OpenAPI document.
 */
export function registerOperations<Ops extends Record<string, OperationDeclaration>>(
  app: Express,
  operations: Ops,
  handlers: OperationHandlers<Ops>,
  options: RegisterOptions,
): void {
  for (const [operationId, operation] of Object.entries(operations)) {
    const handler = handlers[operationId as keyof Ops] as unknown;
    if (typeof handler !== 'function') throw new Error(`No handler for ${operationId}`);
    if (listOf(operation) && !operation.query) {
      throw new Error(`${operationId} is a list: it needs a query with the page fields`);
    }
    const chain: RequestHandler[] = [];
    if (operation.roles) {
      if (!options.jwtSecret) throw new Error(`${operationId} needs a JWT secret`);
      chain.push(authenticate(options.jwtSecret), requireRole(operation.roles));
      if (operation.method === 'post') {
        if (!options.pool) throw new Error(`${operationId} needs a pool for Idempotency-Keys`);
        chain.push(idempotency(options.pool));
      }
    } else if (operation.method === 'post') {
      chain.push(csrfGuard);
    }
    chain.push(
      operation.response.kind === 'raw'
        ? (handler as RawHandler)
        : adapt(
            operationId,
            operation,
            handler as (request: unknown) => Promise<Outcome<unknown>>,
            options.today ?? WALL_CLOCK.today,
          ),
    );
    app[operation.method](expressPath(operation.path), ...chain);
  }
}

/**
 * A public POST (sign-in, sign-out) from a browser that holds a session must carry its CSRF
 * token too, so another site cannot sign the user out or into another account.
 */
const csrfGuard: RequestHandler = (req, _res, next) => {
  const hasSession = requestCookies(req)[SESSION_COOKIE] !== undefined;
  next(hasSession && !csrfTokenMatches(req) ? forbidden('CSRF token missing or wrong') : undefined);
};

/** The operations `owner` serves, from a set of declarations, keyed by operationId. */
export function ownedBy<Ops extends Record<string, OperationDeclaration>>(
  operations: Ops,
  owner: OperationOwner,
): Ops {
  return Object.fromEntries(
    Object.entries(operations).filter(([, operation]) => operation.owner === owner),
  ) as Ops;
}

function adapt(
  operationId: string,
  operation: OperationDeclaration,
  handler: (request: unknown) => Promise<Outcome<unknown>>,
  today: () => string,
): RequestHandler {
  const list = listOf(operation);
  return async (req, res) => {
    const params = operation.params ? parseOr400(operation.params, req.params, 'path') : undefined;
    const parsedQuery = operation.query
      ? parseOr400(operation.query, req.query, 'query')
      : undefined;
    const csv = list !== undefined && (parsedQuery as { format?: string }).format === 'csv';
    const query = list
      ? pagedQuery(list, parsedQuery as Record<string, unknown>, csv)
      : parsedQuery;
    const outcome = await handler({
      params,
      query,
      body: operation.body ? parseOr400(operation.body, req.body ?? {}, 'body') : undefined,
      caller: req.user
        ? {
            user: req.user,
            correlationId: req.correlationId,
            ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
          }
        : undefined,
      clientAddress: req.ip ?? 'unknown',
    });
    if (!outcome.ok) throw refusalError(outcome.refusal);
    setReplyCookies(res, outcome.value); // a reply made `withCookies` (session sign-in/out)
    if (!list) sendReply(operation, res, outcome.value);
    else if (csv)
      sendCsv(`${operationId}-${today()}`, list, res, outcome.value as ListPage<unknown>);
    else sendPage(req, res, query as PageRequest, outcome.value as ListPage<unknown>);
  };
}

const PAGE_FIELDS: ReadonlySet<string> = new Set<PageQueryField>([
  'page',
  'pageSize',
  'sort',
  'order',
  'format',
]);

function listOf(operation: OperationDeclaration): ListDeclaration<unknown> | undefined {
  return operation.response.kind === 'json' ? operation.response.list : undefined;
}

/**
 * The query a list's use case gets: the filters, and the page asked for with the declared
 * defaults filled in — for a CSV download, every match up to CSV_MAX_ROWS on one page.
 */
function pagedQuery(
  list: ListDeclaration<unknown>,
  query: Record<string, unknown>,
  csv: boolean,
): Record<string, unknown> & PageRequest {
  const { page, pageSize, sort, order } = query;
  const filters = Object.entries(query).filter(([field]) => !PAGE_FIELDS.has(field));
  return {
    ...Object.fromEntries(filters),
    page: csv ? 1 : ((page as number | undefined) ?? 1),
    pageSize: csv ? CSV_MAX_ROWS : ((pageSize as number | undefined) ?? list.defaultPageSize),
    sort: (sort as string | undefined) ?? list.defaultSort,
    // The declared order belongs to the declared sort; another field sorts ascending unless asked.
    order:
      (order as PageRequest['order'] | undefined) ??
      (sort === undefined || sort === list.defaultSort ? list.defaultOrder : 'asc'),
  };
}

/** One page as a JSON array, with X-Total-Count, X-Page, X-Page-Size, Link, X-Result-Truncated. */
function sendPage(req: Request, res: Response, page: PageRequest, value: ListPage<unknown>): void {
  const { items, total } = value;
  const more = page.page * page.pageSize < total;
  const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
  const links = [
    ...(more ? [pageLink(req, page.page + 1, 'next')] : []),
    ...(page.page > 1 ? [pageLink(req, Math.min(page.page - 1, lastPage), 'prev')] : []),
  ];
  res.set({
    'X-Total-Count': String(total),
    'X-Page': String(page.page),
    'X-Page-Size': String(page.pageSize),
  });
  if (links.length > 0) res.set('Link', links.join(', '));
  if (more) res.set('X-Result-Truncated', 'true');
  res.status(200).json(items);
}

/** The request's own path and query with another page number (RFC 8288 link, relative). */
function pageLink(req: Request, page: number, rel: 'next' | 'prev'): string {
  const url = new URL(req.originalUrl, 'http://localhost');
  url.searchParams.set('page', String(page));
  return `<${url.pathname}${url.search}>; rel="${rel}"`;
}

/** Every match (up to CSV_MAX_ROWS) as a CSV download (named after the operation and today). */
function sendCsv(
  fileName: string,
  list: ListDeclaration<unknown>,
  res: Response,
  value: ListPage<unknown>,
): void {
  const { items, total } = value;
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}.csv"`,
    'X-Total-Count': String(total),
  });
  if (total > items.length) res.set('X-Result-Truncated', 'true');
  res.send(Buffer.from(toCsv(list.columns, items), 'utf8'));
}

function sendReply(operation: OperationDeclaration, res: Response, value: unknown): void {
  const { response } = operation;
  if (response.kind === 'file') {
    const { content, fileName } = value as FileReply;
    res.status(response.status).set('Content-Type', response.mediaType);
    if (fileName) res.set('Content-Disposition', `attachment; filename="${fileName}"`);
    res.send(content);
    return;
  }
  if (operation.location) res.location(fillPath(operation.location, value));
  res.status(response.status).json(value);
}

/** `/api/invoices/{id}` with the reply's `id`. */
function fillPath(template: string, value: unknown): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(String((value as Record<string, unknown>)[name])),
  );
}
