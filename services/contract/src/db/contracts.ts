import {
  TaxRateSchema,
  type Contract,
  type ContractCreateRequest,
  type ContractListQuery,
  type ContractStatus,
} from '@denpyo/schemas';
import { requiredApprovals } from '../domain/approval-route';
import { contractDocumentNumber, remainingAmount } from '../domain/contract';
import type { Prisma } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import type { Db } from './prisma';

const withApprovals = { approvals: { orderBy: { step: 'asc' } } } satisfies Prisma.ContractInclude;
type ContractRow = Prisma.ContractGetPayload<{ include: typeof withApprovals }>;

/**
 * The next document number of a fiscal year. The counter row is updated in the caller's
 * transaction, so a rolled-back creation gives its number back and numbers stay gap-free.
 */
export async function nextDocumentNumber(db: Db, fiscalYear: number): Promise<string> {
  const [counter] = await db.$queryRaw<{ last_number: number }[]>`
    INSERT INTO document_counters (fiscal_year, last_number) VALUES (${fiscalYear}, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET last_number = document_counters.last_number + 1
    RETURNING last_number`;
  if (!counter) throw new Error(`No document counter for fiscal year ${fiscalYear}`);
  return contractDocumentNumber(fiscalYear, counter.last_number);
}

export interface NewContract extends ContractCreateRequest {
  id: string;
  documentNumber: string;
  createdBy: string;
  createdAt: Date;
}

export async function insertContract(db: Db, contract: NewContract): Promise<Contract> {
  const row = await db.contract.create({
    data: {
      id: contract.id,
      documentNumber: contract.documentNumber,
      vendorId: contract.vendorId,
      title: contract.title,
      fiscalYear: contract.fiscalYear,
      budgetCode: contract.budgetCode,
      amount: BigInt(contract.amount),
      taxRate: contract.taxRate,
      startDate: isoDateToUtc(contract.startDate),
      endDate: isoDateToUtc(contract.endDate),
      status: 'draft',
      createdBy: contract.createdBy,
      createdAt: contract.createdAt,
      updatedAt: contract.createdAt,
    },
    include: withApprovals,
  });
  return toContract(row);
}

export async function findContract(db: Db, id: string): Promise<Contract | undefined> {
  const row = await db.contract.findUnique({ where: { id }, include: withApprovals });
  return row ? toContract(row) : undefined;
}

/**
 * Reads a contract and locks its row until the transaction ends, so concurrent transitions of
 * one contract (two approvers at once, approve racing reject) run one after the other.
 */
export async function findContractForUpdate(
  tx: Prisma.TransactionClient,
  id: string,
): Promise<Contract | undefined> {
  const locked = await tx.$queryRaw<
    unknown[]
  >`SELECT 1 FROM contracts WHERE id = ${id}::uuid FOR UPDATE`;
  return locked.length > 0 ? findContract(tx, id) : undefined;
}

export async function listContracts(db: Db, query: ContractListQuery): Promise<Contract[]> {
  const rows = await db.contract.findMany({
    where: {
      status: query.status,
      vendorId: query.vendorId,
      startDate: {
        gte: query.from === undefined ? undefined : isoDateToUtc(query.from),
        lte: query.to === undefined ? undefined : isoDateToUtc(query.to),
      },
      amount: {
        gte: query.minAmount === undefined ? undefined : BigInt(query.minAmount),
        lte: query.maxAmount === undefined ? undefined : BigInt(query.maxAmount),
      },
    },
    include: withApprovals,
    orderBy: { documentNumber: 'asc' },
  });
  return rows.map(toContract);
}

export interface StatusChange {
  status: ContractStatus;
  at: Date;
  submittedBy?: string;
  rejectedBy?: string;
  rejectionReason?: string;
}

export async function changeStatus(db: Db, id: string, change: StatusChange): Promise<Contract> {
  const { at, ...fields } = change;
  const row = await db.contract.update({
    where: { id },
    data: { ...fields, updatedAt: at },
    include: withApprovals,
  });
  return toContract(row);
}

export interface NewApproval {
  step: number;
  approver: string;
  comment?: string;
  at: Date;
}

export async function addApproval(
  db: Db,
  contractId: string,
  approval: NewApproval,
): Promise<void> {
  await db.contractApproval.create({
    data: { contractId, ...approval, comment: approval.comment ?? null },
  });
}

export interface ProjectionUpdate {
  vendorId: string;
  invoicedAmount: number;
  paidAmount: number;
  budget: { fiscalYear: number; code: string };
}

const projectionFields = {
  vendorId: true,
  invoicedAmount: true,
  paidAmount: true,
  fiscalYear: true,
  budgetCode: true,
} satisfies Prisma.ContractSelect;

/** Moves the invoiced total by `delta` (negative when an invoice is rejected). */
export async function addInvoicedAmount(
  db: Db,
  id: string,
  delta: number,
  at: Date,
): Promise<ProjectionUpdate> {
  const row = await db.contract.update({
    where: { id },
    data: { invoicedAmount: { increment: BigInt(delta) }, updatedAt: at },
    select: projectionFields,
  });
  return toProjectionUpdate(row);
}

export async function addPaidAmount(
  db: Db,
  id: string,
  amount: number,
  at: Date,
): Promise<ProjectionUpdate> {
  const row = await db.contract.update({
    where: { id },
    data: { paidAmount: { increment: BigInt(amount) }, updatedAt: at },
    select: projectionFields,
  });
  return toProjectionUpdate(row);
}

function toProjectionUpdate(
  row: Prisma.ContractGetPayload<{ select: typeof projectionFields }>,
): ProjectionUpdate {
  return {
    vendorId: row.vendorId,
    invoicedAmount: yenFromBigInt(row.invoicedAmount),
    paidAmount: yenFromBigInt(row.paidAmount),
    budget: { fiscalYear: row.fiscalYear, code: row.budgetCode },
  };
}

function toContract(row: ContractRow): Contract {
  const amount = yenFromBigInt(row.amount);
  const invoicedAmount = yenFromBigInt(row.invoicedAmount);
  return {
    id: row.id,
    documentNumber: row.documentNumber,
    vendorId: row.vendorId,
    title: row.title,
    budgetCode: row.budgetCode,
    fiscalYear: row.fiscalYear,
    amount,
    taxRate: TaxRateSchema.parse(row.taxRate),
    startDate: utcToIsoDate(row.startDate),
    endDate: utcToIsoDate(row.endDate),
    status: row.status,
    createdBy: row.createdBy,
    ...(row.submittedBy !== null ? { submittedBy: row.submittedBy } : {}),
    ...(row.rejectionReason !== null ? { rejectionReason: row.rejectionReason } : {}),
    invoicedAmount,
    paidAmount: yenFromBigInt(row.paidAmount),
    remainingAmount: remainingAmount(amount, invoicedAmount),
    approvals: row.approvals.map((approval) => ({
      approver: approval.approver,
      at: approval.at.toISOString(),
      ...(approval.comment !== null ? { comment: approval.comment } : {}),
      step: approval.step,
    })),
    requiredApprovals: requiredApprovals(amount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
