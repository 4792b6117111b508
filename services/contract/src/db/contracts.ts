import {
  pageWindow,
  SignatureSchema,
  TaxRateSchema,
  type BudgetAtCommitment,
  type Commitment,
  type Contract,
  type ContractKind,
  type ContractListQuery,
  type ContractMethod,
  type ContractStatus,
  type Rank,
  type Schedule,
  type Signature,
} from '@denpyo/schemas';
import { remainingAmount } from '../domain/contract';
import type { Prisma, ContractMethod as MethodRow } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import { amendmentInclude, toAmendment } from './amendments';
import { approvalData, toApproval, type NewApproval } from './approvals';
import type { Db, Tx } from './prisma';

const withDetails = {
  approvals: { orderBy: { step: 'asc' } },
  commitments: { orderBy: { fiscalYear: 'asc' } },
  amendments: { orderBy: { requestedAt: 'asc' }, include: amendmentInclude },
} satisfies Prisma.ContractInclude;
type ContractRow = Prisma.ContractGetPayload<{ include: typeof withDetails }>;

/** The terms a draft is made of (created, or edited while a draft). */
export interface ContractTerms {
  vendorId: string;
  title: string;
  budgetCode: string;
  fiscalYear: number;
  amount: number;
  taxRate: number;
  startDate: string;
  endDate: string;
  kind: ContractKind;
  method?: ContractMethod;
  /** Its amount per fiscal year: one entry for a single year's contract. */
  schedule: Schedule;
  /** The route the draft's amount and kind would take (fixed again at submission). */
  route: Rank[];
}

export interface NewContract extends ContractTerms {
  id: string;
  documentNumber: string;
  createdBy: string;
  createdBySignature: Signature;
  createdAt: Date;
}

const METHOD_TO_ROW: Record<ContractMethod, MethodRow> = {
  'open-tender': 'open_tender',
  'designated-tender': 'designated_tender',
  negotiated: 'negotiated',
};
const METHOD_FROM_ROW: Record<MethodRow, ContractMethod> = {
  open_tender: 'open-tender',
  designated_tender: 'designated-tender',
  negotiated: 'negotiated',
};

function termsData(terms: ContractTerms) {
  return {
    vendorId: terms.vendorId,
    title: terms.title,
    fiscalYear: terms.fiscalYear,
    budgetCode: terms.budgetCode,
    amount: BigInt(terms.amount),
    taxRate: terms.taxRate,
    startDate: isoDateToUtc(terms.startDate),
    endDate: isoDateToUtc(terms.endDate),
    kind: terms.kind,
    method: terms.method ? METHOD_TO_ROW[terms.method] : null,
    route: terms.route,
  };
}

export async function insertContract(tx: Tx, contract: NewContract): Promise<Contract> {
  await tx.contract.create({
    data: {
      id: contract.id,
      documentNumber: contract.documentNumber,
      ...termsData(contract),
      status: 'draft',
      createdBy: contract.createdBy,
      createdBySignature: contract.createdBySignature,
      createdAt: contract.createdAt,
      updatedAt: contract.createdAt,
    },
  });
  return planSchedule(tx, contract.id, contract.schedule);
}

/** Replaces a draft's terms and its planned schedule. */
export async function updateDraftTerms(
  tx: Tx,
  id: string,
  terms: ContractTerms,
  at: Date,
): Promise<Contract> {
  await tx.contract.update({ where: { id }, data: { ...termsData(terms), updatedAt: at } });
  return planSchedule(tx, id, terms.schedule);
}

/**
 * Until approval a contract's commitments are its plan: each year's amount, nothing encumbered
 * (approval encumbers them).
 */
async function planSchedule(tx: Tx, contractId: string, schedule: Schedule): Promise<Contract> {
  await tx.contractCommitment.deleteMany({ where: { contractId } });
  await tx.contractCommitment.createMany({
    data: schedule.map((entry) => ({
      contractId,
      fiscalYear: entry.fiscalYear,
      amount: BigInt(entry.amount),
      encumbered: 0n,
    })),
  });
  const contract = await findContract(tx, contractId);
  if (!contract) throw new Error(`Contract ${contractId} vanished in its own transaction`);
  return contract;
}

export async function findContract(db: Db | Tx, id: string): Promise<Contract | undefined> {
  const row = await db.contract.findUnique({ where: { id }, include: withDetails });
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
      include: withDetails,
      orderBy: [{ [query.sort]: query.order }, { documentNumber: query.order }],
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
    }),
    db.contract.count({ where }),
  ]);
  return { items: rows.map((row) => toContract(row)), total };
}

export async function contractExists(db: Db, id: string): Promise<boolean> {
  return (await db.contract.count({ where: { id } })) > 0;
}

export interface StatusChange {
  status: ContractStatus;
  at: Date;
  submittedBy?: string;
  route?: Rank[];
  rejectedBy?: string;
  rejectionReason?: string;
  concludedOn?: string;
  releasedAmount?: number;
  closingReason?: string;
}

export async function changeStatus(tx: Tx, id: string, change: StatusChange): Promise<Contract> {
  const { at, concludedOn, releasedAmount, ...fields } = change;
  const row = await tx.contract.update({
    where: { id },
    data: {
      ...fields,
      ...(concludedOn !== undefined ? { concludedOn: isoDateToUtc(concludedOn) } : {}),
      ...(releasedAmount !== undefined
        ? { releasedAmount: BigInt(releasedAmount), closedAt: at }
        : {}),
      updatedAt: at,
    },
    include: withDetails,
  });
  return toContract(row);
}

/** An approved amendment's new amount and end date. */
export async function amendTerms(
  tx: Tx,
  id: string,
  terms: { amount: number; endDate: string },
  at: Date,
): Promise<void> {
  await tx.contract.update({
    where: { id },
    data: { amount: BigInt(terms.amount), endDate: isoDateToUtc(terms.endDate), updatedAt: at },
  });
}

/**
 * Records the budget line's figures as this contract's commitment found them: read after the
 * commitment's UPDATE of the line, whose row lock this transaction holds until it commits, so no
 * concurrent commitment falls between the figures.
 */
export async function recordBudgetAtCommitment(
  tx: Tx,
  id: string,
  figures: BudgetAtCommitment,
): Promise<void> {
  await tx.contract.update({
    where: { id },
    data: {
      budgetCurrentAmount: BigInt(figures.currentAmount),
      budgetCommittedBefore: BigInt(figures.committedBefore),
      budgetThisCommitment: BigInt(figures.thisCommitment),
    },
  });
}

export async function addApproval(
  tx: Tx,
  contractId: string,
  approval: NewApproval,
): Promise<void> {
  await tx.contractApproval.create({
    data: { contractId, ...approvalData(approval) },
  });
}

/** The commitment rows of a contract after a change (see planCommitments). */
export async function saveCommitments(
  tx: Tx,
  contractId: string,
  commitments: readonly Commitment[],
): Promise<void> {
  for (const { fiscalYear, amount, encumbered } of commitments) {
    await tx.contractCommitment.upsert({
      where: { contractId_fiscalYear: { contractId, fiscalYear } },
      create: { contractId, fiscalYear, amount: BigInt(amount), encumbered: BigInt(encumbered) },
      update: { amount: BigInt(amount), encumbered: BigInt(encumbered) },
    });
  }
}

/** A commitment whose year has begun but whose budget line has not taken it (yet). */
export interface PendingCommitment {
  contractId: string;
  fiscalYear: number;
  budgetCode: string;
  pending: number;
}

/** Which pending commitments to find: of one year, of some budget codes, of some contracts. */
export interface PendingFilter {
  today: string;
  fiscalYear?: number;
  budgetCodes?: readonly string[];
  contractIds?: readonly string[];
}

/**
 * Commitments of approved or completed contracts in years that have begun by `today` whose
 * amount is not (wholly) encumbered yet. Not locked: whoever applies them locks their contracts
 * first (every writer of commitments holds its contract's lock) and then reads them again.
 */
export async function findPendingCommitments(
  tx: Tx,
  filter: PendingFilter,
): Promise<PendingCommitment[]> {
  const codes = filter.budgetCodes ? [...filter.budgetCodes] : null;
  const ids = filter.contractIds ? [...filter.contractIds] : null;
  const rows = await tx.$queryRaw<
    { contract_id: string; fiscal_year: number; budget_code: string; pending: bigint }[]
  >`
    SELECT cc.contract_id, cc.fiscal_year, c.budget_code, cc.amount - cc.encumbered AS pending
    FROM contract_commitments cc JOIN contracts c ON c.id = cc.contract_id
    WHERE cc.amount > cc.encumbered
      AND c.status IN ('approved', 'completed')
      AND make_date(cc.fiscal_year, 4, 1) <= ${isoDateToUtc(filter.today)}::date
      AND (${filter.fiscalYear ?? null}::int IS NULL OR cc.fiscal_year = ${filter.fiscalYear ?? null}::int)
      AND (${codes}::text[] IS NULL OR c.budget_code = ANY(${codes}::text[]))
      AND (${ids}::uuid[] IS NULL OR cc.contract_id = ANY(${ids}::uuid[]))
    ORDER BY cc.contract_id, cc.fiscal_year`;
  return rows.map((row) => ({
    contractId: row.contract_id,
    fiscalYear: row.fiscal_year,
    budgetCode: row.budget_code,
    pending: yenFromBigInt(row.pending),
  }));
}

export async function addEncumbered(
  tx: Tx,
  contractId: string,
  fiscalYear: number,
  amount: number,
): Promise<void> {
  await tx.contractCommitment.update({
    where: { contractId_fiscalYear: { contractId, fiscalYear } },
    data: { encumbered: { increment: BigInt(amount) } },
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

/** The wire form: a multi-year contract's schedule is its commitments' amounts. */
function toContract(row: ContractRow): Contract {
  const amount = yenFromBigInt(row.amount);
  const invoicedAmount = yenFromBigInt(row.invoicedAmount);
  const commitments = row.commitments.map((commitment) => ({
    fiscalYear: commitment.fiscalYear,
    amount: yenFromBigInt(commitment.amount),
    encumbered: yenFromBigInt(commitment.encumbered),
  }));
  const schedule = commitments.map(({ fiscalYear, amount: yearAmount }) => ({
    fiscalYear,
    amount: yearAmount,
  }));
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
    kind: row.kind,
    ...(row.method !== null ? { method: METHOD_FROM_ROW[row.method] } : {}),
    ...(schedule.length > 1 ? { schedule } : {}),
    status: row.status,
    createdBy: row.createdBy,
    ...(row.createdBySignature !== null
      ? { createdBySignature: SignatureSchema.parse(row.createdBySignature) }
      : {}),
    ...(row.submittedBy !== null ? { submittedBy: row.submittedBy } : {}),
    ...(row.rejectionReason !== null ? { rejectionReason: row.rejectionReason } : {}),
    invoicedAmount,
    paidAmount: yenFromBigInt(row.paidAmount),
    remainingAmount: remainingAmount(amount, invoicedAmount),
    route: row.route,
    approvals: row.approvals.map(toApproval),
    requiredApprovals: row.route.length,
    ...(row.concludedOn !== null ? { concludedOn: utcToIsoDate(row.concludedOn) } : {}),
    ...(row.budgetCurrentAmount !== null &&
    row.budgetCommittedBefore !== null &&
    row.budgetThisCommitment !== null
      ? {
          budgetAtCommitment: {
            currentAmount: yenFromBigInt(row.budgetCurrentAmount),
            committedBefore: yenFromBigInt(row.budgetCommittedBefore),
            thisCommitment: yenFromBigInt(row.budgetThisCommitment),
          },
        }
      : {}),
    commitments,
    amendments: row.amendments.map(toAmendment),
    ...(row.releasedAmount !== null ? { releasedAmount: yenFromBigInt(row.releasedAmount) } : {}),
    ...(row.closingReason !== null ? { closingReason: row.closingReason } : {}),
    ...(row.closedAt !== null ? { closedAt: row.closedAt.toISOString() } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
