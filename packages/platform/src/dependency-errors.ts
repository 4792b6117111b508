// Errors that mean "a dependency is down or overloaded", not "this request or message is wrong":
// HTTP answers them with 503 (retry later), consumers retry them without giving up.

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '08006', // connection_failure
  '08001',
  'P1001', // Prisma: can't reach database server
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
  'P2028', // Prisma: could not start a transaction in time (the pool is exhausted)
]);

/** True for errors that mean "a dependency is down", which clients may retry (503). */
export function isUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof candidate.code === 'string' && CONNECTION_ERROR_CODES.has(candidate.code))
      return true;
    if (
      typeof candidate.message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|Can't reach database|timeout exceeded when trying to connect|encountered a connection error and is not queryable/i.test(
        candidate.message,
      )
    )
      return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}
