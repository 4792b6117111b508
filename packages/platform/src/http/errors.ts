import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError, type z } from 'zod';
import type { FieldError, Refusal, RefusalCode } from '../application/outcome';
import { IdempotencyLeaseLost } from '../db/idempotency-keys';
import { isUnavailableError } from '../dependency-errors';
import type { Logger } from '../logger';

export type { FieldError } from '../application/outcome';

/** An error with an HTTP meaning; the one error mapper turns it into problem+json (RFC 9457). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Response headers the problem needs (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

/** The one place a refusal's code becomes an HTTP status. */
const REFUSAL_STATUS: Record<RefusalCode, [status: number, title: string]> = {
  malformed: [400, 'Bad Request'],
  unauthenticated: [401, 'Unauthorized'],
  forbidden: [403, 'Forbidden'],
  'not-found': [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  unprocessable: [422, 'Unprocessable Content'],
  throttled: [429, 'Too Many Requests'],
};

export function refusalError(refusal: Refusal): HttpError {
  const [status, title] = REFUSAL_STATUS[refusal.code];
  const headers =
    refusal.retryAfterSeconds === undefined
      ? undefined
      : { 'Retry-After': String(refusal.retryAfterSeconds) };
  return new HttpError(status, title, refusal.message, refusal.errors, headers);
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpError(400, 'Bad Request', detail, errors);
export const unauthorized = (detail = 'A valid bearer token is required') =>
  new HttpError(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role does not allow this') =>
  new HttpError(403, 'Forbidden', detail);
export const conflict = (detail: string) => new HttpError(409, 'Conflict', detail);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpError(422, 'Unprocessable Content', detail, errors);
export const unavailable = (detail: string) => new HttpError(503, 'Service Unavailable', detail);

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses `value` or throws a 400 naming every invalid field. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`Invalid ${where}`, zodFieldErrors(result.error));
  return result.data;
}

export function problemBody(status: number, title: string, detail?: string, errors?: FieldError[]) {
  return {
    type: status >= 500 ? 'about:blank' : `https://denpyo.example/problems/${status}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(new HttpError(404, 'Not Found', `No route for ${req.method} ${req.path}`));

/** The one place errors become HTTP responses: never a stack trace, never a 500 for bad input. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let problem: ReturnType<typeof problemBody>;
    const bodyParserType = (error as { type?: string }).type;
    if (error instanceof HttpError) {
      problem = problemBody(error.status, error.title, error.detail, error.errors);
      if (error.headers) res.set(error.headers);
    } else if (error instanceof IdempotencyLeaseLost) {
      problem = problemBody(409, 'Conflict', error.message);
    } else if (error instanceof ZodError) {
      problem = problemBody(400, 'Bad Request', 'Invalid request', zodFieldErrors(error));
    } else if (bodyParserType === 'entity.parse.failed') {
      problem = problemBody(400, 'Bad Request', 'The body is not valid JSON');
    } else if (bodyParserType === 'entity.too.large') {
      problem = problemBody(
        413,
        'Content Too Large',
        'The body is larger than this endpoint accepts',
      );
    } else if (
      bodyParserType === 'encoding.unsupported' ||
      bodyParserType === 'charset.unsupported'
    ) {
      problem = problemBody(415, 'Unsupported Media Type', 'Send JSON encoded as UTF-8');
    } else if (error instanceof URIError) {
      // A path parameter that is no percent-encoding of UTF-8 (%ED%A0%80, %ZZ): the router
      // could not decode it.
      problem = problemBody(400, 'Bad Request', 'The URL is not percent-encoded UTF-8');
    } else if (isClientReadError(error)) {
      // The body could not be read (a corrupt gzip stream, an aborted upload): the client's fault.
      problem = problemBody(
        error.status,
        STATUS_CODES[error.status] ?? 'Bad Request',
        'The request body could not be read',
      );
    } else if (isUnavailableError(error)) {
      logger.warn({ err: error, path: req.path }, 'dependency unavailable');
      problem = problemBody(503, 'Service Unavailable', 'A dependency is unavailable; retry later');
      res.setHeader('Retry-After', '5');
    } else {
      logger.error({ err: error, path: req.path }, 'unhandled error');
      problem = problemBody(500, 'Internal Server Error', 'An unexpected error occurred');
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

/** An http-errors 4xx from reading the body (body-parser, raw-body): safe to answer as such. */
function isClientReadError(error: unknown): error is { status: number } {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}
