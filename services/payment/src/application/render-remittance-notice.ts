import { japanToday } from '@denpyo/jp';
import { printedDocument, renderRemittanceNotice, type RemittanceNotice } from '@denpyo/pdf';
import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import { remittanceNoticeId } from '@denpyo/schemas';
import { findPayment } from '../db/payments';
import type { Db, Tx } from '../db/prisma';
import { remittanceLines } from '../db/remittances';
import { findBatch } from '../db/transfer-batches';
import { findVendor } from '../db/vendors';
import { remittanceNotice } from '../domain/documents';
import { decideRemittanceNotice } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/**
 * A notice and what its verification page names: the batch and the vendor, not one of its
 * payments, whose batch changes when a failed payment is retried.
 */
export interface PrintableNotice {
  notice: RemittanceNotice;
  batchId: string;
  vendorId: string;
}

/**
 * The 振込通知書 data of one vendor in one batch, as the record gives it now: from the batch's
 * approval (409 before, and for a payment in no batch), every payment to the vendor in it; 404
 * when there is none. Dated the day the batch was approved, or settled once it is (what it says
 * is fixed from then), so a notice printed again later is the same notice with the same hash.
 */
export async function remittanceNoticeOf(
  { cityName, today }: Pick<PaymentDeps, 'cityName' | 'today'>,
  db: Db | Tx,
  batchId: string | undefined,
  vendorId: string,
): Promise<Outcome<PrintableNotice>> {
  const found = batchId ? await findBatch(db, batchId) : undefined;
  if (batchId && !found) return notFound('Transfer batch', batchId);
  const decision = decideRemittanceNotice(found);
  if (!decision.ok) return decision;
  const { batch, announced } = decision.value;
  const [vendor, lines] = await Promise.all([
    findVendor(db, vendorId),
    remittanceLines(db, batch.id, vendorId),
  ]);
  if (!vendor || lines.length === 0) return notFound('A payment to this vendor in the batch');
  const decidedAt = announced === 'settled' ? batch.settledAt : batch.approvedAt;
  return ok({
    notice: remittanceNotice({
      city: cityName,
      date: decidedAt ? japanToday(new Date(decidedAt)) : today(),
      batch: { id: batch.id, transferDate: batch.transferDate, announced },
      vendor,
      lines,
    }),
    batchId: batch.id,
    vendorId,
  });
}

/** The 振込通知書 as printed and as verified: its QR code opens the page of its batch and vendor. */
export const remittanceDocument = ({ publicUrl }: Pick<PaymentDeps, 'publicUrl'>) =>
  printedDocument<RemittanceNotice>({
    kind: 'remittance-notice',
    publicUrl,
    render: renderRemittanceNotice,
    heading: ({ documentNumber, vendor, date, total, transferDate, bankAccount }) => ({
      documentNumber,
      title: vendor.name,
      issuedOn: date,
      amount: total,
      counterparty: vendor.name,
      transferDate,
      bankAccount,
    }),
  });

/** The notice as a PDF whose QR code opens its verification page in the portal. */
export function printRemittanceNotice(
  deps: Pick<PaymentDeps, 'publicUrl'>,
  { notice, batchId, vendorId }: PrintableNotice,
): Promise<Buffer> {
  return remittanceDocument(deps).print(remittanceNoticeId({ batchId, vendorId }), notice);
}

/**
 * The notice of a payment: the notice of its batch for its vendor, for the treasury and for
 * that vendor. A payment the bank returned stays on its batch's notice, marked 振込不能, until
 * it is retried in another batch.
 */
export async function paymentRemittanceNotice(
  deps: PaymentDeps,
  id: string,
  caller: Caller,
): Promise<Outcome<PrintableNotice>> {
  const payment = await findPayment(deps.db, id);
  if (!payment) return notFound('Payment', id);
  const otherVendors = refuseIfOtherVendors(caller.user, payment.vendorId);
  if (otherVendors) return otherVendors;
  return remittanceNoticeOf(deps, deps.db, payment.batchId, payment.vendorId);
}

/** 振込通知書 of a payment, as a PDF: every invoice of its transfer on one notice. */
export function makeRenderRemittanceNotice(deps: PaymentDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Buffer>> => {
    const notice = await paymentRemittanceNotice(deps, id, caller);
    return notice.ok ? ok(await printRemittanceNotice(deps, notice.value)) : notice;
  };
}

/** The notice of one vendor in one batch, for the treasury and for that vendor. */
export async function batchRemittanceNotice(
  deps: PaymentDeps,
  batchId: string,
  vendorId: string,
  caller: Caller,
): Promise<Outcome<PrintableNotice>> {
  const otherVendors = refuseIfOtherVendors(caller.user, vendorId);
  if (otherVendors) return otherVendors;
  return remittanceNoticeOf(deps, deps.db, batchId, vendorId);
}

/** 振込通知書 of one vendor in one batch, as a PDF: for the treasury, and for that vendor. */
export function makeRenderBatchRemittanceNotice(deps: PaymentDeps) {
  return async (batchId: string, vendorId: string, caller: Caller): Promise<Outcome<Buffer>> => {
    const notice = await batchRemittanceNotice(deps, batchId, vendorId, caller);
    return notice.ok ? ok(await printRemittanceNotice(deps, notice.value)) : notice;
  };
}
