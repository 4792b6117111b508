import {
  conflict,
  currentUser,
  isUniqueViolation,
  notFound,
  parseOr400,
  requireRole,
  STAFF_ROLES,
  recordChange,
} from '@denpyo/platform';
import { BudgetCreateRequestSchema, BudgetKeyParamsSchema } from '@denpyo/schemas';
import { Router } from 'express';
import { findBudget, insertBudget } from '../db/budgets';
import type { HttpDeps } from './deps';

export function budgetRouter({ prisma }: HttpDeps): Router {
  const router = Router();

  router.post('/budgets', requireRole('accountant'), async (req, res) => {
    const request = parseOr400(BudgetCreateRequestSchema, req.body, 'body');
    const user = currentUser(req);
    const budget = await prisma
      .$transaction(async (tx) => {
        const created = await insertBudget(tx, request, new Date());
        await recordChange(tx, {
          audit: {
            actor: user.username,
            action: 'budget.created',
            entityType: 'budget',
            entityId: `${created.fiscalYear}/${created.code}`,
            amount: created.amount,
            before: null,
            after: created,
            correlationId: req.correlationId,
          },
        });
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw conflict(
            `Budget line ${request.code} already exists for fiscal year ${request.fiscalYear}`,
          );
        }
        throw error;
      });
    res.status(201).json(budget);
  });

  router.get('/budgets/:fiscalYear/:code', requireRole(...STAFF_ROLES), async (req, res) => {
    const key = parseOr400(BudgetKeyParamsSchema, req.params, 'path');
    const budget = await findBudget(prisma, key);
    if (!budget) throw notFound('Budget line');
    res.json(budget);
  });

  return router;
}
