// An invoice's status in the words a vendor uses (受付済 / 検収済 / 支払予定日 … / 支払済 / 差戻し),
// from the invoice and, once ordered, its payment. Pure, so every case is unit-tested.
import type { InvoiceStatus, PaymentStatus } from '@denpyo/schemas';
import { formatSeireki } from '../../format';
import { t } from '../../i18n';

export type VendorStage = 'received' | 'inspected' | 'scheduled' | 'paid' | 'returned' | 'failed';

export interface VendorInvoiceFacts {
  status: InvoiceStatus;
  invoiceNumber: string;
  total: number;
  dueDate: string;
  id: string;
}

export interface VendorPaymentFacts {
  status: PaymentStatus;
  invoiceNumber: string;
  amount: number;
  transferDate?: string;
  invoiceId: string;
}

export interface VendorStatus {
  stage: VendorStage;
  /** The day the vendor is told to expect the money (scheduled), or when it was paid (paid). */
  date?: string;
}

/** The payment of an invoice among the vendor's remittances. */
export function paymentOf<P extends VendorPaymentFacts>(
  invoice: VendorInvoiceFacts,
  payments: readonly P[],
): P | undefined {
  return payments.find((payment) => payment.invoiceId === invoice.id);
}

export function vendorInvoiceStatus(
  invoice: VendorInvoiceFacts,
  payment?: VendorPaymentFacts,
): VendorStatus {
  switch (invoice.status) {
    case 'received':
      return { stage: 'received' };
    case 'inspected':
      return { stage: 'inspected' };
    case 'rejected':
      return { stage: 'returned' };
    case 'approved':
      if (payment?.status === 'paid') {
        return payment.transferDate
          ? { stage: 'paid', date: payment.transferDate }
          : { stage: 'paid' };
      }
      if (payment?.status === 'failed') return { stage: 'failed' };
      // Batched payments have their transfer date; until then the due date is the promise.
      return { stage: 'scheduled', date: payment?.transferDate ?? invoice.dueDate };
  }
}

/** The vendor's words for the status: 受付済, 検収済, 支払予定日 2026年12月25日, 支払済, 差戻し. */
export function vendorStatusLabel(status: VendorStatus): string {
  switch (status.stage) {
    case 'scheduled':
      return status.date
        ? t('vendorPortal.status.scheduledOn', { date: formatSeireki(status.date) })
        : t('vendorPortal.status.scheduled');
    case 'paid':
      return t('vendorPortal.status.paid');
    default:
      return t(`vendorPortal.status.${status.stage}`);
  }
}

/** The badge tone of each stage: waiting (info), on its way (warning), done, returned. */
export const VENDOR_STAGE_TONES = {
  received: 'info',
  inspected: 'info',
  scheduled: 'warning',
  paid: 'success',
  returned: 'danger',
  failed: 'danger',
} as const satisfies Record<VendorStage, 'info' | 'warning' | 'success' | 'danger'>;
