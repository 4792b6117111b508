import { parseOr400, pgExecutor, requireRole, searchAudit } from '@denpyo/platform';
import { AuditQuerySchema, type AuditEntry } from '@denpyo/schemas';
import { Router } from 'express';
import type { HttpDeps } from './deps';

/** The audit trail of this service, searchable by date, amount and counterparty (電子帳簿保存法). */
export function auditRouter({ runtime }: HttpDeps): Router {
  const router = Router();
  router.get('/audit', requireRole('auditor', 'admin', 'accountant'), async (req, res) => {
    const query = parseOr400(AuditQuerySchema, req.query, 'query');
    const rows = await searchAudit(pgExecutor(runtime.pool), query);
    const entries: AuditEntry[] = rows.map(({ amount, counterparty, before, after, ...rest }) => ({
      ...rest,
      ...(amount !== null ? { amount } : {}),
      ...(counterparty !== null ? { counterparty } : {}),
      before: (before ?? null) as AuditEntry['before'],
      after: (after ?? null) as AuditEntry['after'],
    }));
    res.json(entries);
  });
  return router;
}
