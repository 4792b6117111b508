// Pieces of the vendor portal: the vendor's own payments (to word each invoice's status), the
// status badge in vendor words, and the links between the portal's pages.
import type { Invoice, Remittance } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { api, getList, type ListParams } from '../../api';
import { t } from '../../i18n';
import { LinkButton, StatusBadge } from '../../ui';
import {
  VENDOR_STAGE_TONES,
  paymentOf,
  vendorInvoiceStatus,
  vendorStatusLabel,
} from './vendor-status';

/**
 * One page of the vendor's remittances. (api.remittances.list is typed with no parameters at
 * all, so its page and order go through getList on the same path.)
 */
export function listRemittances(params: ListParams, signal?: AbortSignal) {
  return getList<Remittance>(api.remittances.path, { ...params }, signal);
}

/** The most remittances read to word invoice statuses (one page of the API's largest size). */
const REMITTANCES_FOR_STATUS = 1000;

/** The vendor's latest payments, for 支払予定日 / 支払済 beside each invoice. */
export function useOwnRemittances() {
  return useQuery({
    queryKey: ['remittances', 'list', { pageSize: REMITTANCES_FOR_STATUS, forStatus: true }],
    queryFn: ({ signal }) =>
      listRemittances(
        { page: 1, pageSize: REMITTANCES_FOR_STATUS, sort: 'transferDate', order: 'desc' },
        signal,
      ),
    staleTime: 30_000,
  });
}

export function VendorInvoiceStatus({
  invoice,
  remittances,
}: {
  invoice: Invoice;
  remittances: readonly Remittance[];
}) {
  const status = vendorInvoiceStatus(invoice, paymentOf(invoice, remittances));
  const tone = VENDOR_STAGE_TONES[status.stage];
  return (
    <StatusBadge
      kind="invoice"
      status={invoice.status}
      tone={tone}
      label={vendorStatusLabel(status)}
    />
  );
}

export function PortalLinks() {
  return (
    <div className="ui-row">
      <LinkButton to="/vendor/invoices/new" variant="primary">
        {t('vendorPortal.submitInvoice')}
      </LinkButton>
      <LinkButton to="/vendor/invoices">{t('vendorPortal.nav.invoices')}</LinkButton>
      <LinkButton to="/vendor/remittances">{t('vendorPortal.nav.remittances')}</LinkButton>
    </div>
  );
}
