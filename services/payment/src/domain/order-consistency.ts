/**
 * Whether a payment order (PaymentOrdered, from the invoice service) agrees with what this
 * service has seen of its contract on the contract service's topic. The invoice service is
 * trusted to order, not to say whom and how much: a forged or corrupted order must name the
 * contract's vendor and stay within the contract's amount, or it is not paid.
 *
 * Events of two topics arrive in no fixed order between them: an order may come before its
 * ContractApproved, or before the ContractAmended that raised the amount it relies on. What
 * may still become true is a `wait` (the order is parked, not refused); only what can never
 * become true is a `refuse`: the vendor of a contract never changes, and a closed contract is
 * never amended again.
 */
export interface KnownContract {
  vendorId: string;
  /** The amount as last amended; null when known only from payments before v3 (not checked). */
  amount: number | null;
  /** A multi-year contract's amount per fiscal year (債務負担行為). */
  schedule?: readonly { fiscalYear: number; amount: number }[] | undefined;
  /** What ContractClosed released of the encumbrance (0 while open). */
  releasedAmount: number;
  closedOutcome?: 'completed' | 'cancelled' | undefined;
}

/** What the order states that the contract can confirm. */
export interface OrderClaim {
  contractId: string;
  vendorId: string;
  amount: number;
  fiscalYear: number;
}

/** The contract's other orders already scheduled here (invoice payments, this one excluded). */
export interface OrderedSoFar {
  total: number;
  /** The same, of the order's fiscal year. */
  ofYear: number;
}

export type OrderVerdict =
  | { verdict: 'accept' }
  | { verdict: 'wait'; reason: string }
  | { verdict: 'refuse'; reason: string };

export function judgePaymentOrder(
  order: OrderClaim,
  contract: KnownContract | undefined,
  sofar: OrderedSoFar,
): OrderVerdict {
  if (!contract) {
    return { verdict: 'wait', reason: `contract ${order.contractId} has not been seen approved` };
  }
  if (contract.vendorId !== order.vendorId) {
    return {
      verdict: 'refuse',
      reason: `vendor ${order.vendorId} is not the vendor ${contract.vendorId} of contract ${order.contractId}`,
    };
  }
  if (contract.amount === null) return { verdict: 'accept' };
  const total = sofar.total + order.amount;
  const left = contract.amount - contract.releasedAmount;
  if (total > left) {
    return contract.closedOutcome
      ? {
          verdict: 'refuse',
          reason: `contract ${order.contractId} was ${contract.closedOutcome} keeping ${left} yen, but its orders would total ${total} yen`,
        }
      : {
          verdict: 'wait',
          reason: `the orders of contract ${order.contractId} would total ${total} yen, above its amount ${contract.amount} yen`,
        };
  }
  const year = contract.schedule?.find((entry) => entry.fiscalYear === order.fiscalYear);
  if (year && sofar.ofYear + order.amount > year.amount) {
    const reason = `the orders of contract ${order.contractId} in fiscal year ${order.fiscalYear} would total ${sofar.ofYear + order.amount} yen, above its scheduled ${year.amount} yen`;
    return contract.closedOutcome ? { verdict: 'refuse', reason } : { verdict: 'wait', reason };
  }
  return { verdict: 'accept' };
}
