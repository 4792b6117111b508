import {
  pageWindow,
  type Invoice,
  type InvoiceCreateRequest,
  type InvoiceListQuery,
  type InvoiceStatus,
  type TaxRate,
} from '@denpyo/schemas';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import { statusAfter } from '../domain/invoice-state';
import type { InvoiceReceipt } from '../domain/receipt';
import type { Prisma } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

/** The invoice as the API returns it: the shared Invoice schema plus the payment order fields. */
export interface InvoiceView extends Invoice {
  paymentOrderNumber?: string;
  rejectedBy?: string;
  rejectedAt?: string;
}

const withDetails = {
  lines: { orderBy: { lineNo: 'asc' } },
  taxes: { orderBy: { rate: 'desc' } },
} as const satisfies Prisma.InvoiceInclude;

type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof withDetails }>;

export interface NewInvoice {
  id: string;
  documentNumber: string;
  vendorId: string;
  createdBy: string;
  request: InvoiceCreateRequest;
  receipt: InvoiceReceipt;
}

/** Inserts the invoice with its lines and taxes; a duplicate invoice number throws P2002. */
export async function insertInvoice(tx: Tx, invoice: NewInvoice): Promise<InvoiceView> {
  const { request, receipt } = invoice;
  const row = await tx.invoice.create({
    data: {
      id: invoice.id,
      documentNumber: invoice.documentNumber,
      contractId: request.contractId,
      vendorId: invoice.vendorId,
      invoiceNumber: request.invoiceNumber,
      issueDate: isoDateToUtc(request.issueDate),
      registrationNumber: request.registrationNumber,
      status: 'received',
      receivedOn: isoDateToUtc(receipt.receivedOn),
      subtotal: BigInt(receipt.subtotal),
      total: BigInt(receipt.total),
      dueDate: isoDateToUtc(receipt.dueDate),
      createdBy: invoice.createdBy,
      lines: {
        create: request.lines.map((line, index) => ({
          lineNo: index + 1,
          description: line.description,
          amount: BigInt(line.amount),
          taxRate: line.taxRate,
        })),
      },
      taxes: {
        create: receipt.taxes.map((tax) => ({
          rate: tax.rate,
          base: BigInt(tax.base),
          tax: BigInt(tax.tax),
        })),
      },
    },
    include: withDetails,
  });
  return toInvoiceView(row);
}

export async function findInvoice(db: Db | Tx, id: string): Promise<InvoiceView | undefined> {
  const row = await db.invoice.findUnique({ where: { id }, include: withDetails });
  return row ? toInvoiceView(row) : undefined;
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
  | { action: 'inspect'; by: string; at: Date }
  | { action: 'approve'; by: string; at: Date; paymentOrderNumber: string }
  | { action: 'reject'; by: string; at: Date; reason: string };

export async function changeInvoiceStatus(
  tx: Tx,
  id: string,
  change: InvoiceStatusChange,
): Promise<InvoiceView> {
  const row = await tx.invoice.update({
    where: { id },
    data: { status: statusAfter(change.action), ...actionColumns(change) },
    include: withDetails,
  });
  return toInvoiceView(row);
}

function actionColumns(change: InvoiceStatusChange): Prisma.InvoiceUpdateInput {
  switch (change.action) {
    case 'inspect':
      return { inspectedBy: change.by, inspectedAt: change.at };
    case 'approve':
      return {
        approvedBy: change.by,
        approvedAt: change.at,
        paymentOrderNumber: change.paymentOrderNumber,
      };
    case 'reject':
      return { rejectedBy: change.by, rejectedAt: change.at, rejectedReason: change.reason };
  }
}

/**
 * One page of a search: from/to bound receivedOn (inclusive), minAmount/maxAmount bound total,
 * q is contained in the invoice or document number; in the requested order (document number
 * breaks ties), with the count of every match.
 */
export async function listInvoices(
  db: Db,
  query: InvoiceListQuery,
): Promise<ListPage<InvoiceView>> {
  const { dates, amounts } = searchRanges(query);
  const where: Prisma.InvoiceWhereInput = {
    status: query.status,
    contractId: query.contractId,
    vendorId: query.vendorId,
    receivedOn: dates,
    total: amounts,
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
      ...pageWindow(query),
    }),
    db.invoice.count({ where }),
  ]);
  return { items: rows.map(toInvoiceView), total };
}

function toInvoiceView(row: InvoiceRow): InvoiceView {
  return {
    id: row.id,
    documentNumber: row.documentNumber,
    contractId: row.contractId,
    vendorId: row.vendorId,
    invoiceNumber: row.invoiceNumber,
    issueDate: utcToIsoDate(row.issueDate),
    registrationNumber: row.registrationNumber,
    lines: row.lines.map((line) => ({
      description: line.description,
      amount: yenFromBigInt(line.amount),
      taxRate: line.taxRate as TaxRate,
    })),
    status: row.status as InvoiceStatus,
    receivedOn: utcToIsoDate(row.receivedOn),
    subtotal: yenFromBigInt(row.subtotal),
    taxes: row.taxes.map((tax) => ({
      rate: tax.rate as TaxRate,
      base: yenFromBigInt(tax.base),
      tax: yenFromBigInt(tax.tax),
    })),
    total: yenFromBigInt(row.total),
    dueDate: utcToIsoDate(row.dueDate),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    ...optional('inspectedBy', row.inspectedBy),
    ...optional('inspectedAt', row.inspectedAt?.toISOString()),
    ...optional('paymentOrderNumber', row.paymentOrderNumber),
    ...optional('approvedBy', row.approvedBy),
    ...optional('approvedAt', row.approvedAt?.toISOString()),
    ...optional('rejectedBy', row.rejectedBy),
    ...optional('rejectedAt', row.rejectedAt?.toISOString()),
    ...optional('rejectedReason', row.rejectedReason),
  };
}

/** Optional fields are omitted, never null (schemas/values.ts convention). */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
