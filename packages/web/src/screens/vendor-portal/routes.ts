// Vendors (事業者, the vendor portal): their contracts with remaining amounts, invoices with their
// status in vendor words, invoice submission with a live tax preview, remittances with the
// 振込通知書. A vendor user sees only its own records (the API enforces it).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { listSearch, text } from '../../app/search';

export const vendorHomeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendor',
  staticData: { roles: ['vendor'] },
  validateSearch: listSearch<{ q: string }>(
    { q: text },
    { sortable: ['documentNumber', 'startDate', 'amount', 'status'] },
  ),
  component: lazyRouteComponent(() => import('./VendorHome'), 'VendorHome'),
});

export const vendorInvoicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendor/invoices',
  staticData: { roles: ['vendor'] },
  validateSearch: listSearch<{ q: string }>(
    { q: text },
    { sortable: ['receivedOn', 'total', 'dueDate', 'documentNumber'] },
  ),
  component: lazyRouteComponent(() => import('./VendorInvoices'), 'VendorInvoices'),
});

export const vendorInvoiceNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendor/invoices/new',
  staticData: { roles: ['vendor'] },
  validateSearch: (raw: Record<string, unknown>): { contractId?: string } => {
    const contractId = text(raw.contractId);
    return contractId ? { contractId } : {};
  },
  component: lazyRouteComponent(() => import('./VendorInvoiceNew'), 'VendorInvoiceNew'),
});

export const vendorEInvoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendor/invoices/e-invoice',
  staticData: { roles: ['vendor'] },
  component: lazyRouteComponent(() => import('../../shared/EInvoiceUpload'), 'EInvoiceUpload'),
});

export const vendorRemittancesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendor/remittances',
  staticData: { roles: ['vendor'] },
  validateSearch: listSearch<Record<string, never>>({}, { sortable: ['transferDate', 'amount'] }),
  component: lazyRouteComponent(() => import('./VendorRemittances'), 'VendorRemittances'),
});

export const vendorPortalRoutes: AnyRoute[] = [
  vendorHomeRoute,
  vendorInvoicesRoute,
  vendorInvoiceNewRoute,
  vendorEInvoiceRoute,
  vendorRemittancesRoute,
];
