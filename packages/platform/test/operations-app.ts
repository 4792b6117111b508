import type express from 'express';
import { Registry } from 'prom-client';
import type { OperationDeclaration } from '@denpyo/schemas';
import { createApp } from '../src/http/app';
import {
  registerOperations,
  type OperationHandlers,
  type RegisterOptions,
} from '../src/http/operations';
import { createLogger } from '../src/logger';
import { verifyTestToken } from '../src/testing';

/**
 * An app serving `operations` with `handlers` on the common edge, as a service's is made,
 * verifying the test key's tokens; `options` add to (or replace) that.
 */
export function operationsApp<Ops extends Record<string, OperationDeclaration>>(
  operations: Ops,
  handlers: OperationHandlers<Ops>,
  options: RegisterOptions = {},
): express.Express {
  return createApp({
    logger: createLogger('operations-test', 'silent'),
    registry: new Registry(),
    readiness: async () => ({}),
    mount(api) {
      registerOperations(api, operations, handlers, { verifyToken: verifyTestToken, ...options });
    },
  });
}
