import { randomUUID } from 'node:crypto';
import {
  assertCanSee,
  buildEvent,
  currentUser,
  notFound,
  parseOr400,
  requireRole,
  STAFF_ROLES,
  unprocessable,
  recordChange,
} from '@denpyo/platform';
import { IdParamsSchema, VendorCreateRequestSchema } from '@denpyo/schemas';
import { Router } from 'express';
import { findVendor, insertVendor } from '../db/vendors';
import { checkVendor } from '../domain/vendor';
import type { HttpDeps } from './deps';

export function vendorRouter({ prisma, runtime }: HttpDeps): Router {
  const router = Router();

  router.post('/vendors', requireRole('procurement'), async (req, res) => {
    const request = parseOr400(VendorCreateRequestSchema, req.body, 'body');
    const check = checkVendor(request);
    if (!check.ok) throw unprocessable('The vendor cannot be registered', check.problems);
    const user = currentUser(req);
    const vendor = await prisma.$transaction(async (tx) => {
      const created = await insertVendor(tx, {
        ...request,
        bankAccount: check.bankAccount,
        id: randomUUID(),
        createdBy: user.username,
        createdAt: new Date(),
      });
      const registered = buildEvent(
        'VendorRegistered',
        created.id,
        {
          vendorId: created.id,
          name: created.name,
          nameKana: created.nameKana,
          invoiceRegistrationNumber: created.invoiceRegistrationNumber,
          bankAccount: created.bankAccount,
        },
        { actor: user.username, correlationId: req.correlationId },
      );
      await recordChange(tx, {
        audit: {
          actor: user.username,
          action: 'vendor.registered',
          entityType: 'vendor',
          entityId: created.id,
          counterparty: created.id,
          before: null,
          after: created,
          correlationId: req.correlationId,
        },
        events: [registered],
      });
      return created;
    });
    runtime.relay.wake();
    res.status(201).json(vendor);
  });

  router.get('/vendors/:id', requireRole(...STAFF_ROLES, 'vendor'), async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    assertCanSee(currentUser(req), id);
    const vendor = await findVendor(prisma, id);
    if (!vendor) throw notFound('Vendor');
    res.json(vendor);
  });

  return router;
}
