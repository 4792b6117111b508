// How an HTTP operation is declared: once, here, for the service that serves it (its express
// route is registered from the declaration), for the portal (which forwards by it) and for the
// OpenAPI document (generated from it). Nothing else lists routes or their roles.
import type { z } from '../zod';
import type { Role } from '../values';

/** The processes that serve operations; `every` is served by each of them (/health, …). */
export type OperationOwner = 'portal' | 'contract' | 'invoice' | 'payment' | 'every';

export type OperationTag = 'auth' | 'contract' | 'invoice' | 'payment' | 'operations';

export type JsonResponse = {
  kind: 'json';
  status: 200 | 201;
  schema: z.ZodType;
  description: string;
  /** The most items one answer holds; more are flagged with `X-Result-Truncated: true`. */
  listLimit?: number;
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

export interface OperationDeclaration {
  method: 'get' | 'post';
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
  listLimit?: number,
) => ({ kind: 'json' as const, status, schema, description, ...(listLimit ? { listLimit } : {}) });

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
