// Checking a number as it is typed: quiet while what is there can still become valid, an error
// as soon as it cannot (a letter in a 法人番号) or once it is complete and wrong (check digit).
import type { FieldErrors } from './useForm';

export type LiveCheck =
  | { state: 'empty'; error?: undefined }
  | { state: 'typing'; error?: undefined }
  | { state: 'valid'; error?: undefined }
  | { state: 'invalid'; error: string };

type Checked = { ok: true } | { ok: false; errors: FieldErrors };

/** A qualified-invoice registration number (登録番号, T + 13 digits) while it is typed. */
export const REGISTRATION_NUMBER_SHAPE = { length: 14, prefix: /^(T\d{0,13})?$/ };

/** Full-width digits and letters to half-width, a lower-case t to T, spaces and hyphens out. */
export function normalizeNumberInput(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

export function liveNumberCheck(
  value: string,
  shape: { length: number; prefix: RegExp },
  check: (value: string) => Checked,
): LiveCheck {
  const trimmed = value.trim();
  if (trimmed === '') return { state: 'empty' };
  if (trimmed.length < shape.length && shape.prefix.test(trimmed)) return { state: 'typing' };
  const result = check(trimmed);
  if (result.ok) return { state: 'valid' };
  return { state: 'invalid', error: Object.values(result.errors)[0] ?? '' };
}
