import { Router } from 'express';
import type { Pool } from 'pg';
import { AuditQuerySchema, type AuditEntry } from '@denpyo/schemas';
import { searchAudit } from '../audit';
import { pgExecutor } from '../db/pool';
import { requireRole } from './auth';
import { parseOr400 } from './errors';
import { sendCappedList } from './list-response';

const AUDIT_LIST_LIMIT = 5000;

/**
 * `GET /audit` (or `path`): a service's audit trail, searchable by date range, amount range and
 * counterparty (電子帳簿保存法), for auditors, administrators and accountants.
 */
export function auditRouter(pool: Pool, path = '/audit'): Router {
  const router = Router();
  router.get(path, requireRole('auditor', 'admin', 'accountant'), async (req, res) => {
    const query = parseOr400(AuditQuerySchema, req.query, 'query');
    const rows = await searchAudit(pgExecutor(pool), { ...query, limit: AUDIT_LIST_LIMIT + 1 });
    const entries: AuditEntry[] = rows.map(({ amount, counterparty, before, after, ...rest }) => ({
      ...rest,
      ...(amount !== null ? { amount } : {}),
      ...(counterparty !== null ? { counterparty } : {}),
      before: (before ?? null) as AuditEntry['before'],
      after: (after ?? null) as AuditEntry['after'],
    }));
    sendCappedList(res, entries, AUDIT_LIST_LIMIT);
  });
  return router;
}
