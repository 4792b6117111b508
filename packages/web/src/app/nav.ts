// The main menu: each entry with the roles that see it (a role sees only what it may do). The
// routes enforce the same roles through their staticData.roles.
import type { Role } from '@denpyo/schemas';
import type { MessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** Everyone who works for the city. */
export const STAFF: readonly Role[] = [
  'procurement',
  'approver',
  'accountant',
  'treasurer',
  'auditor',
  'admin',
];

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', roles: STAFF },
  { to: '/vendors', label: 'nav.vendors', roles: ['procurement'] },
  { to: '/contracts', label: 'nav.contracts', roles: ['procurement', 'accountant', 'auditor'] },
  { to: '/invoices/new', label: 'nav.invoiceNew', roles: ['procurement'] },
  { to: '/invoices/e-invoice', label: 'nav.eInvoice', roles: ['procurement'] },
  { to: '/inspections', label: 'nav.inspections', roles: ['procurement'] },
  { to: '/approvals', label: 'nav.approvals', roles: ['approver'] },
  { to: '/budgets', label: 'nav.budgets', roles: ['accountant'] },
  {
    to: '/budget-transfers',
    label: 'treasury.nav.budgetTransfers',
    roles: ['accountant', 'approver'],
  },
  { to: '/payment-orders', label: 'nav.paymentOrders', roles: ['accountant'] },
  { to: '/payment-confirmations', label: 'treasury.nav.confirmations', roles: ['treasurer'] },
  { to: '/payments', label: 'nav.payments', roles: ['accountant', 'treasurer'] },
  { to: '/transfer-batches', label: 'nav.transferBatches', roles: ['treasurer'] },
  {
    to: '/withholding',
    label: 'treasury.nav.withholding',
    roles: ['treasurer', 'accountant', 'auditor'],
  },
  { to: '/fiscal-years', label: 'treasury.nav.fiscalYears', roles: ['treasurer'] },
  { to: '/audit', label: 'nav.audit', roles: ['auditor', 'admin'] },
  { to: '/admin/users', label: 'nav.adminUsers', roles: ['admin'] },
  { to: '/vendor', label: 'nav.vendorHome', roles: ['vendor'] },
  { to: '/vendor/invoices/e-invoice', label: 'nav.eInvoice', roles: ['vendor'] },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}
