import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

/** Retries only what may pass on a second try: no network, 502–504. Never a refusal. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Cached pages show at once, and are read again whenever a screen opens: a list never
        // shows a step someone just took elsewhere as not taken.
        staleTime: 0,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
