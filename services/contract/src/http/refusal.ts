import { conflict, forbidden, unprocessable, type HttpError } from '@denpyo/platform';
import type { Refusal } from '../domain/refusal';

export function refusalError(refusal: Refusal): HttpError {
  switch (refusal.kind) {
    case 'forbidden':
      return forbidden(refusal.message);
    case 'conflict':
      return conflict(refusal.message);
    case 'unprocessable':
      return unprocessable(
        refusal.message,
        refusal.path ? [{ path: refusal.path, message: refusal.message }] : undefined,
      );
  }
}
