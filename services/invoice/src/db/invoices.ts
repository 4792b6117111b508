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
import { searchRanges, yenFromBigInt, type ListPage, type SqlExecutor } from '@denpyo/platform';
import { DOCUMENT_SEQUENCE_DIGITS, documentNumberPrefix } from '../domain/document-number';
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

/** A received invoice to insert; its document number is taken by the insert. */
export interface NewInvoice {
  id: string;
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

/**
 * Numbers a received invoice in its fiscal year and inserts it with its lines, taxes and (for an
 * e-invoice) its original, in one statement; a duplicate invoice number throws a unique
 * violation. One statement, and no reading back: the counter's row lock is taken here and held
 * to commit, so every round trip after it would serialise unrelated invoices for longer. The
 * record answered is built from what was inserted, through the same mapping a read uses.
 */
export async function insertReceivedInvoice(
  sql: SqlExecutor,
  invoice: NewInvoice,
): Promise<InvoiceRecord> {
  const row = newInvoiceRow(invoice);
  const { original } = row;
  const [numbered] = await sql.query<{ document_number: string; created_at: Date | string }>(
    `WITH number AS (
       INSERT INTO document_sequences (kind, fiscal_year, last_value) VALUES ('IV', $2::int, 1)
       ON CONFLICT (kind, fiscal_year) DO UPDATE SET last_value = document_sequences.last_value + 1
       RETURNING last_value::text AS n
     ), invoice AS (
       INSERT INTO invoices (id, document_number, contract_id, vendor_id, invoice_number, issue_date,
         registration_number, qualified, amounts_include, contract_kind, fiscal_year, status,
         received_on, subtotal, total, withholding_tax, net_amount, due_date, original_due_date,
         inspection_due_date, created_by, created_by_signature, source, period_start, period_end)
       SELECT $1::uuid, $3 || lpad(n, greatest($4::int, length(n)), '0'), i.contract_id,
         i.vendor_id, i.invoice_number, i.issue_date, i.registration_number, i.qualified,
         i.amounts_include, i.contract_kind, $2::int, 'received', i.received_on, i.subtotal, i.total,
         i.withholding_tax, i.net_amount, i.due_date, i.original_due_date, i.inspection_due_date,
         i.created_by, i.created_by_signature, i.source, i.period_start, i.period_end
       FROM number, jsonb_to_record($5::jsonb) AS i(contract_id uuid, vendor_id uuid,
         invoice_number text, issue_date date, registration_number text, qualified boolean,
         amounts_include text, contract_kind text, received_on date, subtotal bigint, total bigint,
         withholding_tax bigint, net_amount bigint, due_date date, original_due_date date,
         inspection_due_date date, created_by text, created_by_signature jsonb,
         source text, period_start date, period_end date)
       RETURNING document_number, created_at
     ), lines AS (
       INSERT INTO invoice_lines (invoice_id, line_no, description, amount, tax_rate, withholding)
       SELECT $1::uuid, l.line_no, l.description, l.amount, l.tax_rate, l.withholding
       FROM invoice, jsonb_to_recordset($6::jsonb) AS l(line_no int, description text,
         amount bigint, tax_rate smallint, withholding boolean)
     ), taxes AS (
       INSERT INTO invoice_taxes (invoice_id, rate, base, tax, stated)
       SELECT $1::uuid, t.rate, t.base, t.tax, t.stated
       FROM invoice, jsonb_to_recordset($7::jsonb) AS t(rate smallint, base bigint, tax bigint,
         stated boolean)
     ), original AS (
       INSERT INTO invoice_originals (invoice_id, xml, sha256, specification,
         seller_corporate_number, stated_payee_account, payee_account_differs)
       SELECT $1::uuid, $8::bytea, o.sha256, o.specification, o.seller_corporate_number,
         o.stated_payee_account, o.payee_account_differs
       FROM invoice, jsonb_to_record($9::jsonb) AS o(sha256 text, specification text,
         seller_corporate_number text, stated_payee_account jsonb, payee_account_differs boolean)
       WHERE $8::bytea IS NOT NULL
     )
     SELECT document_number, created_at FROM invoice`,
    [
      row.id,
      row.fiscalYear,
      documentNumberPrefix('IV', row.fiscalYear),
      DOCUMENT_SEQUENCE_DIGITS,
      JSON.stringify({
        contract_id: row.contractId,
        vendor_id: row.vendorId,
        invoice_number: row.invoiceNumber,
        issue_date: utcToIsoDate(row.issueDate),
        registration_number: row.registrationNumber,
        qualified: row.qualified,
        amounts_include: row.amountsInclude,
        contract_kind: row.contractKind,
        received_on: utcToIsoDate(row.receivedOn),
        subtotal: String(row.subtotal),
        total: String(row.total),
        withholding_tax: String(row.withholdingTax),
        net_amount: String(row.netAmount),
        due_date: utcToIsoDate(row.dueDate),
        original_due_date: utcToIsoDate(row.originalDueDate),
        inspection_due_date: utcToIsoDate(row.inspectionDueDate),
        created_by: row.createdBy,
        created_by_signature: row.createdBySignature,
        source: row.source,
        period_start: row.periodStart ? utcToIsoDate(row.periodStart) : null,
        period_end: row.periodEnd ? utcToIsoDate(row.periodEnd) : null,
      }),
      JSON.stringify(
        row.lines.map((line) => ({
          line_no: line.lineNo,
          description: line.description,
          amount: String(line.amount),
          tax_rate: line.taxRate,
          withholding: line.withholding,
        })),
      ),
      JSON.stringify(
        row.taxes.map((tax) => ({
          rate: tax.rate,
          base: String(tax.base),
          tax: String(tax.tax),
          stated: tax.stated,
        })),
      ),
      invoice.eInvoice?.xml ?? null,
      JSON.stringify(
        original && {
          sha256: original.sha256,
          specification: original.specification,
          seller_corporate_number: original.sellerCorporateNumber,
          stated_payee_account: original.statedPayeeAccount,
          payee_account_differs: original.payeeAccountDiffers,
        },
      ),
    ],
  );
  if (!numbered) throw new Error(`Invoice ${row.id} was not inserted`);
  return toInvoiceRecord({
    ...row,
    documentNumber: numbered.document_number,
    createdAt: new Date(numbered.created_at),
  });
}

/** A newly received invoice as its row will read back, but for what the database gives it. */
function newInvoiceRow(invoice: NewInvoice): Omit<InvoiceRow, 'documentNumber' | 'createdAt'> {
  const { request, receipt, eInvoice } = invoice;
  return {
    id: invoice.id,
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
    inspectionLateDays: null,
    createdBy: invoice.createdBy.username,
    createdBySignature: { ...invoice.createdBy },
    inspectedBy: null,
    inspectedBySignature: null,
    inspectedAt: null,
    paymentOrderNumber: null,
    approvedBy: null,
    approvedBySignature: null,
    approvedAt: null,
    paymentId: null,
    confirmedBy: null,
    confirmedBySignature: null,
    confirmedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectedReason: null,
    source: eInvoice ? 'jp-pint' : 'paper',
    periodStart: eInvoice?.period ? isoDateToUtc(eInvoice.period.start) : null,
    periodEnd: eInvoice?.period ? isoDateToUtc(eInvoice.period.end) : null,
    lines: request.lines.map((line, index) => ({
      invoiceId: invoice.id,
      lineNo: index + 1,
      description: line.description,
      amount: BigInt(line.amount),
      taxRate: line.taxRate,
      withholding: line.withholding ?? false,
    })),
    // In the order a read gives them (withDetails: rate descending).
    taxes: receipt.taxes
      .map((tax) => ({
        invoiceId: invoice.id,
        rate: tax.rate,
        base: BigInt(tax.base),
        tax: BigInt(tax.tax),
        stated: tax.stated,
      }))
      .sort((a, b) => b.rate - a.rate),
    original: eInvoice
      ? {
          invoiceId: invoice.id,
          sha256: eInvoice.sha256,
          specification: eInvoice.specification,
          sellerCorporateNumber: eInvoice.sellerCorporateNumber ?? null,
          statedPayeeAccount: eInvoice.statedPayeeAccount ?? null,
          payeeAccountDiffers: eInvoice.payeeAccountDiffers,
        }
      : null,
    creditNotes: [],
  };
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

/**
 * Issues an inspected invoice's payment order: numbers it in `fiscalYear` and records who ordered
 * it, in one statement (the counter's lock is held from here to commit, so nothing else comes
 * between), and answers the record as it now reads — `before` with the order's fields.
 */
export async function orderInvoicePayment(
  sql: SqlExecutor,
  before: InvoiceRecord,
  order: { by: Signature; at: Date; fiscalYear: number },
): Promise<InvoiceRecord & { paymentOrderNumber: string }> {
  const status = statusAfter('approve');
  const [ordered] = await sql.query<{ payment_order_number: string }>(
    `WITH number AS (
       INSERT INTO document_sequences (kind, fiscal_year, last_value) VALUES ('PO', $2::int, 1)
       ON CONFLICT (kind, fiscal_year) DO UPDATE SET last_value = document_sequences.last_value + 1
       RETURNING last_value::text AS n
     )
     UPDATE invoices SET status = $3::invoice_status, approved_by = $4,
       approved_by_signature = $5::jsonb, approved_at = $6::timestamptz,
       payment_order_number = $7 || lpad(n, greatest($8::int, length(n)), '0')
     FROM number WHERE id = $1::uuid
     RETURNING payment_order_number`,
    [
      before.id,
      order.fiscalYear,
      status,
      order.by.username,
      JSON.stringify(order.by),
      order.at.toISOString(),
      documentNumberPrefix('PO', order.fiscalYear),
      DOCUMENT_SEQUENCE_DIGITS,
    ],
  );
  if (!ordered) throw new Error(`Invoice ${before.id} was not ordered`);
  return {
    ...before,
    status,
    paymentOrderNumber: ordered.payment_order_number,
    approvedBy: order.by.username,
    approvedAt: order.at.toISOString(),
    orderedBy: order.by.username,
    orderedBySignature: order.by,
  };
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
