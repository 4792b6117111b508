import {
  pageWindow,
  TaxRateSchema,
  type Contract,
  type ContractCreateRequest,
  type ContractListQuery,
  type ContractStatus,
} from '@denpyo/schemas';
import { requiredApprovals } from '../domain/approval-route';
import { remainingAmount } from '../domain/contract';
import type { Prisma } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import type { Db, Tx } from './prisma';

const withApprovals = { approvals: { orderBy: { step: 'asc' } } } satisfies Prisma.ContractInclude;
type ContractRow = Prisma.ContractGetPayload<{ include: typeof withApprovals }>;

export interface NewContract extends ContractCreateRequest {
  id: string;
  documentNumber: string;
  createdBy: string;
  createdAt: Date;
}

export async function insertContract(tx: Tx, contract: NewContract): Promise<Contract> {
  const row = await tx.contract.create({
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

export async function findContract(db: Db | Tx, id: string): Promise<Contract | undefined> {
  const row = await db.contract.findUnique({ where: { id }, include: withApprovals });
  return row ? toContract(row) : undefined;
}

/**
 * One page of a search by status, vendor, start date, amount range and text (title or document
 * number contains it), in the requested order (document number breaks ties), and the count of
 * every match.
 */
export async function listContracts(db: Db, query: ContractListQuery): Promise<ListPage<Contract>> {
  const { dates, amounts } = searchRanges(query);
  const where: Prisma.ContractWhereInput = {
    status: query.status,
    vendorId: query.vendorId,
    startDate: dates,
    amount: amounts,
    ...(query.q
      ? {
          OR: [
            { title: { contains: query.q, mode: 'insensitive' } },
            { documentNumber: { contains: query.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.contract.findMany({
      where,
      include: withApprovals,
      orderBy: [{ [query.sort]: query.order }, { documentNumber: query.order }],
      ...pageWindow(query),
    }),
    db.contract.count({ where }),
  ]);
  return { items: rows.map(toContract), total };
}

export async function contractExists(db: Db, id: string): Promise<boolean> {
  return (await db.contract.count({ where: { id } })) > 0;
}

export interface StatusChange {
  status: ContractStatus;
  at: Date;
  submittedBy?: string;
  rejectedBy?: string;
  rejectionReason?: string;
}

export async function changeStatus(tx: Tx, id: string, change: StatusChange): Promise<Contract> {
  const { at, ...fields } = change;
  const row = await tx.contract.update({
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
  tx: Tx,
  contractId: string,
  approval: NewApproval,
): Promise<void> {
  await tx.contractApproval.create({
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
  tx: Tx,
  id: string,
  delta: number,
  at: Date,
): Promise<ProjectionUpdate> {
  const row = await tx.contract.update({
    where: { id },
    data: { invoicedAmount: { increment: BigInt(delta) }, updatedAt: at },
    select: projectionFields,
  });
  return toProjectionUpdate(row);
}

export async function addPaidAmount(
  tx: Tx,
  id: string,
  amount: number,
  at: Date,
): Promise<ProjectionUpdate> {
  const row = await tx.contract.update({
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
