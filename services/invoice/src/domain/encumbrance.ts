import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import type { ContractTerms } from './receipt';

/** The contract as the payment order sees it: its terms and what a closure released. */
export interface EncumberedContract extends Pick<
  ContractTerms,
  'amount' | 'invoicedTotal' | 'schedule' | 'closedOutcome'
> {
  /** What ContractClosed released of the encumbrance (0 while the contract is open). */
  releasedAmount: number;
}

const REJECT_THE_EXCESS = 'reject the invoices beyond it before ordering payment';

/**
 * A payment order (支出命令) spends the contract's encumbrance (支出負担行為, 地方自治法 Art.
 * 232-3), which the contract service sizes by its own count of invoices. An invoice received here
 * before ContractClosed or ContractAmended arrived was not in that count: a completion released
 * its money, a decrease was allowed without it. So the order is refused (422) while this
 * contract's invoices not rejected exceed what is left of the encumbrance — the amount as amended,
 * less what a closure released — or, for a multi-year contract, while the invoices of the
 * invoice's fiscal year exceed that year's scheduled amount. Rejecting the excess lifts it.
 */
export function decideOrderWithinContract(
  contract: EncumberedContract,
  fiscalYear: number,
): Outcome<void> {
  const left = contract.amount - contract.releasedAmount;
  if (contract.invoicedTotal > left) {
    return refuse(
      'unprocessable',
      contract.closedOutcome
        ? `The contract was ${contract.closedOutcome} keeping ${left} of its amount, but its invoices here total ${contract.invoicedTotal}: ${REJECT_THE_EXCESS}`
        : `The invoices against the contract total ${contract.invoicedTotal}, above its amount ${contract.amount}: ${REJECT_THE_EXCESS}`,
    );
  }
  const year = contract.schedule?.find((entry) => entry.fiscalYear === fiscalYear);
  if (year && year.invoicedTotal > year.amount) {
    return refuse(
      'unprocessable',
      `The invoices of fiscal year ${fiscalYear} total ${year.invoicedTotal}, above its scheduled amount ${year.amount}: ${REJECT_THE_EXCESS}`,
    );
  }
  return ok(undefined);
}
