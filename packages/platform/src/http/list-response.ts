import type { Response } from 'express';

/**
 * Sends a list that a query capped at `limit` rows. Callers fetch `limit + 1` rows: when there
 * are more, the response says so (`X-Result-Truncated: true`) instead of silently cutting the
 * result, so an auditor knows to narrow the search.
 */
export function sendCappedList<T>(res: Response, rows: readonly T[], limit: number): void {
  res.setHeader('X-Result-Limit', String(limit));
  if (rows.length > limit) res.setHeader('X-Result-Truncated', 'true');
  res.json(rows.slice(0, limit));
}
