// Accountants (会計担当): budgets, payment orders (支出命令), payments by due date (list and
// calendar), transfer batches (builder, list, detail with four-eyes approval, Zengin file and
// settlement). Each screen is its own lazily loaded chunk.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { STAFF } from '../../app/nav';
import { appRoute } from '../../app/routes-base';
import { int, isoDate, listSearch, oneOf, text } from '../../app/search';

export const PAYMENT_STATUSES = ['scheduled', 'batched', 'paid', 'failed'] as const;
export const BATCH_STATUSES = ['draft', 'approved', 'settled'] as const;
export const ORDER_VIEWS = ['inspected', 'approved'] as const;

export const budgetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/budgets',
  staticData: { roles: ['accountant'] },
  validateSearch: listSearch<{ fiscalYear: number; q: string }>(
    { fiscalYear: int(2019), q: text },
    { sortable: ['code', 'fiscalYear'] },
  ),
  component: lazyRouteComponent(() => import('./BudgetList'), 'BudgetList'),
});

export const paymentOrdersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payment-orders',
  staticData: { roles: ['accountant'] },
  validateSearch: listSearch<{ status: (typeof ORDER_VIEWS)[number]; q: string }>(
    { status: oneOf(ORDER_VIEWS), q: text },
    { sortable: ['receivedOn', 'total', 'dueDate', 'documentNumber'] },
  ),
  component: lazyRouteComponent(() => import('./PaymentOrders'), 'PaymentOrders'),
});

export const paymentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payments',
  staticData: { roles: ['accountant'] },
  validateSearch: listSearch<{
    status: (typeof PAYMENT_STATUSES)[number];
    dueFrom: string;
    dueTo: string;
    q: string;
    vendorId: string;
    view: 'list' | 'calendar';
    month: string;
  }>(
    {
      status: oneOf(PAYMENT_STATUSES),
      dueFrom: isoDate,
      dueTo: isoDate,
      q: text,
      vendorId: text,
      view: oneOf(['list', 'calendar'] as const),
      month: (raw) => (typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw) ? raw : undefined),
    },
    { sortable: ['dueDate', 'amount', 'status'] },
  ),
  component: lazyRouteComponent(() => import('./PaymentList'), 'PaymentList'),
});

export const transferBatchesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/transfer-batches',
  staticData: { roles: ['accountant'] },
  validateSearch: listSearch<{
    status: (typeof BATCH_STATUSES)[number];
    from: string;
    to: string;
  }>(
    { status: oneOf(BATCH_STATUSES), from: isoDate, to: isoDate },
    { sortable: ['transferDate', 'total'] },
  ),
  component: lazyRouteComponent(() => import('./BatchList'), 'BatchList'),
});

export const transferBatchNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/transfer-batches/new',
  staticData: { roles: ['accountant'] },
  validateSearch: listSearch<{ dueFrom: string; dueTo: string; q: string; vendorId: string }>(
    { dueFrom: isoDate, dueTo: isoDate, q: text, vendorId: text },
    { sortable: ['dueDate', 'amount'] },
  ),
  component: lazyRouteComponent(() => import('./BatchBuilder'), 'BatchBuilder'),
});

export const transferBatchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/transfer-batches/$id',
  staticData: { roles: STAFF },
  component: lazyRouteComponent(() => import('./BatchDetail'), 'BatchDetail'),
});

export const accountingRoutes: AnyRoute[] = [
  budgetsRoute,
  paymentOrdersRoute,
  paymentsRoute,
  transferBatchesRoute,
  transferBatchNewRoute,
  transferBatchRoute,
];
