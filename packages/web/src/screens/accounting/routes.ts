// Accountants (会計担当): budgets and their transfers (流用), payment orders (支出命令), payments by
// due date (list and calendar). The treasurer's office (会計管理者, screens/treasury): the
// confirmation of orders, transfer batches (builder, list, detail with four-eyes approval, Zengin
// file, settlement with failures), the fiscal-year close and the withholding ledger. Each screen
// is its own lazily loaded chunk.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { STAFF } from '../../app/nav';
import { appRoute } from '../../app/routes-base';
import { int, isoDate, listSearch, oneOf, text } from '../../app/search';

export const PAYMENT_STATUSES = ['scheduled', 'confirmed', 'batched', 'paid', 'failed'] as const;
export const BATCH_STATUSES = ['draft', 'approved', 'settled', 'cancelled'] as const;
export const CONFIRM_VIEWS = ['scheduled', 'confirmed'] as const;
export const TRANSFER_STATUSES = ['requested', 'approved', 'rejected'] as const;
export const ORDER_VIEWS = ['inspected', 'approved'] as const;

export const budgetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/budgets',
  staticData: { roles: ['accountant', 'approver', 'treasurer', 'auditor'] },
  validateSearch: listSearch<{ fiscalYear: number; q: string }>(
    { fiscalYear: int(2019), q: text },
    { sortable: ['code', 'fiscalYear'] },
  ),
  component: lazyRouteComponent(() => import('./BudgetList'), 'BudgetList'),
});

export const budgetTransfersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/budget-transfers',
  staticData: { roles: ['accountant', 'approver', 'auditor'] },
  validateSearch: listSearch<{ fiscalYear: number; status: (typeof TRANSFER_STATUSES)[number] }>(
    { fiscalYear: int(2019), status: oneOf(TRANSFER_STATUSES) },
    { sortable: ['requestedAt'] },
  ),
  component: lazyRouteComponent(() => import('./BudgetTransfers'), 'BudgetTransfers'),
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
  staticData: { roles: ['accountant', 'treasurer', 'auditor'] },
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
  staticData: { roles: ['treasurer', 'accountant', 'auditor'] },
  validateSearch: listSearch<{
    status: (typeof BATCH_STATUSES)[number];
    from: string;
    to: string;
  }>(
    { status: oneOf(BATCH_STATUSES), from: isoDate, to: isoDate },
    { sortable: ['transferDate', 'total'] },
  ),
  component: lazyRouteComponent(() => import('../treasury/BatchList'), 'BatchList'),
});

export const transferBatchNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/transfer-batches/new',
  staticData: { roles: ['treasurer'] },
  validateSearch: listSearch<{ dueFrom: string; dueTo: string; q: string; vendorId: string }>(
    { dueFrom: isoDate, dueTo: isoDate, q: text, vendorId: text },
    { sortable: ['dueDate', 'amount'] },
  ),
  component: lazyRouteComponent(() => import('../treasury/BatchBuilder'), 'BatchBuilder'),
});

export const transferBatchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/transfer-batches/$id',
  staticData: { roles: STAFF },
  component: lazyRouteComponent(() => import('../treasury/BatchDetail'), 'BatchDetail'),
});

export const paymentConfirmationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payment-confirmations',
  staticData: { roles: ['treasurer'] },
  validateSearch: listSearch<{ status: (typeof CONFIRM_VIEWS)[number]; q: string }>(
    { status: oneOf(CONFIRM_VIEWS), q: text },
    { sortable: ['dueDate', 'amount'] },
  ),
  component: lazyRouteComponent(() => import('../treasury/Confirmations'), 'Confirmations'),
});

export const fiscalYearsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/fiscal-years',
  staticData: { roles: ['treasurer', 'accountant', 'auditor'] },
  component: lazyRouteComponent(() => import('../treasury/FiscalYears'), 'FiscalYears'),
});

export const withholdingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/withholding',
  staticData: { roles: ['treasurer', 'accountant', 'auditor'] },
  validateSearch: listSearch<{ month: string; year: number }>(
    {
      month: (raw) => (typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw) ? raw : undefined),
      year: int(2019),
    },
    {},
  ),
  component: lazyRouteComponent(() => import('../treasury/Withholding'), 'Withholding'),
});

export const accountingRoutes: AnyRoute[] = [
  paymentConfirmationsRoute,
  fiscalYearsRoute,
  withholdingRoute,
  budgetsRoute,
  budgetTransfersRoute,
  paymentOrdersRoute,
  paymentsRoute,
  transferBatchesRoute,
  transferBatchNewRoute,
  transferBatchRoute,
];
