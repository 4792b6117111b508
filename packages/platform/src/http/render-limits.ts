// Admission for operations that render a PDF (declared `file('application/pdf', …)`): a render
// costs a worker for hundreds of milliseconds, so one user may have only a few in flight, and
// the process only as many as its workers and their queue hold. Beyond, the request is refused
// at once (429 or 503 with Retry-After) instead of waiting in memory without bound.
import type { OperationDeclaration } from '@denpyo/schemas';
import type { PdfSettings } from '../config';
import { HttpError } from './errors';

export interface RenderLimits {
  /** Renders one user may have in flight in this process; one more is 429. */
  perUser: number;
  /** Renders in flight in this process (workers + queue); one more is 503. */
  total: number;
}

/** Per user as set; per process as many as the workers and their queue hold. */
export function renderLimitsFor(pdf: PdfSettings): RenderLimits {
  return { perUser: pdf.perUser, total: pdf.workers + pdf.maxQueue };
}

/** Seconds a user is asked to wait: about one render of the heaviest voucher, rounded up. */
const RENDER_RETRY_AFTER_SECONDS = 2;
/** Seconds to wait when the whole process is busy rendering. */
const OVERLOAD_RETRY_AFTER_SECONDS = 5;

/** The operations that take a render slot: those whose answer is a PDF. */
export function rendersPdf(operation: OperationDeclaration): boolean {
  return operation.response.kind === 'file' && operation.response.mediaType === 'application/pdf';
}

/** How the PDF renderer reports a full queue (@denpyo/pdf PdfQueueFull), without depending on it. */
function isQueueFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'PDF_QUEUE_FULL';
}

function tooManyRenders(perUser: number): HttpError {
  return new HttpError(
    429,
    'Too Many Requests',
    `PDFの作成は1人につき同時に${perUser}件までです。しばらく待ってから再度お試しください。` +
      ` (At most ${perUser} PDFs at a time per user; retry shortly.)`,
    undefined,
    { 'Retry-After': String(RENDER_RETRY_AFTER_SECONDS) },
  );
}

function renderingOverloaded(): HttpError {
  return new HttpError(
    503,
    'Service Unavailable',
    'PDFの作成が混み合っています。しばらく待ってから再度お試しください。' +
      ' (Too many PDFs are being rendered; retry later.)',
    undefined,
    { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) },
  );
}

export interface RenderLimiter {
  /**
   * Runs `render` in a slot of `user`, or throws 429 (the user has `perUser` in flight) or 503
   * (the process has `total`). The slot is held until `render` settles, even if the client has
   * gone: the work is still being done.
   */
  run<T>(user: string, render: () => Promise<T>): Promise<T>;
  /** Renders in flight, of one user or of the process. */
  inFlight(user?: string): number;
}

/** One limiter per process (registerOperations makes it): the counts are this process's. */
export function createRenderLimiter(limits: RenderLimits): RenderLimiter {
  const perUser = new Map<string, number>();
  let total = 0;
  return {
    async run(user, render) {
      const mine = perUser.get(user) ?? 0;
      if (mine >= limits.perUser) throw tooManyRenders(limits.perUser);
      if (total >= limits.total) throw renderingOverloaded();
      perUser.set(user, mine + 1);
      total += 1;
      try {
        return await render();
      } catch (error) {
        throw isQueueFull(error) ? renderingOverloaded() : error;
      } finally {
        total -= 1;
        const left = (perUser.get(user) ?? 1) - 1;
        if (left > 0) perUser.set(user, left);
        else perUser.delete(user);
      }
    },
    inFlight(user) {
      return user === undefined ? total : (perUser.get(user) ?? 0);
    },
  };
}
