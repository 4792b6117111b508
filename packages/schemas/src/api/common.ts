// Operations every process serves, and the audit search each of them serves for its own trail.
import { z } from '../zod';
import { AuditQuerySchema } from '../audit';
import * as c from './components';
import { declareOperations, json, raw, type OperationDeclaration } from './operation';

type TrailOwner = 'portal' | 'contract' | 'invoice' | 'payment';

/** The most entries one audit search returns (it says when there were more). */
export const AUDIT_LIST_LIMIT = 5000;

/** `GET /api/audit/<owner>`: that process's append-only audit trail (電子帳簿保存法). */
export function auditSearch<const O extends TrailOwner>(owner: O) {
  const path: `/api/audit/${O}` = `/api/audit/${owner}`;
  return {
    method: 'get',
    path,
    owner: owner as O,
    tag: 'operations',
    summary: `The ${owner} audit trail (電子帳簿保存法), by date, amount and counterparty`,
    roles: ['auditor', 'admin', 'accountant'],
    query: AuditQuerySchema,
    response: json(z.array(c.AuditEntry), 'Audit entries, oldest first', 200, AUDIT_LIST_LIMIT),
  } as const satisfies OperationDeclaration;
}

export const COMMON_OPERATIONS = declareOperations({
  getHealth: {
    method: 'get',
    path: '/health',
    owner: 'every',
    tag: 'operations',
    summary: 'Liveness',
    response: raw('application/json', 'The process is alive'),
  },
  getReadiness: {
    method: 'get',
    path: '/ready',
    owner: 'every',
    tag: 'operations',
    summary: 'Readiness: dependencies reachable',
    response: raw('application/json', 'Ready to serve; each dependency by name'),
    errors: [503],
  },
  getMetrics: {
    method: 'get',
    path: '/metrics',
    owner: 'every',
    tag: 'operations',
    summary: 'Prometheus metrics',
    response: raw('text/plain; version=0.0.4', 'Metrics in Prometheus text format'),
  },
});
