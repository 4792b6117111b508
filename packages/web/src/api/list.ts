// A page of a list: the body is the JSON array, the paging facts are in headers (X-Total-Count,
// X-Page, X-Page-Size, X-Result-Truncated). Lists served before paging existed have no headers,
// and then the page is all there is.
export interface ListPage<T> {
  items: T[];
  /** All matches, not only this page's. */
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const PAGE_SIZES = [20, 50, 100, 200] as const;

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseListPage<T>(
  items: T[],
  headers: { get(name: string): string | null },
  requested: { page?: number | undefined; pageSize?: number | undefined } = {},
): ListPage<T> {
  const page = positiveInt(headers.get('X-Page')) ?? requested.page ?? 1;
  const pageSize =
    positiveInt(headers.get('X-Page-Size')) ?? requested.pageSize ?? Math.max(items.length, 1);
  const total = positiveInt(headers.get('X-Total-Count')) ?? (page - 1) * pageSize + items.length;
  // Further pages are the pager's business (X-Total-Count), so X-Result-Truncated is not read.
  return { items, total, page, pageSize };
}

/** The number of pages for `total` items (at least 1, so "1 / 1" is shown for an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(pageSize, 1)));
}
