import type { Express, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { createClock } from '../application/clock';
import { pdfSettings } from '../config';
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
  type CursorState,
  type SortOrder,
  type XmlBodyDeclaration,
  XML_MEDIA_TYPES,
} from '@denpyo/schemas';
import { cursorKeyOf, decodeCursor, encodeCursor, type ListPage } from '../application/list-page';
import type { Outcome } from '../application/outcome';
import type { Caller } from '../application/unit-of-work';
import {
  authenticate,
  requestTokens,
  requireRole,
  type RequestTokens,
  type TokenVerifier,
} from './auth';
import { toCsv } from './csv';
import { badRequest, forbidden, HttpError, parseOr400, refusalError } from './errors';
import { idempotency } from './idempotency';
import {
  createRenderLimiter,
  renderLimitsFor,
  rendersPdf,
  type RenderLimiter,
  type RenderLimits,
} from './render-limits';
import {
  csrfTokenMatches,
  REFRESH_COOKIE,
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
  /** A JSON body parsed with its schema; an XML body (`xmlBody`) as the bytes received. */
  body: Op extends { body: infer B }
    ? Parsed<B>
    : Op extends { xmlBody: XmlBodyDeclaration }
      ? Buffer
      : undefined;
  /** The signed-in caller; public operations have none. */
  caller: Op extends { roles: readonly Role[] } ? Caller : undefined;
  /** The client's address as the configured proxy hops report it. */
  clientAddress: string;
  /** The tokens the request carries, unverified (sign-out and refresh read their session's). */
  tokens: RequestTokens;
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
  /** Verifies access tokens of operations that declare roles (needed only for those). */
  verifyToken?: TokenVerifier;
  /** Where Idempotency-Keys are kept; authenticated POSTs honour them (needed only for those). */
  pool?: Pool;
  /** Today in Japan, the service's clock (names CSV downloads); the wall clock if not given. */
  today?: () => string;
  /** In-flight PDF renders allowed per user and per process (pdfSettings defaults if not given). */
  renderLimits?: RenderLimits;
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
  const renders = createRenderLimiter(options.renderLimits ?? renderLimitsFor(pdfSettings({})));
  for (const [operationId, operation] of Object.entries(operations)) {
    const handler = handlers[operationId as keyof Ops] as unknown;
    if (typeof handler !== 'function') throw new Error(`No handler for ${operationId}`);
    if (listOf(operation) && !operation.query) {
      throw new Error(`${operationId} is a list: it needs a query with the page fields`);
    }
    const chain: RequestHandler[] = [];
    if (operation.roles) {
      if (!options.verifyToken) throw new Error(`${operationId} needs a token verifier`);
      chain.push(authenticate(options.verifyToken), requireRole(operation.roles));
    }
    chain.push(bodyMediaTypeGuard(operation));
    if (operation.roles) {
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
            rendersPdf(operation)
              ? inRenderSlot(renders, handler as UseCaseHandler)
              : (handler as UseCaseHandler),
            options.today ?? WALL_CLOCK.today,
          ),
    );
    app[operation.method](expressPath(operation.path), ...chain);
  }
}

type UseCaseHandler = (request: unknown) => Promise<Outcome<unknown>>;

/** A PDF operation's handler holds a render slot of its caller (its address if public) while it runs. */
function inRenderSlot(renders: RenderLimiter, handler: UseCaseHandler): UseCaseHandler {
  return (request) => {
    const { caller, clientAddress } = request as { caller?: Caller; clientAddress: string };
    const user = caller ? `user:${caller.user.username}` : `address:${clientAddress}`;
    return renders.run(user, () => handler(request));
  };
}

/**
 * A public POST (sign-in, sign-out, refresh) from a browser that holds a session must carry its CSRF
 * token too, so another site cannot sign the user out or into another account.
 */
const csrfGuard: RequestHandler = (req, _res, next) => {
  const cookies = requestCookies(req);
  const hasSession = cookies[SESSION_COOKIE] !== undefined || cookies[REFRESH_COOKIE] !== undefined;
  next(hasSession && !csrfTokenMatches(req) ? forbidden('CSRF token missing or wrong') : undefined);
};

/**
 * An XML operation takes only an XML body (415 otherwise, 413 above its declared size, 400 when
 * empty); any other operation refuses an XML body with 415, rather than reading it as no body.
 */
function bodyMediaTypeGuard(operation: OperationDeclaration): RequestHandler {
  return (req, _res, next) => {
    const mediaType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const xml = (XML_MEDIA_TYPES as readonly string[]).includes(mediaType);
    const { xmlBody } = operation;
    if (!xmlBody) {
      next(
        xml
          ? unsupportedMediaType('This operation takes a JSON body (application/json)')
          : undefined,
      );
    } else if (!xml) {
      next(unsupportedMediaType(`Send the XML document as ${XML_MEDIA_TYPES.join(' or ')}`));
    } else if ((req.rawBody?.length ?? 0) > xmlBody.maxBytes) {
      next(
        new HttpError(
          413,
          'Content Too Large',
          `The document is larger than the ${xmlBody.maxBytes} bytes this operation accepts`,
        ),
      );
    } else {
      next(
        req.rawBody?.length ? undefined : badRequest('The body is empty: send the XML document'),
      );
    }
  };
}

const unsupportedMediaType = (detail: string) =>
  new HttpError(415, 'Unsupported Media Type', detail);

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
      body: operation.xmlBody
        ? req.rawBody
        : operation.body
          ? parseOr400(operation.body, req.body ?? {}, 'body')
          : undefined,
      caller: req.user
        ? {
            user: req.user,
            correlationId: req.correlationId,
            ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
          }
        : undefined,
      clientAddress: req.ip ?? 'unknown',
      tokens: requestTokens(req),
    });
    if (!outcome.ok) throw refusalError(outcome.refusal);
    setReplyCookies(res, outcome.value); // a reply made `withCookies` (session sign-in/out)
    if (!list) sendReply(operation, res, outcome.value);
    else if (csv)
      sendCsv(`${operationId}-${today()}`, list, res, outcome.value as ListPage<unknown>);
    else sendPage(req, res, list, query as PageRequest, outcome.value as ListPage<unknown>);
  };
}

const PAGE_FIELDS: ReadonlySet<string> = new Set<PageQueryField>([
  'page',
  'pageSize',
  'sort',
  'order',
  'format',
  'cursor',
]);

function listOf(operation: OperationDeclaration): ListDeclaration<unknown> | undefined {
  return operation.response.kind === 'json' ? operation.response.list : undefined;
}

/**
 * The query a list's use case gets: the filters, and the page asked for with the declared
 * defaults filled in — for a CSV download, every match up to CSV_MAX_ROWS on one page; after a
 * `cursor`, the page after the cursor's row in the cursor's sort.
 */
function pagedQuery(
  list: ListDeclaration<unknown>,
  query: Record<string, unknown>,
  csv: boolean,
): Record<string, unknown> & PageRequest {
  const { page, pageSize, sort, order, cursor } = query;
  const filters = Object.fromEntries(
    Object.entries(query).filter(([field]) => !PAGE_FIELDS.has(field)),
  );
  if (csv) {
    const sorted = { sort: (sort as string | undefined) ?? list.defaultSort };
    return { ...filters, page: 1, pageSize: CSV_MAX_ROWS, ...sorted, order: orderOf(list, query) };
  }
  const size = (pageSize as number | undefined) ?? list.defaultPageSize;
  if (typeof cursor !== 'string') {
    const sortField = (sort as string | undefined) ?? list.defaultSort;
    return {
      ...filters,
      page: (page as number | undefined) ?? 1,
      pageSize: size,
      sort: sortField,
      order: orderOf(list, query),
    };
  }
  const state = decodeCursor(cursor);
  const refuse = (message: string) => badRequest('Invalid query', [{ path: 'cursor', message }]);
  if (page !== undefined) throw refuse('give page or cursor, not both');
  if (!state || !cursorFits(list, state)) throw refuse('must be a cursor from a Link header');
  if ((sort !== undefined && sort !== state.sort) || (order !== undefined && order !== state.order))
    throw refuse('belongs to another sort or order: start again without it');
  return {
    ...filters,
    page: Math.floor(state.offset / size) + 1,
    pageSize: size,
    sort: state.sort,
    order: state.order,
    after: { key: state.key, offset: state.offset },
  };
}

/**
 * Whether a decoded cursor can be this list's: one of its sorts, and a key of exactly its key
 * fields, each valid for the item's field (a forged key never reaches the database).
 */
function cursorFits(list: ListDeclaration<unknown>, state: CursorState): boolean {
  if (!(list.sortable as readonly string[]).includes(state.sort)) return false;
  const fields = Object.keys(state.key);
  if (fields.length !== list.key.length || !list.key.every((field) => fields.includes(field)))
    return false;
  // An item schema without a shape, or a key field it lacks, cannot vouch for the key: refused.
  const shape = (list.item as { shape?: Record<string, z.ZodType> }).shape;
  return list.key.every((field) => shape?.[field]?.safeParse(state.key[field]).success ?? false);
}

/** The declared order belongs to the declared sort; another field sorts ascending unless asked. */
function orderOf(list: ListDeclaration<unknown>, query: Record<string, unknown>): SortOrder {
  const { sort, order } = query;
  return (
    (order as SortOrder | undefined) ??
    (sort === undefined || sort === list.defaultSort ? list.defaultOrder : 'asc')
  );
}

/**
 * One page as a JSON array, with X-Total-Count, X-Page, X-Page-Size, Link, X-Result-Truncated.
 * A page asked for by number links the next and previous pages by number; any other (the first
 * page, or a cursor's) links the next page by a cursor naming its last row, so a client that
 * follows `rel="next"` reads every match by keyset however deep it goes.
 */
function sendPage(
  req: Request,
  res: Response,
  list: ListDeclaration<unknown>,
  page: PageRequest,
  value: ListPage<unknown>,
): void {
  const { items, total } = value;
  // The bound every list keeps (finding 7): a use case that ignored its page is a bug to surface.
  if (items.length > page.pageSize)
    throw new Error(`A list answered ${items.length} items for a page of ${page.pageSize}`);
  const byNumber = req.query.page !== undefined;
  const offset = page.after ? page.after.offset : (page.page - 1) * page.pageSize;
  const more = offset + items.length < total && items.length > 0;
  const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
  const links: string[] = [];
  if (more && byNumber) links.push(pageLink(req, { page: String(page.page + 1) }, 'next'));
  else if (more) {
    const cursor = encodeCursor({
      sort: page.sort,
      order: page.order,
      key: cursorKeyOf(items.at(-1), list.key),
      offset: offset + items.length,
    });
    links.push(
      pageLink(req, { cursor, page: undefined, sort: undefined, order: undefined }, 'next'),
    );
  }
  if (byNumber && page.page > 1)
    links.push(pageLink(req, { page: String(Math.min(page.page - 1, lastPage)) }, 'prev'));
  res.set({ 'X-Total-Count': String(total), 'X-Page-Size': String(page.pageSize) });
  if (!page.after) res.set('X-Page', String(page.page));
  if (links.length > 0) res.set('Link', links.join(', '));
  if (more) res.set('X-Result-Truncated', 'true');
  res.status(200).json(items);
}

/**
 * The request's own path and query with some parameters replaced (undefined: removed), as an
 * RFC 8288 link, relative. A cursor carries its sort and order, so its link does not repeat them.
 */
function pageLink(
  req: Request,
  replace: Record<string, string | undefined>,
  rel: 'next' | 'prev',
): string {
  const url = new URL(req.originalUrl, 'http://localhost');
  for (const [name, value] of Object.entries(replace)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
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
