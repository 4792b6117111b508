// Procurement (契約担当): vendors, contracts, paper invoices, inspection. Each screen is a lazily
// loaded chunk; its search parameters are read here so links from elsewhere (the home page's
// counts, the global search) can name a filtered list.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { STAFF } from '../../app/nav';
import { appRoute } from '../../app/routes-base';
import { int, isoDate, listSearch, oneOf, text } from '../../app/search';

export const CONTRACT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'completed',
  'cancelled',
] as const;

export const vendorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendors',
  staticData: { roles: STAFF },
  validateSearch: listSearch<{ q: string }>({ q: text }, { sortable: ['name'] }),
  component: lazyRouteComponent(() => import('./VendorList'), 'VendorList'),
});

export const vendorNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendors/new',
  staticData: { roles: ['procurement'] },
  component: lazyRouteComponent(() => import('./VendorNew'), 'VendorNew'),
});

export const vendorDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/vendors/$id',
  staticData: { roles: STAFF },
  component: lazyRouteComponent(() => import('./VendorDetail'), 'VendorDetail'),
});

export const contractsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contracts',
  staticData: { roles: STAFF },
  validateSearch: listSearch<{
    status: (typeof CONTRACT_STATUSES)[number];
    vendorId: string;
    q: string;
    from: string;
    to: string;
    minAmount: number;
    maxAmount: number;
  }>(
    {
      status: oneOf(CONTRACT_STATUSES),
      vendorId: text,
      q: text,
      from: isoDate,
      to: isoDate,
      minAmount: int(0),
      maxAmount: int(0),
    },
    { sortable: ['documentNumber', 'startDate', 'amount', 'status'] },
  ),
  component: lazyRouteComponent(() => import('./ContractList'), 'ContractList'),
});

export const contractNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contracts/new',
  staticData: { roles: ['procurement'] },
  validateSearch: (raw: Record<string, unknown>): { vendorId?: string } => {
    const vendorId = text(raw.vendorId);
    return vendorId ? { vendorId } : {};
  },
  component: lazyRouteComponent(() => import('./ContractNew'), 'ContractNew'),
});

export const contractDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contracts/$id',
  staticData: { roles: STAFF },
  component: lazyRouteComponent(() => import('./ContractDetail'), 'ContractDetail'),
});

export const contractEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contracts/$id/edit',
  staticData: { roles: ['procurement'] },
  component: lazyRouteComponent(() => import('./ContractEdit'), 'ContractEdit'),
});

export const invoiceNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/new',
  staticData: { roles: ['procurement'] },
  validateSearch: (raw: Record<string, unknown>): { contractId?: string } => {
    const contractId = text(raw.contractId);
    return contractId ? { contractId } : {};
  },
  component: lazyRouteComponent(() => import('./InvoiceNew'), 'InvoiceNew'),
});

export const eInvoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/e-invoice',
  staticData: { roles: ['procurement'] },
  component: lazyRouteComponent(() => import('../../shared/EInvoiceUpload'), 'EInvoiceUpload'),
});

export const inspectionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inspections',
  staticData: { roles: ['procurement'] },
  validateSearch: listSearch<{ q: string; overdue: boolean }>(
    { q: text, overdue: (raw: unknown) => (raw === true || raw === 'true' ? true : undefined) },
    { sortable: ['receivedOn', 'total', 'dueDate', 'documentNumber'] },
  ),
  component: lazyRouteComponent(() => import('./Inspections'), 'Inspections'),
});

export const invoiceDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/$id',
  staticData: { roles: STAFF },
  component: lazyRouteComponent(() => import('./InvoiceDetail'), 'InvoiceDetail'),
});

export const procurementRoutes = [
  vendorsRoute,
  vendorNewRoute,
  vendorDetailRoute,
  contractsRoute,
  contractNewRoute,
  contractDetailRoute,
  contractEditRoute,
  invoiceNewRoute,
  eInvoiceRoute,
  inspectionsRoute,
  invoiceDetailRoute,
];
