// Operations every process serves, and the audit search each of them serves for its own trail.
import { AuditFilters } from '../audit';
import { withRangeChecks } from '../query';
import * as c from './components';
import {
  declareOperations,
  jsonList,
  listing,
  listQuery,
  raw,
  type OperationDeclaration,
} from './operation';
import type { z } from '../zod';
import type { PagedQuery } from '../paging';

/** The processes that keep an audit trail. */
export type TrailOwner = 'portal' | 'contract' | 'invoice' | 'payment';

/** Audit entries, oldest first; the CSV keeps the snapshots as JSON. */
export const AUDIT_LIST = listing(c.AuditEntry, {
  sortable: ['id'],
  defaultSort: 'id',
  columns: [
    { header: '番号', value: 'id' },
    { header: '日時', value: 'at' },
    { header: '操作者', value: 'actor' },
    { header: '操作', value: 'action' },
    { header: '対象種別', value: 'entityType' },
    { header: '対象ID', value: 'entityId' },
    { header: '金額', value: 'amount' },
    { header: '相手方', value: 'counterparty' },
    { header: '変更前', value: 'before' },
    { header: '変更後', value: 'after' },
  ],
});

export const AuditQuerySchema = withRangeChecks(listQuery(AUDIT_LIST, AuditFilters));
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export type AuditSearchQuery = PagedQuery<AuditQuery>;

/** The audit entries of one record (GET …/{id}/history): paged, oldest first. */
export const HistoryQuerySchema = listQuery(AUDIT_LIST, {});
export type HistoryQuery = PagedQuery<z.infer<typeof HistoryQuerySchema>>;

/** `GET /api/audit/<owner>`: that process's append-only audit trail (電子帳簿保存法). */
export function auditSearch<const O extends TrailOwner>(owner: O) {
  const path: `/api/audit/${O}` = `/api/audit/${owner}`;
  return {
    method: 'get',
    path,
    owner: owner as O,
    tag: 'operations',
    summary: `The ${owner} audit trail (電子帳簿保存法), by date, amount, counterparty and record`,
    roles: ['auditor', 'admin', 'accountant'],
    query: AuditQuerySchema,
    response: jsonList(AUDIT_LIST, 'Audit entries, oldest first'),
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
