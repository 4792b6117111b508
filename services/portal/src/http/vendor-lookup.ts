import { unavailable } from '@denpyo/platform';

export type VendorLookup = (vendorId: string, authorization: string) => Promise<boolean>;

/**
 * Asks the contract service, which owns vendors, whether a vendor exists, as the caller (their
 * bearer token is forwarded, so the contract service applies its own access rules). True when it
 * exists, false when the contract service says 404; a 503 HttpError when it cannot answer.
 */
export function contractVendorLookup(contractUrl: string, timeoutMs = 5_000): VendorLookup {
  return async (vendorId, authorization) => {
    let response: Response;
    try {
      response = await fetch(new URL(`/api/vendors/${encodeURIComponent(vendorId)}`, contractUrl), {
        headers: { authorization, accept: 'application/json' },
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
