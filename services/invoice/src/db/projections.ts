import type { ContractApproved, VendorRegistered } from '@denpyo/schemas';
import { yenFromBigInt } from '@denpyo/platform';
import type { ContractTerms, VendorTerms } from '../domain/receipt';
import type { Db, Tx } from './prisma';

export interface ContractProjection extends ContractTerms {
  contractId: string;
  documentNumber: string;
  title: string;
  taxRate: number;
  fiscalYear: number;
  budgetCode: string;
}

export interface VendorProjection extends VendorTerms {
  vendorId: string;
  name: string;
}

/** Insert-only: a contract is approved once, so a redelivered event changes nothing. */
export async function projectApprovedContract(tx: Tx, event: ContractApproved): Promise<void> {
  await tx.approvedContract.createMany({
    data: {
      contractId: event.contractId,
      documentNumber: event.documentNumber,
      vendorId: event.vendorId,
      title: event.title,
      amount: BigInt(event.amount),
      taxRate: event.taxRate,
      fiscalYear: event.fiscalYear,
      budgetCode: event.budgetCode,
      approvedAt: new Date(event.approvedAt),
    },
    skipDuplicates: true,
  });
}

export async function projectVendor(tx: Tx, event: VendorRegistered): Promise<void> {
  const fields = {
    name: event.name,
    invoiceRegistrationNumber: event.invoiceRegistrationNumber ?? null,
  };
  await tx.vendor.upsert({
    where: { vendorId: event.vendorId },
    create: { vendorId: event.vendorId, ...fields },
    update: fields,
  });
}

export async function findContract(
  db: Db | Tx,
  contractId: string,
): Promise<ContractProjection | undefined> {
  const row = await db.approvedContract.findUnique({ where: { contractId } });
  if (!row) return undefined;
  return {
    contractId: row.contractId,
    documentNumber: row.documentNumber,
    vendorId: row.vendorId,
    title: row.title,
    amount: yenFromBigInt(row.amount),
    invoicedTotal: yenFromBigInt(row.invoicedTotal),
    taxRate: row.taxRate,
    fiscalYear: row.fiscalYear,
    budgetCode: row.budgetCode,
  };
}

export async function findVendor(
  db: Db | Tx,
  vendorId: string,
): Promise<VendorProjection | undefined> {
  const row = await db.vendor.findUnique({ where: { vendorId } });
  if (!row) return undefined;
  return {
    vendorId: row.vendorId,
    name: row.name,
    invoiceRegistrationNumber: row.invoiceRegistrationNumber,
  };
}

/**
 * Adds `total` to the contract's invoiced total only if it stays within the contract amount.
 * One conditional UPDATE: concurrent invoices queue on the row lock and each sees the total the
 * previous one committed, so together they can never exceed the contract. False when refused.
 */
export async function reserveContractAmount(
  tx: Tx,
  contractId: string,
  total: number,
): Promise<boolean> {
  const updated = await tx.$executeRaw`
    UPDATE approved_contracts SET invoiced_total = invoiced_total + ${BigInt(total)}
    WHERE contract_id = ${contractId}::uuid AND invoiced_total + ${BigInt(total)} <= amount`;
  return updated === 1;
}

/** Gives back what a rejected invoice had reserved. */
export async function releaseContractAmount(
  tx: Tx,
  contractId: string,
  total: number,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE approved_contracts SET invoiced_total = invoiced_total - ${BigInt(total)}
    WHERE contract_id = ${contractId}::uuid`;
}
