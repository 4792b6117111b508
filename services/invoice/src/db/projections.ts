import {
  ContractApprovedSchema,
  type ContractAmended,
  type ContractApproved,
  type ContractClosed,
  type ContractKind,
  type FiscalYearClosed,
  type VendorKind,
  type VendorRegistered,
} from '@denpyo/schemas';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import type { ContractTerms, VendorTerms } from '../domain/receipt';
import type { Db, Tx } from './prisma';

export interface ContractProjection extends ContractTerms {
  contractId: string;
  documentNumber: string;
  title: string;
  taxRate: number;
  budgetCode: string;
  /** 契約締結日, when the contract service sent it. */
  concludedOn?: string;
}

export interface VendorProjection extends VendorTerms {
  vendorId: string;
  name: string;
}

// The schedule is stored as the event carried it.
const ScheduleSchema = ContractApprovedSchema.shape.schedule.unwrap();

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
      // Absent in v1 events: a services contract.
      kind: event.kind ?? 'services',
      concludedOn: event.concludedOn ? isoDateToUtc(event.concludedOn) : null,
      ...(event.schedule ? { schedule: event.schedule } : {}),
    },
    skipDuplicates: true,
  });
}

/** A change contract (変更契約): its amount replaces the old one for the remaining amount. */
export async function amendContract(tx: Tx, event: ContractAmended): Promise<void> {
  await tx.approvedContract.updateMany({
    where: { contractId: event.contractId },
    data: { amount: BigInt(event.amount) },
  });
}

/** Completed or cancelled: the contract takes no new invoices. */
export async function closeContract(tx: Tx, event: ContractClosed, at: Date): Promise<void> {
  await tx.approvedContract.updateMany({
    where: { contractId: event.contractId },
    data: { closedOutcome: event.outcome, closedAt: at },
  });
}

export async function projectVendor(tx: Tx, event: VendorRegistered): Promise<void> {
  const fields = {
    name: event.name,
    invoiceRegistrationNumber: event.invoiceRegistrationNumber ?? null,
    // Absent in v1 events: a corporation.
    kind: event.kind ?? 'corporation',
  };
  await tx.vendor.upsert({
    where: { vendorId: event.vendorId },
    create: { vendorId: event.vendorId, ...fields },
    update: fields,
  });
}

/** Insert-only: a fiscal year is closed once. */
export async function projectClosedFiscalYear(tx: Tx, event: FiscalYearClosed): Promise<void> {
  await tx.closedFiscalYear.createMany({
    data: {
      fiscalYear: event.fiscalYear,
      closedBy: event.closedBy,
      closedAt: new Date(event.closedAt),
    },
    skipDuplicates: true,
  });
}

export async function isFiscalYearClosed(db: Db | Tx, fiscalYear: number): Promise<boolean> {
  return (await db.closedFiscalYear.count({ where: { fiscalYear } })) > 0;
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
    kind: row.kind as ContractKind,
    ...(row.concludedOn ? { concludedOn: utcToIsoDate(row.concludedOn) } : {}),
    ...(row.schedule === null ? {} : { schedule: ScheduleSchema.parse(row.schedule) }),
    ...(row.closedOutcome ? { closedOutcome: row.closedOutcome as 'completed' | 'cancelled' } : {}),
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
    kind: row.kind as VendorKind,
  };
}

/**
 * Adds `total` to the contract's invoiced total only if it stays within the contract amount and
 * the contract is still open. One conditional UPDATE: concurrent invoices queue on the row lock
 * and each sees the total the previous one committed, so together they can never exceed the
 * contract. False when refused.
 */
export async function reserveContractAmount(
  tx: Tx,
  contractId: string,
  total: number,
): Promise<boolean> {
  const updated = await tx.$executeRaw`
    UPDATE approved_contracts SET invoiced_total = invoiced_total + ${BigInt(total)}
    WHERE contract_id = ${contractId}::uuid AND closed_outcome IS NULL
      AND invoiced_total + ${BigInt(total)} <= amount`;
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
