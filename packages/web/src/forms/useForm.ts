// Form state for the screens: string values keyed by the request body's paths ('name',
// 'bankAccount.bankCode'), errors under the same paths, whether they come from the shared zod
// schema in the browser or from a problem's errors[] after the API refused the request.
import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/client';
import { toApiError } from '../api/problem';
import { fieldMessage } from '../i18n/errors';
import './zod-ja';

export type FieldErrors = Record<string, string>;

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}
interface SafeParser<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/**
 * After a refused submit, focus goes to the first field marked invalid, so a keyboard or screen
 * reader user lands on what to fix (the message is its description).
 */
export function focusFirstInvalid(): void {
  if (typeof window === 'undefined') return;
  window.requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>('main [aria-invalid="true"]:not([disabled])');
    first?.focus();
  });
}

/** zod issues as field errors (the first message of each path), in Japanese. */
export function issuesToErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = fieldMessage(issue.message);
  }
  return errors;
}

/** A value checked with a schema: the parsed value, or the field errors. */
export function validate<T>(
  schema: SafeParser<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: issuesToErrors(result.error.issues) };
}

export interface FieldBinding {
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

export interface Form<V extends Record<string, string>> {
  values: V;
  errors: FieldErrors;
  /** A failure that belongs to no one field (shown above the submit button). */
  formError: unknown;
  /** Field messages whose path is not one of the form's values (shown with formError). */
  otherErrors: string[];
  submitting: boolean;
  set: (name: keyof V & string, value: string) => void;
  setMany: (patch: Partial<V>) => void;
  setError: (name: string, message: string | undefined) => void;
  /** Props for a text field: value, onChange (clears its error), error. */
  field: (name: keyof V & string) => FieldBinding;
  /**
   * Checks `body` with the schema; on success runs `send(parsed, idempotencyKey)`. The key stays
   * the same across retries of one attempt and is renewed after a success. A refusal's errors[]
   * go to their fields; anything else becomes formError. Resolves to the answer, or undefined.
   */
  submit: <T, R>(
    schema: SafeParser<T>,
    body: unknown,
    send: (parsed: T, idempotencyKey: string) => Promise<R>,
  ) => Promise<R | undefined>;
  reset: (values?: V) => void;
}

export interface FormOptions {
  /** Paths the screen shows errors for itself, beyond the values (e.g. 'lines.3.amount'). */
  owns?: (path: string) => boolean;
}

export function useForm<V extends Record<string, string>>(
  initial: V,
  options: FormOptions = {},
): Form<V> {
  const [values, setValues] = useState<V>(initial);
  const shown = (path: string) => path in values || (options.owns?.(path) ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef<string>(newIdempotencyKey());

  const setError = useCallback((name: string, message: string | undefined) => {
    setErrors((current) => {
      if (current[name] === message) return current;
      const next = { ...current };
      if (message === undefined) delete next[name];
      else next[name] = message;
      return next;
    });
  }, []);

  const set = useCallback(
    (name: keyof V & string, value: string) => {
      setValues((current) => ({ ...current, [name]: value }));
      setError(name, undefined);
    },
    [setError],
  );

  const setMany = useCallback((patch: Partial<V>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const name of Object.keys(patch)) delete next[name];
      return next;
    });
  }, []);

  const field = (name: keyof V & string): FieldBinding => ({
    name,
    value: values[name] ?? '',
    onChange: (value: string) => set(name, value),
    error: errors[name],
  });

  const submit: Form<V>['submit'] = async (schema, body, send) => {
    setFormError(undefined);
    const checked = validate(schema, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid();
      return undefined;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const answer = await send(checked.value, idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      return answer;
    } catch (error) {
      const problem = toApiError(error);
      const fieldErrors = Object.fromEntries(
        problem.errors.filter((e) => e.path).map((e) => [e.path, fieldMessage(e.message)]),
      );
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length > 0) focusFirstInvalid();
      const unplaced = problem.errors.filter((e) => !shown(e.path));
      setFormError(unplaced.length > 0 || problem.errors.length === 0 ? problem : undefined);
      // A refusal is an answer: a corrected request is a new attempt with a new key.
      if (problem.status >= 400 && problem.status < 500)
        idempotencyKey.current = newIdempotencyKey();
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = (next: V = initial) => {
    setValues(next);
    setErrors({});
    setFormError(undefined);
  };

  const otherErrors = Object.entries(errors)
    .filter(([path]) => !shown(path))
    .map(([path, message]) => (path && path !== '(body)' ? `${path}: ${message}` : message));

  return {
    values,
    errors,
    formError,
    otherErrors,
    submitting,
    set,
    setMany,
    setError,
    field,
    submit,
    reset,
  };
}
