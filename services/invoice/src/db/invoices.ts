import {
  pageWindow,
  SignatureSchema,
  type AmountsInclude,
  type ContractKind,
  type Invoice,
  type InvoiceCreateRequest,
  type InvoiceCredit,
  StatedPayeeAccountSchema,
  TaxBreakdownSchema,
  type InvoiceListQuery,
  type InvoicePeriod,
  type InvoiceSource,
  type InvoiceStatus,
  type StatedPayeeAccount,
  type Signature,
  type TaxRate,
} from '@denpyo/schemas';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import { statusAfter } from '../domain/invoice-state';
import type { InvoiceReceipt } from '../domain/receipt';
import { Prisma } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

/**
 * The invoice as stored: the API's Invoice but for what depends on today (inspectionOverdue),
 * which the use cases add from the clock.
 */
export type InvoiceRecord = Omit<Invoice, 'inspectionOverdue'>;

const withDetails = {
  lines: { orderBy: { lineNo: 'asc' } },
  taxes: { orderBy: { rate: 'desc' } },
  // Not the XML itself: only GET …/original reads those bytes.
  original: { omit: { xml: true } },
  creditNotes: { omit: { xml: true }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.InvoiceInclude;

type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof withDetails }>;

export interface NewInvoice {
  id: string;
  documentNumber: string;
  vendorId: string;
  createdBy: Signature;
  request: InvoiceCreateRequest;
  receipt: InvoiceReceipt;
  /** An e-invoice's: kept with the invoice, in its transaction; absent for a keyed-in one. */
  eInvoice?: NewEInvoiceOriginal;
}

/** An e-invoice as received, and what was read from it that the invoice columns do not hold. */
export interface NewEInvoiceOriginal {
  xml: Buffer;
  sha256: string;
  specification: 'billing' | 'nontax';
  period?: InvoicePeriod;
  sellerCorporateNumber?: string;
  statedPayeeAccount?: StatedPayeeAccount;
  payeeAccountDiffers: boolean;
}

/** Inserts the invoice with its lines and taxes; a duplicate invoice number throws P2002. */
export async function insertInvoice(tx: Tx, invoice: NewInvoice): Promise<InvoiceRecord> {
  const { request, receipt, eInvoice } = invoice;
  const row = await tx.invoice.create({
    data: {
      id: invoice.id,
      documentNumber: invoice.documentNumber,
      contractId: request.contractId,
      vendorId: invoice.vendorId,
      invoiceNumber: request.invoiceNumber,
      issueDate: isoDateToUtc(request.issueDate),
      registrationNumber: request.registrationNumber ?? null,
      qualified: receipt.qualified,
      amountsInclude: receipt.amountsInclude,
      contractKind: receipt.contractKind,
      fiscalYear: receipt.fiscalYear,
      status: 'received',
      receivedOn: isoDateToUtc(receipt.receivedOn),
      subtotal: BigInt(receipt.subtotal),
      total: BigInt(receipt.total),
      withholdingTax: BigInt(receipt.withholdingTax),
      netAmount: BigInt(receipt.netAmount),
      dueDate: isoDateToUtc(receipt.dueDate),
      originalDueDate: isoDateToUtc(receipt.dueDate),
      inspectionDueDate: isoDateToUtc(receipt.inspectionDueDate),
      createdBy: invoice.createdBy.username,
      createdBySignature: invoice.createdBy,
      source: eInvoice ? 'jp-pint' : 'paper',
      periodStart: eInvoice?.period ? isoDateToUtc(eInvoice.period.start) : null,
      periodEnd: eInvoice?.period ? isoDateToUtc(eInvoice.period.end) : null,
      ...(eInvoice
        ? {
            original: {
              create: {
                xml: new Uint8Array(eInvoice.xml),
                sha256: eInvoice.sha256,
                specification: eInvoice.specification,
                sellerCorporateNumber: eInvoice.sellerCorporateNumber ?? null,
                statedPayeeAccount: eInvoice.statedPayeeAccount ?? Prisma.DbNull,
                payeeAccountDiffers: eInvoice.payeeAccountDiffers,
              },
            },
          }
        : {}),
      lines: {
        create: request.lines.map((line, index) => ({
          lineNo: index + 1,
          description: line.description,
          amount: BigInt(line.amount),
          taxRate: line.taxRate,
          withholding: line.withholding ?? false,
        })),
      },
      taxes: {
        create: receipt.taxes.map((tax) => ({
          rate: tax.rate,
          base: BigInt(tax.base),
          tax: BigInt(tax.tax),
          stated: tax.stated,
        })),
      },
    },
    include: withDetails,
  });
  return toInvoiceRecord(row);
}

export async function findInvoice(db: Db | Tx, id: string): Promise<InvoiceRecord | undefined> {
  const row = await db.invoice.findUnique({ where: { id }, include: withDetails });
  return row ? toInvoiceRecord(row) : undefined;
}

/** An e-invoice's XML exactly as received, and the vendor it belongs to. */
export async function findInvoiceOriginal(
  db: Db,
  invoiceId: string,
): Promise<{ xml: Buffer; vendorId: string; documentNumber: string } | undefined> {
  const row = await db.invoiceOriginal.findUnique({
    where: { invoiceId },
    select: { xml: true, invoice: { select: { vendorId: true, documentNumber: true } } },
  });
  return row ? { xml: Buffer.from(row.xml), ...row.invoice } : undefined;
}

/** A credit note as received against an invoice, and what it returns. */
export interface NewCreditNote {
  id: string;
  invoiceId: string;
  creditNoteNumber: string;
  issueDate: string;
  taxes: InvoiceCredit['taxes'];
  total: number;
  xml: Buffer;
  sha256: string;
  createdBy: Signature;
}

/** Keeps a credit note beside its invoice; the same number twice for the invoice throws P2002. */
export async function insertCreditNote(tx: Tx, credit: NewCreditNote): Promise<void> {
  await tx.invoiceCreditNote.create({
    data: {
      id: credit.id,
      invoiceId: credit.invoiceId,
      creditNoteNumber: credit.creditNoteNumber,
      issueDate: isoDateToUtc(credit.issueDate),
      taxes: credit.taxes,
      total: BigInt(credit.total),
      xml: new Uint8Array(credit.xml),
      sha256: credit.sha256,
      createdBySignature: credit.createdBy,
    },
  });
}

/** A credit note's XML exactly as received, and its invoice's vendor and document number. */
export async function findCreditNoteOriginal(
  db: Db,
  invoiceId: string,
  creditId: string,
): Promise<{ xml: Buffer; vendorId: string; documentNumber: string } | undefined> {
  const row = await db.invoiceCreditNote.findFirst({
    where: { id: creditId, invoiceId },
    select: { xml: true, invoice: { select: { vendorId: true, documentNumber: true } } },
  });
  return row ? { xml: Buffer.from(row.xml), ...row.invoice } : undefined;
}

export async function findInvoiceByNumber(
  db: Db | Tx,
  contractId: string,
  invoiceNumber: string,
): Promise<{ id: string } | undefined> {
  const row = await db.invoice.findUnique({
    where: { contractId_invoiceNumber: { contractId, invoiceNumber } },
    select: { id: true },
  });
  return row ?? undefined;
}

/** What an action records besides the status, which the state table decides (statusAfter). */
export type InvoiceStatusChange =
  | {
      action: 'inspect';
      by: Signature;
      at: Date;
      /** The payment deadline once late inspection days are taken off (Art. 7). */
      dueDate: string;
      lateDays: number;
    }
  | { action: 'approve'; by: Signature; at: Date; paymentOrderNumber: string }
  | { action: 'reject'; by: string; at: Date; reason: string };

export async function changeInvoiceStatus(
  tx: Tx,
  id: string,
  change: InvoiceStatusChange,
): Promise<InvoiceRecord> {
  const row = await tx.invoice.update({
    where: { id },
    data: { status: statusAfter(change.action), ...actionColumns(change) },
    include: withDetails,
  });
  return toInvoiceRecord(row);
}

function actionColumns(change: InvoiceStatusChange): Prisma.InvoiceUpdateInput {
  switch (change.action) {
    case 'inspect':
      return {
        inspectedBy: change.by.username,
        inspectedBySignature: change.by,
        inspectedAt: change.at,
        dueDate: isoDateToUtc(change.dueDate),
        inspectionLateDays: change.lateDays,
      };
    case 'approve':
      return {
        approvedBy: change.by.username,
        approvedBySignature: change.by,
        approvedAt: change.at,
        paymentOrderNumber: change.paymentOrderNumber,
      };
    case 'reject':
      return { rejectedBy: change.by, rejectedAt: change.at, rejectedReason: change.reason };
  }
}

/** The payment service's payment of an invoice (its first, kind invoice), once known. */
export async function recordInvoicePayment(
  tx: Tx,
  invoiceId: string,
  paymentId: string,
): Promise<void> {
  await tx.invoice.updateMany({ where: { id: invoiceId }, data: { paymentId } });
}

/**
 * The 会計管理者's confirmation of the payment order, recorded for the voucher; only the
 * invoice's own payment counts (a late-interest payment of the same invoice is confirmed too).
 */
export async function recordConfirmation(
  tx: Tx,
  paymentId: string,
  confirmation: { by: string; signature?: Signature; at: Date },
): Promise<void> {
  await tx.invoice.updateMany({
    where: { paymentId },
    data: {
      confirmedBy: confirmation.by,
      confirmedBySignature: confirmation.signature ?? Prisma.DbNull,
      confirmedAt: confirmation.at,
    },
  });
}

/**
 * One page of a search: from/to bound receivedOn (inclusive), minAmount/maxAmount bound total,
 * q is contained in the invoice or document number, inspectionOverdue: still received after the
 * inspection deadline as of `today`; in the requested order (document number breaks ties), with
 * the count of every match.
 */
export async function listInvoices(
  db: Db,
  query: InvoiceListQuery,
  today: string,
): Promise<ListPage<InvoiceRecord>> {
  const { dates, amounts } = searchRanges(query);
  const where: Prisma.InvoiceWhereInput = {
    ...overdueFilter(query.inspectionOverdue, today),
    status: query.status,
    contractId: query.contractId,
    vendorId: query.vendorId,
    receivedOn: dates,
    total: amounts,
    source: query.source,
    ...(query.issuedFrom || query.issuedTo
      ? {
          issueDate: {
            ...(query.issuedFrom ? { gte: isoDateToUtc(query.issuedFrom) } : {}),
            ...(query.issuedTo ? { lte: isoDateToUtc(query.issuedTo) } : {}),
          },
        }
      : {}),
    ...(query.q
      ? {
          OR: [
            { invoiceNumber: { contains: query.q, mode: 'insensitive' } },
            { documentNumber: { contains: query.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.invoice.findMany({
      where,
      include: withDetails,
      orderBy: [{ [query.sort]: query.order }, { documentNumber: query.order }],
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
    }),
    db.invoice.count({ where }),
  ]);
  return { items: rows.map(toInvoiceRecord), total };
}

/** Still received after the inspection deadline (domain/deadlines.ts isInspectionOverdue). */
function overdueFilter(flag: boolean | undefined, today: string): Prisma.InvoiceWhereInput {
  if (flag === undefined) return {};
  const overdue = { status: 'received', inspectionDueDate: { lt: isoDateToUtc(today) } } as const;
  return flag ? { AND: [overdue] } : { NOT: overdue };
}

function toInvoiceRecord(row: InvoiceRow): InvoiceRecord {
  const statedTaxes = row.taxes.filter((tax) => tax.stated);
  const credits = row.creditNotes.map(toCredit);
  const total = yenFromBigInt(row.total);
  const withholdingTax = yenFromBigInt(row.withholdingTax);
  const payableTotal = credits.reduce((left, credit) => left - credit.total, total);
  return {
    id: row.id,
    documentNumber: row.documentNumber,
    contractId: row.contractId,
    vendorId: row.vendorId,
    invoiceNumber: row.invoiceNumber,
    issueDate: utcToIsoDate(row.issueDate),
    ...optional('registrationNumber', row.registrationNumber),
    qualified: row.qualified,
    amountsInclude: row.amountsInclude as AmountsInclude,
    contractKind: row.contractKind as ContractKind,
    fiscalYear: row.fiscalYear,
    lines: row.lines.map((line) => ({
      description: line.description,
      amount: yenFromBigInt(line.amount),
      taxRate: line.taxRate as TaxRate,
      ...(line.withholding ? { withholding: true } : {}),
    })),
    ...(statedTaxes.length > 0
      ? {
          statedTaxes: statedTaxes.map((tax) => ({
            rate: tax.rate as TaxRate,
            tax: yenFromBigInt(tax.tax),
          })),
        }
      : {}),
    status: row.status as InvoiceStatus,
    receivedOn: utcToIsoDate(row.receivedOn),
    subtotal: yenFromBigInt(row.subtotal),
    taxes: row.taxes.map((tax) => ({
      rate: tax.rate as TaxRate,
      base: yenFromBigInt(tax.base),
      tax: yenFromBigInt(tax.tax),
    })),
    total,
    credits,
    payableTotal,
    withholdingTax,
    // The stored net_amount is total − withholdingTax at receipt; credits reduce what is paid.
    netAmount: payableTotal - withholdingTax,
    dueDate: utcToIsoDate(row.dueDate),
    originalDueDate: utcToIsoDate(row.originalDueDate),
    inspectionDueDate: utcToIsoDate(row.inspectionDueDate),
    ...optional('inspectionLateDays', row.inspectionLateDays),
    createdBy: row.createdBy,
    ...optional('createdBySignature', signature(row.createdBySignature)),
    createdAt: row.createdAt.toISOString(),
    ...optional('inspectedBy', row.inspectedBy),
    ...optional('inspectedBySignature', signature(row.inspectedBySignature)),
    ...optional('inspectedAt', row.inspectedAt?.toISOString()),
    ...optional('paymentOrderNumber', row.paymentOrderNumber),
    ...optional('approvedBy', row.approvedBy),
    ...optional('approvedAt', row.approvedAt?.toISOString()),
    ...optional('orderedBy', row.approvedBy),
    ...optional('orderedBySignature', signature(row.approvedBySignature)),
    ...optional('confirmedBy', row.confirmedBy),
    ...optional('confirmedBySignature', signature(row.confirmedBySignature)),
    ...optional('confirmedAt', row.confirmedAt?.toISOString()),
    ...optional('rejectedBy', row.rejectedBy),
    ...optional('rejectedAt', row.rejectedAt?.toISOString()),
    ...optional('rejectedReason', row.rejectedReason),
    source: row.source as InvoiceSource,
    ...eInvoiceFields(row),
  };
}

function toCredit(row: InvoiceRow['creditNotes'][number]): InvoiceCredit {
  return {
    id: row.id,
    creditNoteNumber: row.creditNoteNumber,
    issueDate: utcToIsoDate(row.issueDate),
    total: yenFromBigInt(row.total),
    taxes: TaxBreakdownSchema.array().parse(row.taxes),
    originalSha256: row.sha256,
  };
}

/** What an e-invoice adds to the invoice: its original's digest, period, seller and payee. */
function eInvoiceFields(row: InvoiceRow): Partial<InvoiceRecord> {
  const { original } = row;
  if (!original) return {};
  return {
    originalSha256: original.sha256,
    ...(row.periodStart && row.periodEnd
      ? { period: { start: utcToIsoDate(row.periodStart), end: utcToIsoDate(row.periodEnd) } }
      : {}),
    ...optional('sellerCorporateNumber', original.sellerCorporateNumber),
    ...(original.statedPayeeAccount === null
      ? {}
      : { statedPayeeAccount: StatedPayeeAccountSchema.parse(original.statedPayeeAccount) }),
    payeeAccountDiffers: original.payeeAccountDiffers,
  };
}

/** A signature as recorded (jsonb); null before v2 recorded them. */
function signature(value: Prisma.JsonValue): Signature | undefined {
  return value === null ? undefined : SignatureSchema.parse(value);
}

/** Optional fields are omitted, never null (schemas/values.ts convention). */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
