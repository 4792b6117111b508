import type { Express, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { z } from 'zod';
import {
  expressPath,
  type OperationDeclaration,
  type OperationOwner,
  type Role,
} from '@denpyo/schemas';
import type { Outcome } from '../application/outcome';
import type { Caller } from '../application/unit-of-work';
import { authenticate, requireRole } from './auth';
import { parseOr400, refusalError } from './errors';
import { idempotency } from './idempotency';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route handler gets: the request parsed with the operation's own schemas. */
export interface OperationRequest<Op extends OperationDeclaration> {
  params: Op extends { params: infer P } ? Parsed<P> : undefined;
  query: Op extends { query: infer Q } ? Parsed<Q> : undefined;
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
  ? z.output<S>
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
}

/**
 * Registers each declared operation on the app, from its declaration alone: the path, the
 * bearer token and roles it requires, Idempotency-Key for authenticated POSTs, the parsing of
 * path, query and body with its schemas (400 naming each bad field), and the reply: its status,
 * `Location`, a capped list's `X-Result-Truncated`, a file's media type — or the refusal as
 * problem+json. Each route is registered at its full path on the app itself, so the routes can
 * be read back and compared with the OpenAPI document.
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
    const chain: RequestHandler[] = [];
    if (operation.roles) {
      if (!options.jwtSecret) throw new Error(`${operationId} needs a JWT secret`);
      chain.push(authenticate(options.jwtSecret), requireRole(operation.roles));
      if (operation.method === 'post') {
        if (!options.pool) throw new Error(`${operationId} needs a pool for Idempotency-Keys`);
        chain.push(idempotency(options.pool));
      }
    }
    chain.push(
      operation.response.kind === 'raw'
        ? (handler as RawHandler)
        : adapt(operation, handler as (request: unknown) => Promise<Outcome<unknown>>),
    );
    app[operation.method](expressPath(operation.path), ...chain);
  }
}

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
  operation: OperationDeclaration,
  handler: (request: unknown) => Promise<Outcome<unknown>>,
): RequestHandler {
  return async (req, res) => {
    const outcome = await handler({
      params: operation.params ? parseOr400(operation.params, req.params, 'path') : undefined,
      query: operation.query ? parseOr400(operation.query, req.query, 'query') : undefined,
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
    sendReply(operation, res, outcome.value);
  };
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
  if (response.kind === 'json' && response.listLimit !== undefined && Array.isArray(value)) {
    res.setHeader('X-Result-Limit', String(response.listLimit));
    if (value.length > response.listLimit) res.setHeader('X-Result-Truncated', 'true');
    res.status(response.status).json(value.slice(0, response.listLimit));
    return;
  }
  res.status(response.status).json(value);
}

/** `/api/invoices/{id}` with the reply's `id`. */
function fillPath(template: string, value: unknown): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(String((value as Record<string, unknown>)[name])),
  );
}
