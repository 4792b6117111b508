import {
  BankAccountTypeSchema,
  VendorKindSchema,
  type BankAccount,
  type VendorKind,
  type VendorRegistered,
} from '@denpyo/schemas';
import type { Vendor } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

/** What the payment service knows of a vendor: whom to pay, and where. */
export interface VendorRecord {
  id: string;
  name: string;
  kind: VendorKind;
  registrationNumber?: string;
  bankAccount: BankAccount;
  /** Where its 振込通知書 is mailed, if anywhere. */
  email?: string;
}

/** The latest registration wins, so a re-published vendor updates its bank account. */
export async function upsertVendor(tx: Tx, vendor: VendorRegistered, at: Date): Promise<void> {
  const data = {
    name: vendor.name,
    nameKana: vendor.nameKana,
    registrationNumber: vendor.invoiceRegistrationNumber ?? null,
    bankCode: vendor.bankAccount.bankCode,
    branchCode: vendor.bankAccount.branchCode,
    accountType: vendor.bankAccount.type,
    accountNumber: vendor.bankAccount.number,
    holderKana: vendor.bankAccount.holderKana,
    kind: vendor.kind ?? 'corporation',
    email: vendor.email ?? null,
    updatedAt: at,
  };
  await tx.vendor.upsert({
    where: { id: vendor.vendorId },
    create: { id: vendor.vendorId, ...data },
    update: data,
  });
}

/** An approved change of the vendor's account (four eyes in the contract service). */
export async function replaceBankAccount(
  tx: Tx,
  vendorId: string,
  account: BankAccount,
  at: Date,
): Promise<boolean> {
  const { count } = await tx.vendor.updateMany({
    where: { id: vendorId },
    data: {
      bankCode: account.bankCode,
      branchCode: account.branchCode,
      accountType: account.type,
      accountNumber: account.number,
      holderKana: account.holderKana,
      updatedAt: at,
    },
  });
  return count === 1;
}

export async function findVendors(
  db: Db | Tx,
  ids: readonly string[],
): Promise<Map<string, VendorRecord>> {
  const rows = await db.vendor.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((row) => [row.id, toVendorRecord(row)]));
}

export async function findVendor(db: Db | Tx, id: string): Promise<VendorRecord | undefined> {
  const row = await db.vendor.findUnique({ where: { id } });
  return row ? toVendorRecord(row) : undefined;
}

function toVendorRecord(row: Vendor): VendorRecord {
  return {
    id: row.id,
    name: row.name,
    kind: VendorKindSchema.parse(row.kind),
    ...(row.registrationNumber ? { registrationNumber: row.registrationNumber } : {}),
    ...(row.email ? { email: row.email } : {}),
    bankAccount: {
      bankCode: row.bankCode,
      branchCode: row.branchCode,
      type: BankAccountTypeSchema.parse(row.accountType),
      number: row.accountNumber,
      holderKana: row.holderKana,
    },
  };
}
