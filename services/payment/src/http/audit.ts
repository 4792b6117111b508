import { parseOr400, pgExecutor, requireRole, searchAudit } from '@denpyo/platform';
import { AuditQuerySchema } from '@denpyo/schemas';
import { Router } from 'express';
import type { HttpContext } from './context';

export function auditRouter({ runtime }: HttpContext): Router {
  const router = Router();
  router.get('/audit', requireRole('auditor', 'admin', 'accountant'), async (req, res) => {
    const query = parseOr400(AuditQuerySchema, req.query, 'query');
    res.json(await searchAudit(pgExecutor(runtime.pool), query));
  });
  return router;
}
