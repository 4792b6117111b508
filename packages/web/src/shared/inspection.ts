// Who may inspect (検収) an invoice: not the person who registered it (the one who keyed a claim
// never also accepts the goods, 地方自治法 Art. 170's separation), and only while it is received.
import type { Invoice } from '@denpyo/schemas';

export type InspectBlocker = 'registrant' | 'not-received';

export function inspectBlocker(
  invoice: Pick<Invoice, 'status' | 'createdBy'>,
  username: string,
): InspectBlocker | undefined {
  if (invoice.status !== 'received') return 'not-received';
  if (invoice.createdBy === username) return 'registrant';
  return undefined;
}
