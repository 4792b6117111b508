import type { BankAccount, Vendor } from '@denpyo/schemas';
import type { Vendor as VendorRow } from '../generated/prisma/client';
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
