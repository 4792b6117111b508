import type { ListPage } from '@denpyo/platform';
import { pageWindow, type BankAccount, type Vendor, type VendorListQuery } from '@denpyo/schemas';
import type { Prisma, Vendor as VendorRow } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

export interface NewVendor {
  id: string;
  name: string;
  nameKana: string;
  corporateNumber?: string;
  invoiceRegistrationNumber?: string;
  bankAccount: BankAccount;
  createdBy: string;
  createdAt: Date;
}

export async function insertVendor(tx: Tx, vendor: NewVendor): Promise<Vendor> {
  const row = await tx.vendor.create({
    data: {
      id: vendor.id,
      name: vendor.name,
      nameKana: vendor.nameKana,
      corporateNumber: vendor.corporateNumber ?? null,
      invoiceRegistrationNumber: vendor.invoiceRegistrationNumber ?? null,
      bankCode: vendor.bankAccount.bankCode,
      branchCode: vendor.bankAccount.branchCode,
      accountType: vendor.bankAccount.type,
      accountNumber: vendor.bankAccount.number,
      holderKana: vendor.bankAccount.holderKana,
      status: 'active',
      createdBy: vendor.createdBy,
      createdAt: vendor.createdAt,
    },
  });
  return toVendor(row);
}

export async function findVendor(db: Db | Tx, id: string): Promise<Vendor | undefined> {
  const row = await db.vendor.findUnique({ where: { id } });
  return row ? toVendor(row) : undefined;
}

/**
 * One page of vendors whose name, kana, corporate number or registration number contains `q`,
 * by name — that is by its kana reading — and the count of every match.
 */
export async function listVendors(db: Db, query: VendorListQuery): Promise<ListPage<Vendor>> {
  const contains = { contains: query.q, mode: 'insensitive' } as const;
  const where: Prisma.VendorWhereInput = query.q
    ? {
        OR: [
          { name: contains },
          { nameKana: contains },
          { corporateNumber: contains },
          { invoiceRegistrationNumber: contains },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db.vendor.findMany({
      where,
      // By name is by reading (五十音順): the kana, then the name as written.
      orderBy: [{ nameKana: query.order }, { name: query.order }, { id: 'asc' }],
      ...pageWindow(query),
    }),
    db.vendor.count({ where }),
  ]);
  return { items: rows.map(toVendor), total };
}

function toVendor(row: VendorRow): Vendor {
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    ...(row.corporateNumber !== null ? { corporateNumber: row.corporateNumber } : {}),
    ...(row.invoiceRegistrationNumber !== null
      ? { invoiceRegistrationNumber: row.invoiceRegistrationNumber }
      : {}),
    bankAccount: {
      bankCode: row.bankCode,
      branchCode: row.branchCode,
      type: row.accountType,
      number: row.accountNumber,
      holderKana: row.holderKana,
    },
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}
