// How a use case or a domain rule says no: one Refusal type for every service. The code is the
// kind of refusal; the HTTP layer maps it to a status once (REFUSAL_STATUS in http/errors.ts).

/** A field at fault, named by its path in the request (`lines.0.amount`). */
export interface FieldError {
  path: string;
  message: string;
  /** The rule of a document's specification it breaks (e-invoices: `jp-br-co-01`). */
  rule?: string;
}

export type RefusalCode =
  | 'malformed' // a document in the body cannot be read at all (XML not well-formed, a DTD)
  | 'unauthenticated' // the credentials are wrong
  | 'forbidden' // the caller may not do this (separation of duties, another vendor's record)
  | 'not-found' // no such record
  | 'conflict' // the record is not in a state that allows this
  | 'unprocessable' // a business rule refuses the input
  | 'throttled'; // too many attempts; try again later

export interface Refusal {
  code: RefusalCode;
  message: string;
  errors?: FieldError[];
  /** For `throttled`: when to try again. */
  retryAfterSeconds?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
/** A refused outcome; assignable to any Outcome<T>. */
export type Refused = { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export function refuse(code: RefusalCode, message: string, errors?: FieldError[]): Refused {
  return { ok: false, refusal: { code, message, ...(errors ? { errors } : {}) } };
}

/** A refusal that names the one request field at fault. */
export function refuseField(code: RefusalCode, path: string, message: string): Refused {
  return refuse(code, message, [{ path, message }]);
}

/** The one wording of "not found": `notFound('Invoice', id)`. */
export function notFound(what: string, id?: string): Refused {
  return refuse('not-found', `${what}${id === undefined ? '' : ` ${id}`} was not found`);
}
