// Approvers (決裁者): the approval inbox and a contract's approval page with its voucher inline.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { int, listSearch, oneOf, text } from '../../app/search';

export const APPROVAL_VIEWS = ['submitted', 'approved', 'rejected'] as const;

export const approvalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals',
  staticData: { roles: ['approver'] },
  validateSearch: listSearch<{
    status: (typeof APPROVAL_VIEWS)[number];
    q: string;
    minAmount: number;
    maxAmount: number;
  }>(
    { status: oneOf(APPROVAL_VIEWS), q: text, minAmount: int(0), maxAmount: int(0) },
    { sortable: ['documentNumber', 'startDate', 'amount', 'status'] },
  ),
  component: lazyRouteComponent(() => import('./ApprovalInbox'), 'ApprovalInbox'),
});

export const approvalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals/$id',
  staticData: { roles: ['approver'] },
  component: lazyRouteComponent(() => import('./ApprovalPage'), 'ApprovalPage'),
});

export const approvalRoutes: AnyRoute[] = [approvalsRoute, approvalRoute];
