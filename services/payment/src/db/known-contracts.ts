import type {
  ContractAmended,
  ContractApproved,
  ContractClosed,
  DomainEvent,
} from '@denpyo/schemas';
import type { KnownContract, OrderedSoFar } from '../domain/order-consistency';
import type { Tx } from './prisma';

type Schedule = { fiscalYear: number; amount: number }[];

/** The advisory-lock namespace of contracts (支出負担行為, 地方自治法 Art. 232-3). */
const CONTRACT_LOCK = 232;

/**
 * Holds the contract's lock until commit: the orders of one contract (keyed by invoice, so on
 * any partition), its events and the end of its orders' wait are decided one at a time. Taken
 * first, before any row of the contract or of its parked orders, so the three cannot deadlock
 * (a contract not yet known has no row to lock).
 */
export async function lockContract(tx: Tx, contractId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CONTRACT_LOCK}::int, hashtext(${contractId}))::text`;
}

/**
 * The contract as this service has seen it. Hold lockContract: every write of known_contracts
 * holds it too, so no row lock is needed.
 */
export async function findKnownContract(
  tx: Tx,
  contractId: string,
): Promise<KnownContract | undefined> {
  const rows = await tx.$queryRaw<
    {
      vendor_id: string;
      amount: bigint | null;
      schedule: Schedule | null;
      released_amount: bigint;
      closed_outcome: 'completed' | 'cancelled' | null;
    }[]
  >`SELECT vendor_id::text, amount, schedule, released_amount, closed_outcome
    FROM known_contracts WHERE id = ${contractId}::uuid`;
  const row = rows[0];
  if (!row) return undefined;
  return {
    vendorId: row.vendor_id,
    amount: row.amount === null ? null : Number(row.amount),
    releasedAmount: Number(row.released_amount),
    ...(row.schedule ? { schedule: row.schedule } : {}),
    ...(row.closed_outcome ? { closedOutcome: row.closed_outcome } : {}),
  };
}

/** What the contract's other invoice payments add up to, in all and in the order's year. */
export async function orderedSoFar(
  tx: Tx,
  contractId: string,
  exceptInvoiceId: string,
  fiscalYear: number,
): Promise<OrderedSoFar> {
  const [row] = await tx.$queryRaw<{ total: bigint; of_year: bigint }[]>`
    SELECT coalesce(sum(amount), 0)::bigint AS total,
           coalesce(sum(amount) FILTER (WHERE fiscal_year = ${fiscalYear}::int), 0)::bigint AS of_year
    FROM payments
    WHERE contract_id = ${contractId}::uuid AND kind = 'invoice'
      AND invoice_id <> ${exceptInvoiceId}::uuid`;
  return { total: Number(row?.total ?? 0), ofYear: Number(row?.of_year ?? 0) };
}

/** ContractApproved: the contract as approved (a redelivered or older copy changes nothing). */
export async function recordApprovedContract(
  tx: Tx,
  contract: ContractApproved,
  at: Date,
): Promise<void> {
  const schedule = contract.schedule ? JSON.stringify(contract.schedule) : null;
  await tx.$executeRaw`
    INSERT INTO known_contracts (id, vendor_id, amount, fiscal_year, schedule, approved_at, updated_at)
    VALUES (${contract.contractId}::uuid, ${contract.vendorId}::uuid, ${contract.amount}::bigint,
            ${contract.fiscalYear}::int, ${schedule}::jsonb, ${new Date(contract.approvedAt)}, ${at})
    ON CONFLICT (id) DO UPDATE SET
      -- A row from the payments before v3 learns its amount; an amendment already seen stays.
      amount = coalesce(known_contracts.amount, EXCLUDED.amount),
      fiscal_year = coalesce(known_contracts.fiscal_year, EXCLUDED.fiscal_year),
      schedule = coalesce(known_contracts.schedule, EXCLUDED.schedule),
      approved_at = coalesce(known_contracts.approved_at, EXCLUDED.approved_at),
      updated_at = EXCLUDED.updated_at
    WHERE known_contracts.vendor_id = EXCLUDED.vendor_id`;
}

/** ContractAmended: the new amount (and restated schedule) replaces the old. */
export async function recordAmendedContract(
  tx: Tx,
  change: ContractAmended,
  at: Date,
): Promise<void> {
  const schedule = change.schedule ? JSON.stringify(change.schedule) : null;
  await tx.$executeRaw`
    UPDATE known_contracts SET amount = ${change.amount}::bigint,
      schedule = coalesce(${schedule}::jsonb, schedule), updated_at = ${at}
    WHERE id = ${change.contractId}::uuid`;
}

/** ContractClosed: what it released no longer backs orders. */
export async function recordClosedContract(
  tx: Tx,
  closed: ContractClosed,
  at: Date,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE known_contracts SET closed_outcome = ${closed.outcome},
      released_amount = ${closed.releasedAmount}::bigint, updated_at = ${at}
    WHERE id = ${closed.contractId}::uuid`;
}

export interface ParkedOrder {
  eventId: string;
  envelope: DomainEvent & { type: 'PaymentOrdered' };
  status: string;
  reason: string;
  parkedAt: Date;
  decidedAt: Date | null;
}

/**
 * Keeps an order back until its contract's events decide it (`waiting`), or records an order
 * refused on arrival (`refused`), whose dead letter the consumer sends at once.
 */
export async function parkOrder(
  tx: Tx,
  event: DomainEvent & { type: 'PaymentOrdered' },
  reason: string,
  at: Date,
  status: 'waiting' | 'refused',
): Promise<void> {
  await tx.parkedPaymentOrder.createMany({
    data: [
      {
        eventId: event.id,
        contractId: event.payload.contractId,
        invoiceId: event.payload.invoiceId,
        envelope: event as object,
        reason,
        status,
        parkedAt: at,
        ...(status === 'refused' ? { decidedAt: at, deadLetteredAt: at } : {}),
      },
    ],
    skipDuplicates: true,
  });
}

export async function findParkedOrder(tx: Tx, eventId: string) {
  return tx.parkedPaymentOrder.findUnique({
    where: { eventId },
    select: { status: true, reason: true },
  });
}

function toParked(row: {
  eventId: string;
  envelope: unknown;
  status: string;
  reason: string;
  parkedAt: Date;
  decidedAt: Date | null;
}): ParkedOrder {
  return {
    eventId: row.eventId,
    envelope: row.envelope as ParkedOrder['envelope'],
    status: row.status,
    reason: row.reason,
    parkedAt: row.parkedAt,
    decidedAt: row.decidedAt,
  };
}

/**
 * The orders of a contract its next event may decide, oldest first (hold lockContract): those
 * still waiting, and those refused only because their wait ended (`waitExpired`).
 */
export async function undecidedOrdersOf(tx: Tx, contractId: string): Promise<ParkedOrder[]> {
  const rows = await tx.parkedPaymentOrder.findMany({
    where: {
      contractId,
      OR: [{ status: 'waiting' }, { status: 'refused', waitExpired: true }],
    },
    orderBy: [{ parkedAt: 'asc' }, { eventId: 'asc' }],
  });
  return rows.map(toParked);
}

/** The contracts of waiting orders parked before `before` (the oldest first, at most `limit`). */
export async function contractsWithExpiredOrders(
  tx: Tx,
  before: Date,
  limit: number,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ contract_id: string }[]>`
    SELECT contract_id::text FROM parked_payment_orders
    WHERE status = 'waiting' AND parked_at < ${before}
    GROUP BY contract_id ORDER BY min(parked_at) LIMIT ${limit}::int`;
  return rows.map((row) => row.contract_id);
}

/** These contracts' waiting orders parked before `before`, oldest first (hold their locks). */
export async function expiredOrdersOf(
  tx: Tx,
  contractIds: readonly string[],
  before: Date,
): Promise<ParkedOrder[]> {
  const rows = await tx.parkedPaymentOrder.findMany({
    where: { contractId: { in: [...contractIds] }, status: 'waiting', parkedAt: { lt: before } },
    orderBy: [{ parkedAt: 'asc' }, { eventId: 'asc' }],
  });
  return rows.map(toParked);
}

/**
 * How a parked order ended: `scheduled`, `already-scheduled` (its invoice had its payment from
 * another order: nothing scheduled) or `refused`. `waitExpired` true: refused only because its
 * wait ended, so a later event of its contract judges it again; false: a final refusal. A
 * scheduled order keeps the flag (it tells it was scheduled after such a refusal).
 */
export async function decideParkedOrder(
  tx: Tx,
  eventId: string,
  status: 'scheduled' | 'already-scheduled' | 'refused',
  reason: string,
  at: Date,
  waitExpired?: boolean,
): Promise<void> {
  await tx.parkedPaymentOrder.update({
    where: { eventId },
    data: { status, reason, decidedAt: at, ...(waitExpired === undefined ? {} : { waitExpired }) },
  });
}

/** Refused orders whose dead letter has not been published yet (oldest first). */
export async function undeadLetteredOrders(tx: Tx, limit: number) {
  const rows = await tx.parkedPaymentOrder.findMany({
    where: { status: 'refused', deadLetteredAt: null },
    orderBy: [{ decidedAt: 'asc' }, { eventId: 'asc' }],
    take: limit,
  });
  return rows.map(toParked);
}

export async function markDeadLettered(tx: Tx, eventIds: string[], at: Date): Promise<void> {
  await tx.parkedPaymentOrder.updateMany({
    where: { eventId: { in: eventIds }, deadLetteredAt: null },
    data: { deadLetteredAt: at },
  });
}
