// Operations every process serves, and the audit search each of them serves for its own trail.
import { AuditFilters } from '../audit';
import { withRangeChecks } from '../query';
import * as c from './components';
import {
  declareOperations,
  json,
  jsonList,
  listing,
  listQuery,
  raw,
  type OperationDeclaration,
} from './operation';
import { z } from '../zod';
import type { PagedQuery } from '../paging';
import { IsoDateTimeSchema } from '../values';

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

const ChainPointSchema = z.object({
  id: z.string().openapi({ description: 'The audit entry (its id, as in the search)' }),
  sequence: z.number().int().openapi({ description: 'Its place in the chain: 1, 2, 3, …' }),
});

/** What re-computing one trail's hash chain found (issue 8: a tamper-evident audit trail). */
export const AuditTrailVerificationSchema = z
  .object({
    owner: z.enum(['portal', 'contract', 'invoice', 'payment']),
    entries: z.number().int().openapi({ description: 'Entries re-computed' }),
    head: ChainPointSchema.extend({ hash: z.string() })
      .nullable()
      .openapi({ description: 'The last entry of the chain; null for an empty trail' }),
    status: z.enum(['intact', 'broken', 'unavailable']).openapi({
      description: '`unavailable`: the service did not answer (only in the aggregate)',
    }),
    firstBroken: ChainPointSchema.extend({
      reason: z.enum([
        'content-hash-mismatch',
        'prev-link-broken',
        'missing-sequence',
        'anchor-mismatch',
        'anchored-entry-missing',
        'kept-head-mismatch',
        'kept-head-missing',
      ]),
      detail: z.string(),
    })
      .optional()
      .openapi({
        description:
          'The first entry that does not verify, and why (`kept-head-missing`: the chain ends ' +
          'before a head given in `kept`; `id` is then empty)',
      }),
    anchoredThrough: ChainPointSchema.extend({ at: z.string() }).optional().openapi({
      description: 'The newest head anchored outside the services that the chain still matches',
    }),
    keptThrough: ChainPointSchema.optional().openapi({
      description: 'The newest head given in `kept` that the chain still matches',
    }),
  })
  .openapi('AuditTrailVerification');
export type AuditTrailVerification = z.infer<typeof AuditTrailVerificationSchema>;

/** Every trail verified at once (`GET /api/audit/verify`), and the anchors' own chain. */
export const AuditVerificationSchema = z
  .object({
    verifiedAt: IsoDateTimeSchema,
    status: z.enum(['intact', 'broken', 'unavailable']),
    trails: z.array(AuditTrailVerificationSchema),
    anchors: AuditTrailVerificationSchema.omit({ owner: true, anchoredThrough: true })
      .optional()
      .openapi({ description: 'The anchor table’s own chain; absent when anchoring is off' }),
  })
  .openapi('AuditVerification');
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** A chain head an auditor kept from an earlier verification (`trails[].head`, `anchors.head`). */
export interface KeptHead<O extends string = string> {
  owner: O;
  sequence: number;
  hash: string;
}

/**
 * `?kept=<owner>:<sequence>:<hash>,…`: heads an auditor kept from an earlier verification, outside
 * the database. Each must still be in its chain with that hash. The anchors live in the same
 * database as the trails, so a superuser could re-hash a trail and its anchors alike; a head
 * kept elsewhere is what that cannot forge.
 */
export function keptHeadsQuery<const O extends string>(owners: readonly O[]) {
  const one = `(?:${owners.join('|')}):[1-9][0-9]{0,14}:[0-9a-f]{64}`;
  return z.strictObject({
    kept: z
      .string()
      .max(4800)
      .regex(
        new RegExp(`^${one}(?:,${one})*$`),
        `must be <owner>:<sequence>:<hash>, comma-separated, owner one of ${owners.join(', ')}`,
      )
      .transform((value) =>
        value.split(',').map((head): KeptHead<O> => {
          const [owner, sequence, hash] = head.split(':') as [O, string, string];
          return { owner, sequence: Number(sequence), hash };
        }),
      )
      .optional()
      .openapi({
        description:
          'Chain heads kept from an earlier verification (`owner:sequence:hash`, comma-separated; ' +
          `owner one of ${owners.join(', ')}): each must still be in its chain with that hash, ` +
          'else `kept-head-mismatch` or `kept-head-missing`',
      }),
  });
}
export type KeptHeadsQuery = z.output<ReturnType<typeof keptHeadsQuery<string>>>;

/**
 * `GET /api/audit/<owner>/verify`: re-computes that process's audit hash chain and checks it
 * against the anchored heads; names the first entry that does not verify.
 */
export function auditVerify<const O extends TrailOwner>(owner: O) {
  const path: `/api/audit/${O}/verify` = `/api/audit/${owner}/verify`;
  return {
    method: 'get',
    path,
    owner: owner as O,
    tag: 'operations',
    summary: `Verifies the ${owner} audit trail's hash chain and its anchors`,
    roles: ['auditor'],
    query: keptHeadsQuery([owner]),
    response: json(AuditTrailVerificationSchema, 'What re-computing the chain found'),
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
