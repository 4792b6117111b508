import { Router } from 'express';
import {
  parseOr400,
  pgExecutor,
  requireRole,
  searchAudit,
  type ServiceRuntime,
} from '@denpyo/platform';
import { AuditQuerySchema } from '@denpyo/schemas';

/** The audit trail of this service's changes, searchable as 電子帳簿保存法 requires. */
export function auditRouter(pool: ServiceRuntime['pool']): Router {
  const router = Router();
  router.get('/audit', requireRole('auditor', 'admin', 'accountant'), async (req, res) => {
    const query = parseOr400(AuditQuerySchema, req.query, 'query');
    res.json(await searchAudit(pgExecutor(pool), query));
  });
  return router;
}
