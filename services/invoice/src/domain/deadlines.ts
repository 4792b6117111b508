import { dueDateAfterInspection, type InspectionDeadlineOutcome } from '@denpyo/jp';
import type { ContractKind, InvoiceStatus } from '@denpyo/schemas';

/**
 * Inspection (検収) is due within 10 days of the claim's arrival, 14 for works (支払遅延防止法
 * Art. 5); an invoice still waiting for it after that day is overdue.
 */
export function isInspectionOverdue(
  invoice: { status: InvoiceStatus; inspectionDueDate: string },
  today: string,
): boolean {
  return invoice.status === 'received' && invoice.inspectionDueDate < today;
}

/**
 * The payment deadline as an inspection done today leaves it: the days it came after its own
 * deadline are taken off the payment period (Art. 7).
 */
export function deadlineAtInspection(
  invoice: { receivedOn: string; contractKind: ContractKind },
  inspectedOn: string,
): InspectionDeadlineOutcome {
  return dueDateAfterInspection(invoice.receivedOn, invoice.contractKind, inspectedOn);
}
