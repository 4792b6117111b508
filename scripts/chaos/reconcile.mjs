// End-to-end reconciliation after the fault harness's burst: what the client believes (every 201,
// every 200) against what each service's tables hold, read straight from the database.
//   lost:        an invoice the client saw accepted that does not exist; an ordered invoice
//                without a payment; a payment the client confirmed or settled that is not so.
//   duplicated:  more than one invoice for one client request (invoice number), more than one
//                payment for one invoice, a payment in two batches.
//   mismatches:  sums that disagree: invoice total ≠ payment amount, a contract's invoiced or
//                paid amount ≠ the sum of its invoices or payments (in both services), invoiced >
//                the contract's amount, the budget's encumbered ≠ Σ contracts, spent ≠ Σ paid.

const sum = (rows, field) => rows.reduce((total, row) => total + BigInt(row[field] ?? 0), 0n);

/**
 * @param {import('pg').Pool} db
 * @param {{ contracts: {id: string, amount: number}[], budget: {fiscalYear: number, code: string, amount: number},
 *           accepted: Map<string, {id: string, total: number, contractId: string}>,
 *           ordered: Set<string>, confirmed: Set<string>, settled: Set<string> }} expected
 *   `accepted` is keyed by invoice number (one client request each); `ordered` holds the
 *   invoice ids the client saw approved, `confirmed`/`settled` the payment ids.
 */
export async function reconcile(db, expected) {
  const contractIds = expected.contracts.map((c) => c.id);
  const q = async (sql, params = [contractIds]) => (await db.query(sql, params)).rows;

  const invoices = await q(
    `SELECT id, contract_id, invoice_number, status, total::text AS total
       FROM invoice.invoices WHERE contract_id = ANY($1::uuid[])`,
  );
  const payments = await q(
    `SELECT id, invoice_id, contract_id, kind, status, amount::text AS amount, batch_id
       FROM payment.payments WHERE contract_id = ANY($1::uuid[])`,
  );
  const batchItems = await q(
    `SELECT i.payment_id, count(*)::int AS n FROM payment.transfer_batch_items i
       JOIN payment.payments p ON p.id = i.payment_id
      WHERE p.contract_id = ANY($1::uuid[]) GROUP BY i.payment_id`,
  );
  const contracts = await q(
    `SELECT id, amount::text AS amount, invoiced_amount::text AS invoiced,
            paid_amount::text AS paid, status
       FROM contract.contracts WHERE id = ANY($1::uuid[])`,
  );
  const projections = await q(
    `SELECT contract_id, invoiced_total::text AS invoiced
       FROM invoice.approved_contracts WHERE contract_id = ANY($1::uuid[])`,
  );
  const [budget] = await q(
    `SELECT amount::text AS amount, encumbered::text AS encumbered, spent::text AS spent
       FROM contract.budgets WHERE fiscal_year = $1 AND code = $2`,
    [expected.budget.fiscalYear, expected.budget.code],
  );

  const problems = { lost: [], duplicated: [], mismatches: [] };
  const lost = (what) => problems.lost.push(what);
  const duplicated = (what) => problems.duplicated.push(what);
  const mismatch = (what) => problems.mismatches.push(what);

  // Invoices: one per accepted request. Those the client does not know of (a registration it
  // gave up on, which the harness reports as refused) are counted in the figures.
  const byNumber = new Map();
  for (const invoice of invoices) {
    const list = byNumber.get(invoice.invoice_number) ?? [];
    list.push(invoice);
    byNumber.set(invoice.invoice_number, list);
  }
  const invoiceById = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  for (const [number, list] of byNumber) {
    if (list.length > 1) duplicated(`invoice ${number}: ${list.length} invoices for one request`);
  }
  const unclaimed = invoices.filter((invoice) => !expected.accepted.has(invoice.invoice_number));
  for (const [number, seen] of expected.accepted) {
    const found = invoiceById.get(seen.id);
    if (!found) lost(`invoice ${number} (${seen.id}) was accepted but does not exist`);
    else if (BigInt(found.total) !== BigInt(seen.total))
      mismatch(`invoice ${number}: total ${found.total}, the client was told ${seen.total}`);
  }

  // Payments: exactly one per ordered invoice, of its total.
  const regular = payments.filter((payment) => payment.kind === 'invoice');
  const paymentsByInvoice = new Map();
  for (const payment of regular) {
    const list = paymentsByInvoice.get(payment.invoice_id) ?? [];
    list.push(payment);
    paymentsByInvoice.set(payment.invoice_id, list);
  }
  for (const [invoiceId, list] of paymentsByInvoice) {
    if (list.length > 1) duplicated(`invoice ${invoiceId}: ${list.length} payments`);
    const invoice = invoiceById.get(invoiceId);
    if (!invoice) mismatch(`payment ${list[0].id} names invoice ${invoiceId}, which is not ours`);
    else if (invoice.status !== 'approved')
      mismatch(`payment ${list[0].id}: its invoice is ${invoice.status}, not approved`);
    for (const payment of list) {
      if (invoice && BigInt(payment.amount) !== BigInt(invoice.total))
        mismatch(
          `payment ${payment.id}: amount ${payment.amount} ≠ invoice total ${invoice.total}`,
        );
    }
  }
  for (const invoiceId of expected.ordered) {
    if (invoiceById.get(invoiceId)?.status !== 'approved')
      lost(`invoice ${invoiceId} was ordered (200) but is ${invoiceById.get(invoiceId)?.status}`);
    if (!paymentsByInvoice.has(invoiceId))
      lost(`invoice ${invoiceId} was ordered but has no payment`);
  }
  const paymentById = new Map(payments.map((payment) => [payment.id, payment]));
  for (const id of expected.confirmed) {
    const status = paymentById.get(id)?.status;
    if (!['confirmed', 'batched', 'paid'].includes(status))
      lost(`payment ${id} was confirmed (200) but is ${status}`);
  }
  for (const id of expected.settled) {
    if (paymentById.get(id)?.status !== 'paid')
      lost(`payment ${id} was settled but is ${paymentById.get(id)?.status}`);
  }
  for (const item of batchItems) {
    if (item.n > 1) duplicated(`payment ${item.payment_id} is in ${item.n} batches`);
  }

  // Sums per contract, in the contract service and in the invoice service's projection.
  const live = invoices.filter((invoice) => invoice.status !== 'rejected');
  const projected = new Map(projections.map((row) => [row.contract_id, row.invoiced]));
  for (const contract of contracts) {
    const mine = live.filter((invoice) => invoice.contract_id === contract.id);
    const invoiced = sum(mine, 'total');
    const paid = sum(
      regular.filter((p) => p.contract_id === contract.id && p.status === 'paid'),
      'amount',
    );
    if (BigInt(contract.invoiced) !== invoiced)
      mismatch(
        `contract ${contract.id}: invoicedAmount ${contract.invoiced} ≠ Σ invoices ${invoiced}`,
      );
    if (BigInt(projected.get(contract.id) ?? -1) !== invoiced)
      mismatch(
        `contract ${contract.id}: the invoice service's invoiced total ${projected.get(contract.id)} ≠ Σ invoices ${invoiced}`,
      );
    if (invoiced > BigInt(contract.amount))
      mismatch(`contract ${contract.id}: invoiced ${invoiced} > amount ${contract.amount}`);
    if (BigInt(contract.paid) !== paid)
      mismatch(`contract ${contract.id}: paidAmount ${contract.paid} ≠ Σ paid ${paid}`);
  }

  // The budget line: encumbered by the approved contracts, spent what was paid.
  const encumbered = expected.contracts.reduce((total, c) => total + BigInt(c.amount), 0n);
  const paidTotal = sum(
    regular.filter((p) => p.status === 'paid'),
    'amount',
  );
  if (!budget) mismatch('the budget line is missing');
  else {
    if (BigInt(budget.encumbered) !== encumbered)
      mismatch(`budget: encumbered ${budget.encumbered} ≠ Σ contracts ${encumbered}`);
    if (BigInt(budget.spent) !== paidTotal)
      mismatch(`budget: spent ${budget.spent} ≠ Σ paid ${paidTotal}`);
    if (BigInt(budget.spent) > BigInt(budget.encumbered))
      mismatch(`budget: spent ${budget.spent} > encumbered ${budget.encumbered}`);
  }

  const acceptedTotal = [...expected.accepted.values()].reduce(
    (total, seen) => total + BigInt(seen.total),
    0n,
  );
  const byStatus = (rows) =>
    rows.reduce((counts, row) => ({ ...counts, [row.status]: (counts[row.status] ?? 0) + 1 }), {});
  return {
    figures: {
      invoicesAcceptedByClient: expected.accepted.size,
      invoicesInDatabase: invoices.length,
      invoicesUnknownToClient: unclaimed.length,
      invoicesByStatus: byStatus(invoices),
      invoicesOrderedByClient: expected.ordered.size,
      paymentsInDatabase: regular.length,
      paymentsByStatus: byStatus(regular),
      paymentsConfirmedByClient: expected.confirmed.size,
      paymentsSettledByClient: expected.settled.size,
      acceptedTotalYen: acceptedTotal.toString(),
      invoicedTotalYen: sum(live, 'total').toString(),
      paymentTotalYen: sum(regular, 'amount').toString(),
      paidTotalYen: paidTotal.toString(),
      budget: budget ?? null,
    },
    lost: problems.lost.length,
    duplicated: problems.duplicated.length,
    mismatches: problems.mismatches.length,
    details: {
      lost: problems.lost.slice(0, 50),
      duplicated: problems.duplicated.slice(0, 50),
      mismatches: problems.mismatches.slice(0, 50),
      unknownToClient: unclaimed.slice(0, 20).map((invoice) => invoice.invoice_number),
    },
  };
}
