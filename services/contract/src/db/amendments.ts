import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import {
  ScheduleSchema,
  SignatureSchema,
  type Amendment,
  type Rank,
  type Schedule,
  type Signature,
} from '@denpyo/schemas';
import type { Prisma } from '../generated/prisma/client';
import { approvalData, toApproval, type NewApproval } from './approvals';
import type { Db, Tx } from './prisma';

export const amendmentInclude = {
  approvals: { orderBy: { step: 'asc' } },
} satisfies Prisma.ContractAmendmentInclude;
type AmendmentRow = Prisma.ContractAmendmentGetPayload<{ include: typeof amendmentInclude }>;

export interface NewAmendment {
  id: string;
  contractId: string;
  amount: number;
  previousAmount: number;
  endDate: string;
  previousEndDate: string;
  /** The restated schedule of a multi-year contract. */
  schedule?: Schedule;
  reason: string;
  route: Rank[];
  requestedBy: Signature;
  requestedAt: Date;
}

export async function insertAmendment(tx: Tx, amendment: NewAmendment): Promise<Amendment> {
  const row = await tx.contractAmendment.create({
    data: {
      id: amendment.id,
      contractId: amendment.contractId,
      status: 'submitted',
      amount: BigInt(amendment.amount),
      previousAmount: BigInt(amendment.previousAmount),
      endDate: isoDateToUtc(amendment.endDate),
      previousEndDate: isoDateToUtc(amendment.previousEndDate),
      ...(amendment.schedule ? { schedule: amendment.schedule } : {}),
      reason: amendment.reason,
      route: amendment.route,
      requestedBy: amendment.requestedBy.username,
      requestedBySignature: amendment.requestedBy,
      requestedAt: amendment.requestedAt,
    },
    include: amendmentInclude,
  });
  return toAmendment(row);
}

export async function findAmendment(
  db: Db | Tx,
  contractId: string,
  id: string,
): Promise<Amendment | undefined> {
  const row = await db.contractAmendment.findFirst({
    where: { id, contractId },
    include: amendmentInclude,
  });
  return row ? toAmendment(row) : undefined;
}

export async function addAmendmentApproval(
  tx: Tx,
  amendmentId: string,
  approval: NewApproval,
): Promise<void> {
  await tx.amendmentApproval.create({ data: { amendmentId, ...approvalData(approval) } });
}

export async function decideAmendment(
  tx: Tx,
  id: string,
  decision:
    | { status: 'approved'; at: Date }
    | { status: 'rejected'; at: Date; rejectedBy: string; rejectionReason: string },
): Promise<Amendment> {
  const { at, ...fields } = decision;
  const row = await tx.contractAmendment.update({
    where: { id },
    data: { ...fields, decidedAt: at },
    include: amendmentInclude,
  });
  return toAmendment(row);
}

export function toAmendment(row: AmendmentRow): Amendment {
  return {
    id: row.id,
    contractId: row.contractId,
    status: row.status,
    amount: yenFromBigInt(row.amount),
    previousAmount: yenFromBigInt(row.previousAmount),
    endDate: utcToIsoDate(row.endDate),
    previousEndDate: utcToIsoDate(row.previousEndDate),
    ...(row.schedule !== null ? { schedule: ScheduleSchema.parse(row.schedule) } : {}),
    reason: row.reason,
    route: row.route,
    approvals: row.approvals.map(toApproval),
    requestedBy: SignatureSchema.parse(row.requestedBySignature),
    requestedAt: row.requestedAt.toISOString(),
    ...(row.decidedAt !== null ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.rejectionReason !== null ? { rejectionReason: row.rejectionReason } : {}),
  };
}
