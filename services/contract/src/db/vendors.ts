import type { ListPage } from '@denpyo/platform';
import {
  BankAccountSchema,
  pageWindow,
  SignatureSchema,
  type BankAccount,
  type BankAccountChange,
  type BankAccountChangeListQuery,
  type Signature,
  type Vendor,
  type VendorKind,
  type VendorListQuery,
} from '@denpyo/schemas';
import type {
  Prisma,
  Vendor as VendorRow,
  VendorBankAccountChange as ChangeRow,
} from '../generated/prisma/client';
import { decisionColumns, type Decision } from './decisions';
import type { Db, Tx } from './prisma';

export interface NewVendor {
  id: string;
  name: string;
  nameKana: string;
  corporateNumber?: string;
  invoiceRegistrationNumber?: string;
  email?: string;
  kind: VendorKind;
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
      email: vendor.email ?? null,
      kind: vendor.kind,
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
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
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
    ...(row.email !== null ? { email: row.email } : {}),
    kind: row.kind,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewBankAccountChange {
  id: string;
  vendorId: string;
  bankAccount: BankAccount;
  previousBankAccount: BankAccount;
  reason?: string;
  requestedBy: Signature;
  requestedAt: Date;
}

export async function insertBankAccountChange(
  tx: Tx,
  change: NewBankAccountChange,
): Promise<BankAccountChange> {
  const row = await tx.vendorBankAccountChange.create({
    data: {
      id: change.id,
      vendorId: change.vendorId,
      status: 'requested',
      ...accountColumns(change.bankAccount),
      previousBankAccount: change.previousBankAccount,
      reason: change.reason ?? null,
      requestedBy: change.requestedBy.username,
      requestedBySignature: change.requestedBy,
      requestedAt: change.requestedAt,
    },
  });
  return toChange(row);
}

export async function hasPendingBankAccountChange(tx: Tx, vendorId: string): Promise<boolean> {
  return (await tx.vendorBankAccountChange.count({ where: { vendorId, status: 'requested' } })) > 0;
}

export async function findBankAccountChange(
  db: Db | Tx,
  vendorId: string,
  id: string,
): Promise<BankAccountChange | undefined> {
  const row = await db.vendorBankAccountChange.findFirst({ where: { id, vendorId } });
  return row ? toChange(row) : undefined;
}

/** One page of a vendor's changes by request time, and the count. */
export async function listBankAccountChanges(
  db: Db,
  vendorId: string,
  query: BankAccountChangeListQuery,
): Promise<ListPage<BankAccountChange>> {
  const where = { vendorId };
  const [rows, total] = await Promise.all([
    db.vendorBankAccountChange.findMany({
      where,
      orderBy: [{ requestedAt: query.order }, { id: 'asc' }],
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
    }),
    db.vendorBankAccountChange.count({ where }),
  ]);
  return { items: rows.map(toChange), total };
}

export async function decideBankAccountChange(
  tx: Tx,
  id: string,
  decision: Decision,
): Promise<BankAccountChange> {
  const row = await tx.vendorBankAccountChange.update({
    where: { id },
    data: decisionColumns(decision),
  });
  return toChange(row);
}

/** The approved change's account becomes the vendor's. */
export async function replaceBankAccount(
  tx: Tx,
  vendorId: string,
  bankAccount: BankAccount,
): Promise<Vendor> {
  const row = await tx.vendor.update({
    where: { id: vendorId },
    data: accountColumns(bankAccount),
  });
  return toVendor(row);
}

function accountColumns(bankAccount: BankAccount) {
  return {
    bankCode: bankAccount.bankCode,
    branchCode: bankAccount.branchCode,
    accountType: bankAccount.type,
    accountNumber: bankAccount.number,
    holderKana: bankAccount.holderKana,
  };
}

function toChange(row: ChangeRow): BankAccountChange {
  return {
    id: row.id,
    vendorId: row.vendorId,
    status: row.status,
    bankAccount: {
      bankCode: row.bankCode,
      branchCode: row.branchCode,
      type: row.accountType,
      number: row.accountNumber,
      holderKana: row.holderKana,
    },
    previousBankAccount: BankAccountSchema.parse(row.previousBankAccount),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    requestedBy: SignatureSchema.parse(row.requestedBySignature),
    requestedAt: row.requestedAt.toISOString(),
    ...(row.decidedBySignature !== null
      ? { decidedBy: SignatureSchema.parse(row.decidedBySignature) }
      : {}),
    ...(row.decidedAt !== null ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.rejectionReason !== null ? { rejectionReason: row.rejectionReason } : {}),
  };
}
