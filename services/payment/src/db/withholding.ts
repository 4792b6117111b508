import {
  pageWindow,
  type WithholdingAnnualQuery,
  type WithholdingLedgerQuery,
} from '@denpyo/schemas';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { pageOf, yenFromBigInt, type ListPage } from '@denpyo/platform';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma';
import { findVendors, type VendorRecord } from './vendors';

/** A paid payment with tax withheld, with its vendor: a line of the withholding ledger. */
export interface WithheldPayment {
  paymentId: string;
  vendor: VendorRecord | undefined;
  vendorId: string;
  invoiceNumber: string;
  transferDate: string;
  amount: number;
  withholdingTax: number;
  netAmount: number;
}

/** Paid payments with withholding whose transfer date lies in [from, to] (inclusive). */
function withheldIn(from: string, to: string): Prisma.PaymentWhereInput {
  return {
    status: 'paid',
    withholdingTax: { gt: 0 },
    transferDate: { gte: isoDateToUtc(from), lte: isoDateToUtc(to) },
  };
}

/** One page of a month's ledger lines, by transfer date or amount, and the count. */
export async function listWithheld(
  db: Db,
  from: string,
  to: string,
  query: WithholdingLedgerQuery,
): Promise<ListPage<WithheldPayment>> {
  const where = withheldIn(from, to);
  const [rows, total] = await Promise.all([
    db.payment.findMany({
      where,
      orderBy: [{ [query.sort]: query.order }, { transferDate: 'asc' }, { id: 'asc' }],
      ...pageWindow(query, (key) => ({ id: String(key.paymentId) })),
    }),
    db.payment.count({ where }),
  ]);
  const vendors = await findVendors(
    db,
    rows.map((row) => row.vendorId),
  );
  return {
    items: rows.map((row) => ({
      paymentId: row.id,
      vendorId: row.vendorId,
      vendor: vendors.get(row.vendorId),
      invoiceNumber: row.invoiceNumber,
      transferDate: utcToIsoDate(row.transferDate!),
      amount: yenFromBigInt(row.amount),
      withholdingTax: yenFromBigInt(row.withholdingTax),
      netAmount: yenFromBigInt(row.netAmount),
    })),
    total,
  };
}

export interface WithheldTotals {
  count: number;
  amount: number;
  withholdingTax: number;
  netAmount: number;
}

export async function withheldTotals(db: Db, from: string, to: string): Promise<WithheldTotals> {
  const sums = await db.payment.aggregate({
    where: withheldIn(from, to),
    _count: { _all: true },
    _sum: { amount: true, withholdingTax: true, netAmount: true },
  });
  return {
    count: sums._count._all,
    amount: yenFromBigInt(sums._sum.amount ?? 0n),
    withholdingTax: yenFromBigInt(sums._sum.withholdingTax ?? 0n),
    netAmount: yenFromBigInt(sums._sum.netAmount ?? 0n),
  };
}

export interface WithheldByVendor {
  vendorId: string;
  vendor: VendorRecord | undefined;
  count: number;
  amount: number;
  withholdingTax: number;
}

/** Per vendor, the year's paid payments with withholding; paged in memory (one row a vendor). */
export async function withheldByVendor(
  db: Db,
  from: string,
  to: string,
  query: WithholdingAnnualQuery,
): Promise<ListPage<WithheldByVendor>> {
  const groups = await db.payment.groupBy({
    by: ['vendorId'],
    where: withheldIn(from, to),
    _count: { _all: true },
    _sum: { amount: true, withholdingTax: true },
  });
  const vendors = await findVendors(
    db,
    groups.map((group) => group.vendorId),
  );
  const rows = groups.map((group) => ({
    vendorId: group.vendorId,
    vendor: vendors.get(group.vendorId),
    count: group._count._all,
    amount: yenFromBigInt(group._sum.amount ?? 0n),
    withholdingTax: yenFromBigInt(group._sum.withholdingTax ?? 0n),
  }));
  const name = (row: WithheldByVendor) => row.vendor?.name ?? '';
  rows.sort((a, b) =>
    query.sort === 'amount'
      ? a.amount - b.amount || a.vendorId.localeCompare(b.vendorId)
      : name(a).localeCompare(name(b), 'ja') || a.vendorId.localeCompare(b.vendorId),
  );
  return pageOf(rows, query, ['vendorId']);
}
