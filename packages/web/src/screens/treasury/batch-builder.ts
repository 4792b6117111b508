// The transfer-batch builder's selection: pure, so its count, total and warnings are unit-tested.
// A selection keeps each chosen payment (not only its id), so the running total stays right
// while the accountant pages, sorts and filters the scheduled payments on the server.

/** The most one Zengin transfer and one file can carry (@denpyo/jp's zengin limits). */
export const MAX_TRANSFER_AMOUNT = 9_999_999_999;
export const MAX_FILE_TOTAL = 999_999_999_999;
/** The most payments one batch may hold (TransferBatchCreateRequestSchema). */
export const MAX_BATCH_PAYMENTS = 10_000;

export interface BatchCandidate {
  id: string;
  vendorId: string;
  amount: number;
  dueDate: string;
  invoiceNumber?: string;
}

export type Selection = ReadonlyMap<string, BatchCandidate>;

export const emptySelection: Selection = new Map();

export function isSelected(selection: Selection, id: string): boolean {
  return selection.has(id);
}

export function toggle(selection: Selection, payment: BatchCandidate): Selection {
  const next = new Map(selection);
  if (next.has(payment.id)) next.delete(payment.id);
  else next.set(payment.id, payment);
  return next;
}

/** Adds every given payment (already selected ones stay as they are). */
export function selectAll(selection: Selection, payments: readonly BatchCandidate[]): Selection {
  const next = new Map(selection);
  for (const payment of payments) next.set(payment.id, payment);
  return next;
}

/** Removes every given payment from the selection. */
export function deselectAll(selection: Selection, payments: readonly BatchCandidate[]): Selection {
  const next = new Map(selection);
  for (const payment of payments) next.delete(payment.id);
  return next;
}

export interface VendorSubtotal {
  vendorId: string;
  count: number;
  total: number;
}

export interface SelectionSummary {
  count: number;
  total: number;
  /** The earliest due date among the selected payments (the latest usable transfer date). */
  earliestDueDate?: string;
  vendors: VendorSubtotal[];
}

export function summarize(selection: Selection): SelectionSummary {
  let total = 0;
  let earliestDueDate: string | undefined;
  const byVendor = new Map<string, VendorSubtotal>();
  for (const payment of selection.values()) {
    total += payment.amount;
    if (earliestDueDate === undefined || payment.dueDate < earliestDueDate) {
      earliestDueDate = payment.dueDate;
    }
    const vendor = byVendor.get(payment.vendorId) ?? {
      vendorId: payment.vendorId,
      count: 0,
      total: 0,
    };
    vendor.count += 1;
    vendor.total += payment.amount;
    byVendor.set(payment.vendorId, vendor);
  }
  const vendors = [...byVendor.values()].sort(
    (a, b) => b.total - a.total || a.vendorId.localeCompare(b.vendorId),
  );
  return {
    count: selection.size,
    total,
    ...(earliestDueDate ? { earliestDueDate } : {}),
    vendors,
  };
}

/** Selected payments whose due date falls before the transfer date (they would be paid late). */
export function paidLate(selection: Selection, transferDate: string): BatchCandidate[] {
  return [...selection.values()]
    .filter((payment) => payment.dueDate < transferDate)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export type SelectionProblem =
  | { kind: 'empty' }
  | { kind: 'too-many'; limit: number }
  | { kind: 'transfer-too-large'; paymentId: string; limit: number }
  | { kind: 'file-too-large'; limit: number };

/** What stops this selection from becoming a batch (the service checks the same again). */
export function selectionProblems(selection: Selection): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  if (selection.size === 0) problems.push({ kind: 'empty' });
  if (selection.size > MAX_BATCH_PAYMENTS) {
    problems.push({ kind: 'too-many', limit: MAX_BATCH_PAYMENTS });
  }
  for (const payment of selection.values()) {
    if (payment.amount > MAX_TRANSFER_AMOUNT) {
      problems.push({
        kind: 'transfer-too-large',
        paymentId: payment.id,
        limit: MAX_TRANSFER_AMOUNT,
      });
    }
  }
  if (summarize(selection).total > MAX_FILE_TOTAL) {
    problems.push({ kind: 'file-too-large', limit: MAX_FILE_TOTAL });
  }
  return problems;
}

/** The request body for POST /api/transfer-batches, ids in due-date order. */
export function batchRequest(selection: Selection, transferDate: string) {
  const paymentIds = [...selection.values()]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    .map((payment) => payment.id);
  return { transferDate, paymentIds };
}
