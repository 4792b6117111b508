import type { Invoice } from '@denpyo/schemas';
import type { InvoiceRecord } from '../db/invoices';
import { isInspectionOverdue } from '../domain/deadlines';

/** The invoice as the API answers it: the record plus what today's date decides. */
export function presentInvoice(record: InvoiceRecord, today: string): Invoice {
  return { ...record, inspectionOverdue: isInspectionOverdue(record, today) };
}
