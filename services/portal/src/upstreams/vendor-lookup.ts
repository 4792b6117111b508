import { unavailable } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';
import type { VendorLookup } from '../application';
import type { UpstreamInstances } from './instances';

/**
 * Asks the contract service whether a vendor exists, as the caller: the caller's identity
 * travels in a token the portal signs for this one request (the use case has the verified
 * caller, not the header it came with). True when it exists, false when the contract service
 * says 404; a 503 when it cannot answer.
 */
export function contractVendorLookup(
  contract: UpstreamInstances,
  /** Signs a short-lived token for the caller (the portal's signer). */
  tokenFor: (user: AuthUser) => Promise<string>,
  timeoutMs = 5_000,
): VendorLookup {
  return async (vendorId, asUser) => {
    const token = await tokenFor(asUser);
    let response: Response;
    try {
      response = await contract.fetch(`/api/vendors/${encodeURIComponent(vendorId)}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw unavailable('The contract service is unavailable; retry later');
    }
    await response.body?.cancel();
    if (response.ok) return true;
    if (response.status === 404) return false;
    throw unavailable(`The contract service answered ${response.status} when asked for the vendor`);
  };
}
