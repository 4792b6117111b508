import {
  type ContractAmended,
  type ContractApproved,
  type ContractClosed,
  type ContractKind,
  type FiscalYearClosed,
  BankAccountSchema,
  type BankAccount,
  type VendorBankAccountChanged,
  type VendorKind,
  type VendorRegistered,
  UuidSchema,
} from '@denpyo/schemas';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import type { EncumberedContract } from '../domain/encumbrance';
import type { ContractYear, ScheduledYear } from '../domain/fiscal-year';
import type { ContractTerms, VendorTerms } from '../domain/receipt';
import type { Db, Tx } from './prisma';

export interface ContractProjection extends ContractTerms, EncumberedContract {
  contractId: string;
  documentNumber: string;
  title: string;
  taxRate: number;
  budgetCode: string;
  /** The budget line as vouchers print it, when the contract service sent it. */
  budgetName?: string;
  /** 契約締結日, when the contract service sent it. */
  concludedOn?: string;
}

export interface VendorProjection extends VendorTerms {
  vendorId: string;
  name: string;
  /** Unknown (null) for a vendor projected before e-invoices, or an individual. */
  corporateNumber: string | null;
  /** The registered account; unknown (null) for a vendor projected before e-invoices. */
  bankAccount: BankAccount | null;
}

/**
 * Insert-only: a contract is approved once, so a redelivered event changes nothing. Its years:
 * a multi-year contract's schedule, or its own fiscal year for the whole amount.
 */
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
      budgetName: event.budgetName ?? null,
      approvedAt: new Date(event.approvedAt),
      // Absent in v1 events: a services contract.
      kind: event.kind ?? 'services',
      concludedOn: event.concludedOn ? isoDateToUtc(event.concludedOn) : null,
    },
    skipDuplicates: true,
  });
  const years = event.schedule ?? [{ fiscalYear: event.fiscalYear, amount: event.amount }];
  await tx.contractYear.createMany({
    data: years.map((year) => ({
      contractId: event.contractId,
      fiscalYear: year.fiscalYear,
      amount: BigInt(year.amount),
    })),
    skipDuplicates: true,
  });
}

/**
 * A change contract (変更契約): its amount replaces the old one for the remaining amount, and its
 * restated schedule the years' amounts (a year left out keeps what is invoiced in it, with amount
 * 0). Without a schedule the years stand, but for a single-year contract, whose one year is its
 * whole amount.
 */
export async function amendContract(tx: Tx, event: ContractAmended): Promise<void> {
  const { contractId } = event;
  await tx.approvedContract.updateMany({
    where: { contractId },
    data: { amount: BigInt(event.amount) },
  });
  if (event.schedule) {
    await restateYears(tx, contractId, event.schedule);
    return;
  }
  await tx.$executeRaw`
    UPDATE contract_years SET amount = ${BigInt(event.amount)}
    WHERE contract_id = ${contractId}::uuid
      AND (SELECT count(*) FROM contract_years WHERE contract_id = ${contractId}::uuid) = 1`;
}

async function restateYears(
  tx: Tx,
  contractId: string,
  schedule: readonly ScheduledYear[],
): Promise<void> {
  await tx.contractYear.updateMany({
    where: { contractId, fiscalYear: { notIn: schedule.map((year) => year.fiscalYear) } },
    data: { amount: 0n },
  });
  for (const { fiscalYear, amount } of schedule) {
    await tx.contractYear.upsert({
      where: { contractId_fiscalYear: { contractId, fiscalYear } },
      create: { contractId, fiscalYear, amount: BigInt(amount) },
      update: { amount: BigInt(amount) },
    });
  }
}

/**
 * Completed or cancelled: the contract takes no new invoices, and what the closure released of
 * its encumbrance can no longer be ordered.
 */
export async function closeContract(tx: Tx, event: ContractClosed, at: Date): Promise<void> {
  await tx.approvedContract.updateMany({
    where: { contractId: event.contractId },
    data: {
      closedOutcome: event.outcome,
      closedAt: at,
      releasedAmount: BigInt(event.releasedAmount),
    },
  });
}

export async function projectVendor(tx: Tx, event: VendorRegistered): Promise<void> {
  const fields = {
    name: event.name,
    invoiceRegistrationNumber: event.invoiceRegistrationNumber ?? null,
    // Absent in v1 events: a corporation.
    kind: event.kind ?? 'corporation',
    corporateNumber: event.corporateNumber ?? null,
    bankAccount: event.bankAccount,
  };
  await tx.vendor.upsert({
    where: { vendorId: event.vendorId },
    create: { vendorId: event.vendorId, ...fields },
    update: fields,
  });
}

/** The vendor's account once a change is approved (the one the city pays from then on). */
export async function projectVendorBankAccount(
  tx: Tx,
  event: VendorBankAccountChanged,
): Promise<void> {
  await tx.vendor.updateMany({
    where: { vendorId: event.vendorId },
    data: { bankAccount: event.bankAccount },
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
  const row = await db.approvedContract.findUnique({
    where: { contractId },
    include: { years: { orderBy: { fiscalYear: 'asc' } } },
  });
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
    ...(row.budgetName !== null ? { budgetName: row.budgetName } : {}),
    kind: row.kind as ContractKind,
    ...(row.concludedOn ? { concludedOn: utcToIsoDate(row.concludedOn) } : {}),
    ...(row.years.length > 1 ? { schedule: row.years.map(toContractYear) } : {}),
    ...(row.closedOutcome ? { closedOutcome: row.closedOutcome as 'completed' | 'cancelled' } : {}),
    releasedAmount: yenFromBigInt(row.releasedAmount),
  };
}

/**
 * The contract an e-invoice names (cbc:BuyerReference or cac:OrderReference): by its id, or by
 * its document number.
 */
export async function findContractByReference(
  db: Db | Tx,
  reference: string,
): Promise<ContractProjection | undefined> {
  if (UuidSchema.safeParse(reference).success) return findContract(db, reference);
  const row = await db.approvedContract.findFirst({
    where: { documentNumber: reference },
    select: { contractId: true },
  });
  return row ? findContract(db, row.contractId) : undefined;
}

/** One fiscal year of a contract (a single-year contract has one too). */
export async function findContractYear(
  db: Db | Tx,
  contractId: string,
  fiscalYear: number,
): Promise<ContractYear | undefined> {
  const row = await db.contractYear.findUnique({
    where: { contractId_fiscalYear: { contractId, fiscalYear } },
  });
  return row ? toContractYear(row) : undefined;
}

function toContractYear(row: {
  fiscalYear: number;
  amount: bigint;
  invoicedTotal: bigint;
}): ContractYear {
  return {
    fiscalYear: row.fiscalYear,
    amount: yenFromBigInt(row.amount),
    invoicedTotal: yenFromBigInt(row.invoicedTotal),
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
    corporateNumber: row.corporateNumber,
    bankAccount: row.bankAccount === null ? null : BankAccountSchema.parse(row.bankAccount),
  };
}

/** Which of an invoice's two reservations the database granted (both, or it rolls back). */
export interface Reservation {
  contract: boolean;
  year: boolean;
}

/**
 * Adds `total` to the contract's invoiced total only if it stays within the contract amount and
 * the contract is still open, and to the invoiced total of the fiscal year that bears it only if
 * it stays within that year's amount (so a multi-year contract's invoices never take a year beyond
 * its schedule). Two conditional UPDATEs in one statement, the year's only once the contract's
 * was granted: concurrent invoices queue on the row locks and each sees the totals the previous
 * one committed, so together they can never exceed the contract or a year of it.
 */
export async function reserveAmounts(
  tx: Tx,
  contractId: string,
  fiscalYear: number,
  total: number,
): Promise<Reservation> {
  const amount = BigInt(total);
  const [granted] = await tx.$queryRaw<Reservation[]>`
    WITH contract AS (
      UPDATE approved_contracts SET invoiced_total = invoiced_total + ${amount}
      WHERE contract_id = ${contractId}::uuid AND closed_outcome IS NULL
        AND invoiced_total + ${amount} <= amount
      RETURNING contract_id
    ), year AS (
      UPDATE contract_years SET invoiced_total = invoiced_total + ${amount}
      WHERE contract_id = (SELECT contract_id FROM contract) AND fiscal_year = ${fiscalYear}
        AND invoiced_total + ${amount} <= amount
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM contract) AS contract, EXISTS (SELECT 1 FROM year) AS year`;
  return granted ?? { contract: false, year: false };
}

/**
 * Gives back what an invoice had reserved (all of it when rejected, a credit note's total when
 * credited), on the contract and in its fiscal year: the reserve's conditional updates in reverse.
 * A reservation smaller than what is released would mean money counted twice: it throws, so the
 * transaction rolls back.
 */
export async function releaseContractAmount(
  tx: Tx,
  invoice: { contractId: string; fiscalYear: number; total: number },
): Promise<void> {
  const total = BigInt(invoice.total);
  const contract = await tx.$executeRaw`
    UPDATE approved_contracts SET invoiced_total = invoiced_total - ${total}
    WHERE contract_id = ${invoice.contractId}::uuid AND invoiced_total >= ${total}`;
  const year = await tx.$executeRaw`
    UPDATE contract_years SET invoiced_total = invoiced_total - ${total}
    WHERE contract_id = ${invoice.contractId}::uuid AND fiscal_year = ${invoice.fiscalYear}
      AND invoiced_total >= ${total}`;
  if (contract !== 1 || year !== 1) {
    throw new Error(
      `Contract ${invoice.contractId} (fiscal year ${invoice.fiscalYear}) has less than ${invoice.total} reserved`,
    );
  }
}
