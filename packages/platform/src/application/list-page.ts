import { z } from 'zod';
import { SORT_ORDERS, type CursorKey, type CursorState, type PageRequest } from '@denpyo/schemas';

/** What a list operation's use case answers: the page it was asked for, and all matches' count. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

/**
 * One page of a list already in memory (sorted in ascending order; `desc` reverses it). After a
 * cursor, the page starts after the row whose `keyFields` match the cursor's key (none: empty).
 */
export function pageOf<T>(
  sortedAscending: readonly T[],
  page: PageRequest,
  keyFields: readonly (keyof T & string)[] = [],
): ListPage<T> {
  const ordered = page.order === 'desc' ? [...sortedAscending].reverse() : sortedAscending;
  const total = sortedAscending.length;
  let skip = (page.page - 1) * page.pageSize;
  if (page.after) {
    const { key, offset } = page.after;
    if (keyFields.length === 0) skip = offset;
    else {
      const at = ordered.findIndex((item) =>
        keyFields.every((field) => item[field] === key[field]),
      );
      if (at < 0) return { items: [], total };
      skip = at + 1;
    }
  }
  return { items: ordered.slice(skip, skip + page.pageSize), total };
}

/** The opaque `cursor` of a position (base64url JSON: its shape is no part of the API). */
export function encodeCursor(state: CursorState): string {
  const { sort, order, key, offset } = state;
  return Buffer.from(JSON.stringify([sort, order, key, offset]), 'utf8').toString('base64url');
}

/** The position a `cursor` names, or undefined for anything encodeCursor did not make. */
export function decodeCursor(cursor: string): CursorState | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorTuple.safeParse(decoded);
  if (!parsed.success) return undefined;
  const [sort, order, key, offset] = parsed.data;
  return { sort, order, key, offset };
}

const CursorTuple = z.tuple([
  z.string().max(100),
  z.enum(SORT_ORDERS),
  z.record(z.string().max(100), z.union([z.string().max(200), z.number()])),
  z.int().min(0).max(Number.MAX_SAFE_INTEGER),
]);

/** The key of a list's row: its key fields' values (strings or numbers, as the API shows them). */
export function cursorKeyOf(item: unknown, keyFields: readonly string[]): CursorKey {
  const row = item as Record<string, unknown>;
  return Object.fromEntries(
    keyFields.map((field) => {
      const value = row[field];
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`A list's key field ${field} is ${typeof value}, not a string or number`);
      return [field, value];
    }),
  );
}
