/**
 * Why a business rule refuses a change. The domain stays free of HTTP; the routers map `kind`
 * to a status (forbidden 403, conflict 409, unprocessable 422).
 */
export interface Refusal {
  kind: 'forbidden' | 'conflict' | 'unprocessable';
  message: string;
  /** The request field at fault, when there is one. */
  path?: string;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const allow = <T>(value: T): Decision<T> => ({ ok: true, value });

export const refuse = <T = never>(
  kind: Refusal['kind'],
  message: string,
  path?: string,
): Decision<T> => ({ ok: false, refusal: { kind, message, ...(path ? { path } : {}) } });
