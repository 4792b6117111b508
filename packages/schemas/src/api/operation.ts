// How an HTTP operation is declared: once, here, for the service that serves it (its express
// route is registered from the declaration), for the portal (which forwards by it) and for the
// OpenAPI document (generated from it). Nothing else lists routes or their roles.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageQueryFields, type SortOrder } from '../paging';
import type { Role } from '../values';
import { z } from '../zod';

/** The processes that serve operations; `every` is served by each of them (/health, …). */
export type OperationOwner = 'portal' | 'contract' | 'invoice' | 'payment' | 'every';

export type OperationTag = 'auth' | 'contract' | 'invoice' | 'payment' | 'operations';

export type JsonResponse = {
  kind: 'json';
  status: 200 | 201;
  schema: z.ZodType;
  description: string;
  /** Present on a list operation: its answer is paged, sortable and downloadable as CSV. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any item: columns read it
  list?: ListDeclaration<any>;
};
export type FileResponse = {
  kind: 'file';
  status: 200;
  mediaType: string;
  description: string;
};
/** Written by the process itself (health, readiness, metrics, the docs page). */
export type RawResponse = {
  kind: 'raw';
  status: 200;
  mediaType: string;
  description: string;
};
export type OperationResponse = JsonResponse | FileResponse | RawResponse;

/** The media types an XML request body may be sent as (RFC 7303). */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'] as const;

/**
 * A request body that is an XML document, handed to the handler as its bytes unchanged (an
 * e-invoice is kept as received): sent as one of XML_MEDIA_TYPES (else 415), at most `maxBytes`
 * (else 413).
 */
export interface XmlBodyDeclaration {
  maxBytes: number;
  description: string;
}

export interface OperationDeclaration {
  method: 'get' | 'post' | 'patch';
  /** OpenAPI form, `{name}` for a path parameter. */
  path: string;
  owner: OperationOwner;
  tag: OperationTag;
  summary: string;
  description?: string;
  /** Who may call it; absent for a public operation (no bearer token needed). */
  roles?: readonly Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A raw XML body instead of a JSON one (an operation declares at most one of the two). */
  xmlBody?: XmlBodyDeclaration;
  response: OperationResponse;
  /** Where a created resource can be read, e.g. `/api/invoices/{id}` (filled from the reply). */
  location?: string;
  /** Failure statuses beyond those every operation of its kind has (400, 401/403, 404, 422). */
  errors?: readonly number[];
}

/** Keeps each declaration's literal types, so a service's handlers are typed from it. */
export function declareOperations<const T extends Record<string, OperationDeclaration>>(
  operations: T,
): T {
  return operations;
}

export const json = <S extends z.ZodType, Status extends 200 | 201 = 200>(
  schema: S,
  description: string,
  status: Status = 200 as Status,
) => ({ kind: 'json' as const, status, schema, description });

/** What one CSV cell holds: `undefined` and `null` are empty; objects are written as JSON. */
export type CsvValue = string | number | boolean | object | null | undefined;

/** One CSV column: its Japanese header and the item's field, or a function of the item. */
export interface CsvColumn<T> {
  header: string;
  value: (keyof T & string) | ((item: T) => CsvValue);
}

/**
 * What makes a GET a list operation (API.md "Lists"): the item it returns, the fields it may be
 * sorted by (unless asked otherwise, by `defaultSort` in `defaultOrder`; another sort field is
 * ascending unless `order` says so), its page sizes and its CSV columns. The platform pages,
 * sorts and writes CSV from this alone; the use case returns `{ items, total }` for the page it
 * is asked for.
 */
export interface ListDeclaration<T = unknown, S extends string = string> {
  item: z.ZodType<T>;
  sortable: readonly [S, ...S[]];
  defaultSort: S;
  defaultOrder: SortOrder;
  defaultPageSize: number;
  maxPageSize: number;
  columns: readonly CsvColumn<T>[];
  /**
   * The item's fields that name its row (a unique key): a `cursor` is the last row's key, and
   * the repository reads the next page after that row.
   */
  key: readonly (keyof T & string)[];
}

/** Declares a list: `listing(c.Contract, { sortable, defaultSort, columns })`. */
export function listing<T, const S extends string>(
  item: z.ZodType<T>,
  spec: {
    sortable: readonly [S, ...S[]];
    defaultSort: NoInfer<S>;
    /** asc unless given. */
    defaultOrder?: SortOrder;
    /** 100 and 1,000 unless given. */
    pageSize?: { default: number; max: number };
    columns: readonly CsvColumn<NoInfer<T>>[];
    /** `['id']` unless given. */
    key?: readonly (keyof NoInfer<T> & string)[];
  },
): ListDeclaration<T, S> {
  return {
    item,
    sortable: spec.sortable,
    defaultSort: spec.defaultSort,
    defaultOrder: spec.defaultOrder ?? 'asc',
    defaultPageSize: spec.pageSize?.default ?? DEFAULT_PAGE_SIZE,
    maxPageSize: spec.pageSize?.max ?? MAX_PAGE_SIZE,
    columns: spec.columns,
    key: spec.key ?? (['id'] as (keyof T & string)[]),
  };
}

/**
 * A list operation's query: its filters (a strict object, as every query) and the page fields
 * (`page`, `pageSize`, `sort` among the declared fields, `order`, `format`).
 */
export function listQuery<S extends string, F extends z.ZodRawShape>(
  list: Pick<ListDeclaration<unknown, S>, 'sortable' | 'maxPageSize'>,
  filters: F,
) {
  return z.strictObject({ ...filters, ...pageQueryFields(list.sortable, list.maxPageSize) });
}

/** A list operation's response: a JSON array of the declared item, one page of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any item: see JsonResponse
export const jsonList = <L extends ListDeclaration<any>>(list: L, description: string) => ({
  kind: 'json' as const,
  status: 200 as const,
  schema: z.array(list.item as L['item']),
  description,
  list,
});

export const file = (mediaType: string, description: string): FileResponse => ({
  kind: 'file',
  status: 200,
  mediaType,
  description,
});

export const raw = (mediaType: string, description: string): RawResponse => ({
  kind: 'raw',
  status: 200,
  mediaType,
  description,
});

/** Express's form of an OpenAPI path: `/api/invoices/{id}` → `/api/invoices/:id`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
