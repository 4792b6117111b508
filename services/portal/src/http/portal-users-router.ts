import { Router } from 'express';
import type { Pool } from 'pg';
import {
  authenticate,
  conflict,
  currentUser,
  idempotency,
  parseOr400,
  requireRole,
  unprocessable,
} from '@denpyo/platform';
import { IdParamsSchema, PortalUserCreateRequestSchema } from '@denpyo/schemas';
import { DuplicateUsernameError, type UserRepository } from '../db/users';
import { hashPassword } from '../domain/password';
import type { VendorLookup } from './vendor-lookup';

export interface PortalUsersRouterOptions {
  users: UserRepository;
  pool: Pool;
  jwtSecret: string;
  vendorExists: VendorLookup;
}

/**
 * POST /api/vendors/{id}/portal-users: procurement gives a vendor a login. Vendors belong to the
 * contract service, so the vendor's existence is asked there; the login itself lives here.
 */
export function portalUsersRouter(options: PortalUsersRouterOptions): Router {
  const router = Router();
  router.post(
    '/vendors/:id/portal-users',
    authenticate(options.jwtSecret),
    idempotency(options.pool),
    requireRole('procurement'),
    async (req, res) => {
      const { id: vendorId } = parseOr400(IdParamsSchema, req.params, 'path');
      const { username, password } = parseOr400(PortalUserCreateRequestSchema, req.body, 'body');
      if (!(await options.vendorExists(vendorId, req.header('authorization') ?? ''))) {
        throw unprocessable('unknown vendor', [{ path: 'id', message: 'no vendor has this id' }]);
      }
      try {
        const created = await options.users.createVendorUser(
          { username, passwordHash: await hashPassword(password), roles: ['vendor'], vendorId },
          { actor: currentUser(req).username, correlationId: req.correlationId },
        );
        res.status(201).json(created);
      } catch (error) {
        if (error instanceof DuplicateUsernameError) throw conflict(error.message);
        throw error;
      }
    },
  );
  return router;
}
