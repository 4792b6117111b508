import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { DocumentVerification } from '@denpyo/schemas';
import type { PaymentDeps } from './deps';
import { batchRemittanceNotice, remittanceDocument } from './render-remittance-notice';

/**
 * Whether a printed 振込通知書 (its hash, `claimed`) matches the record as it stands: the notice
 * of one vendor in one batch, for the treasury and for that vendor.
 */
export function makeVerifyRemittanceNotice(deps: PaymentDeps) {
  const document = remittanceDocument(deps);
  return async (
    batchId: string,
    vendorId: string,
    caller: Caller,
    claimed?: string,
  ): Promise<Outcome<DocumentVerification>> => {
    const notice = await batchRemittanceNotice(deps, batchId, vendorId, caller);
    return notice.ok ? ok(document.verify(notice.value.notice, claimed)) : notice;
  };
}
