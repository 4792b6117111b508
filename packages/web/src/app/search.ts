// URL search parameters of list screens. Everything a list shows (filters, page, order) lives in
// the URL, so a home-page count can link to its filtered list and Back returns to the same page.
// Readers are lenient: a hand-edited URL falls back to defaults instead of failing.
import { DEFAULT_PAGE_SIZE } from '../api/list';

export type SearchReader<T> = (raw: unknown) => T | undefined;

/** A non-blank string (trimmed). */
export const text: SearchReader<string> = (raw) => {
  const value = typeof raw === 'number' ? String(raw) : raw;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** A whole number ≥ min. */
export const int =
  (min = 0): SearchReader<number> =>
  (raw) => {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const n =
      typeof value === 'number' ? value : /^\d{1,15}$/.test(String(value)) ? Number(value) : NaN;
    return Number.isSafeInteger(n) && n >= min ? n : undefined;
  };

/** One of the given words. */
export const oneOf =
  <const W extends string>(words: readonly W[]): SearchReader<W> =>
  (raw) =>
    typeof raw === 'string' && (words as readonly string[]).includes(raw) ? (raw as W) : undefined;

/** 'YYYY-MM-DD'. */
export const isoDate: SearchReader<string> = (raw) =>
  typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;

/** Paging and order of a list, as the URL carries them. */
export interface ListSearch {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

type Readers<F> = { [K in keyof F]-?: SearchReader<NonNullable<F[K]>> };

/**
 * A validateSearch for a list route: page (default 1), pageSize (default 50), sort (one of
 * `sortable`), order, and the route's own filters, each read leniently.
 */
export function listSearch<F extends Record<string, unknown>>(
  filters: Readers<F>,
  options: { sortable?: readonly string[]; pageSize?: number } = {},
) {
  const sortReader = options.sortable ? oneOf(options.sortable) : text;
  return (raw: Record<string, unknown>): ListSearch & Partial<F> => {
    const result: Record<string, unknown> = {
      page: int(1)(raw.page) ?? 1,
      pageSize: Math.min(int(1)(raw.pageSize) ?? options.pageSize ?? DEFAULT_PAGE_SIZE, 1000),
      sort: sortReader(raw.sort),
      order: oneOf(['asc', 'desc'] as const)(raw.order),
    };
    for (const [key, read] of Object.entries(filters) as [string, SearchReader<unknown>][]) {
      result[key] = read(raw[key]);
    }
    return result as ListSearch & Partial<F>;
  };
}

/** The filters alone (no page or order): what a CSV download or a count needs. */
export function filtersOf<S extends ListSearch>(
  search: S,
): Omit<S, 'page' | 'pageSize' | 'sort' | 'order'> {
  const paging = new Set(['page', 'pageSize', 'sort', 'order']);
  return Object.fromEntries(Object.entries(search).filter(([key]) => !paging.has(key))) as Omit<
    S,
    'page' | 'pageSize' | 'sort' | 'order'
  >;
}

/** The URL's query string → an object of strings (no JSON: ?q=3300000 stays a string). */
export function parseSearch(searchStr: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(searchStr));
}

/** An object → the URL's query string, leaving out empty values and defaults. */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Only a same-site path is a place to go back to after sign-in (never //host or a URL). */
export function safeNext(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return undefined;
  if (raw.startsWith('/login')) return undefined;
  return raw;
}
