// Every refusal from the API is an RFC 9457 problem (application/problem+json); the app reads it
// into one ApiError, whatever went wrong (a refusal, a proxy's HTML page, or no network at all).
import type { Problem } from '@denpyo/schemas';

export interface FieldProblem {
  /** The field, its path joined with '.' as the schemas name it ('bankAccount.bankCode'). */
  path: string;
  message: string;
  /** The specification's rule it breaks (an e-invoice's `jp-br-co-01`), when it names one. */
  rule?: string;
}

/** A failed API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  readonly type: string;

  constructor(problem: {
    status: number;
    title: string;
    detail?: string | undefined;
    errors?: FieldProblem[] | undefined;
    type?: string | undefined;
  }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.type = problem.type ?? 'about:blank';
  }

  /** The message for one field, if the problem named it. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }

  /** True when the services refused a cookie-authenticated write for its CSRF token. */
  get isCsrf(): boolean {
    return this.status === 403 && /csrf/i.test(`${this.title} ${this.detail ?? ''}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): FieldProblem[] =>
    isRecord(entry) && typeof entry.message === 'string'
      ? [
          {
            path: typeof entry.path === 'string' ? entry.path : '',
            message: entry.message,
            ...(typeof entry.rule === 'string' ? { rule: entry.rule } : {}),
          },
        ]
      : [],
  );
}

/**
 * The problem in a response body. Tolerant: a body that is not a problem document (an HTML error
 * page, empty, truncated JSON) still gives an ApiError with the HTTP status and status text.
 */
export function parseProblem(status: number, statusText: string, body: string): ApiError {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) return new ApiError({ status, title: statusText || `HTTP ${status}` });
  const problem = parsed as Partial<Problem>;
  return new ApiError({
    status: typeof problem.status === 'number' ? problem.status : status,
    title: typeof problem.title === 'string' ? problem.title : statusText || `HTTP ${status}`,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    errors: fieldProblems(problem.errors),
    type: typeof problem.type === 'string' ? problem.type : undefined,
  });
}

/** Any thrown value as an ApiError (a network failure becomes status 0). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    title: 'Network error',
    detail: error instanceof Error ? error.message : String(error),
  });
}
