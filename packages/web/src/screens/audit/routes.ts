// Auditors (監査担当): the four audit trails searched by date, amount and counterparty (電子帳簿
// 保存法's three keys), and the whole history of one document.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { int, isoDate, listSearch, oneOf, text } from '../../app/search';

export const TRAILS = ['contract', 'invoice', 'payment', 'portal'] as const;
/** Who may read the trails (the API's roles for /api/audit/*). */
const AUDIT_ROLES = ['auditor', 'admin', 'accountant'] as const;

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  staticData: { roles: AUDIT_ROLES },
  validateSearch: listSearch<{
    trail: (typeof TRAILS)[number];
    from: string;
    to: string;
    minAmount: number;
    maxAmount: number;
    counterparty: string;
    entityId: string;
  }>(
    {
      trail: oneOf(TRAILS),
      from: isoDate,
      to: isoDate,
      minAmount: int(0),
      maxAmount: int(0),
      counterparty: text,
      entityId: text,
    },
    { sortable: ['id'] },
  ),
  component: lazyRouteComponent(() => import('./AuditSearch'), 'AuditSearch'),
});

export const auditDocumentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit/document',
  staticData: { roles: AUDIT_ROLES },
  validateSearch: (
    raw: Record<string, unknown>,
  ): { q?: string; id?: string; kind?: 'contract' | 'invoice'; name?: string } => {
    const q = text(raw.q);
    const id = text(raw.id);
    const kind = oneOf(['contract', 'invoice'] as const)(raw.kind);
    const name = text(raw.name);
    return {
      ...(q ? { q } : {}),
      ...(id ? { id } : {}),
      ...(kind ? { kind } : {}),
      ...(name ? { name } : {}),
    };
  },
  component: lazyRouteComponent(() => import('./DocumentTrail'), 'DocumentTrail'),
});

export const auditRoutes: AnyRoute[] = [auditRoute, auditDocumentRoute];
