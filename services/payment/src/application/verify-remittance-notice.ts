import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { DocumentVerification } from '@denpyo/schemas';
import type { PaymentDeps } from './deps';
import { paymentRemittanceNotice, remittanceDocument } from './render-remittance-notice';

/**
 * Whether a printed 振込通知書 (its hash, `claimed`) matches the record as it stands: for the
 * treasury, and for the vendor it pays.
 */
export function makeVerifyRemittanceNotice(deps: PaymentDeps) {
  const document = remittanceDocument(deps);
  return async (
    id: string,
    caller: Caller,
    claimed?: string,
  ): Promise<Outcome<DocumentVerification>> => {
    const notice = await paymentRemittanceNotice(deps, id, caller);
    return notice.ok ? ok(document.verify(notice.value.notice, claimed)) : notice;
  };
}
