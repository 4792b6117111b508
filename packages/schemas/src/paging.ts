// Paging, sorting and CSV download, accepted by every list operation (a GET returning an array)
// besides its own filters. The answer stays a JSON array; the platform adds X-Total-Count,
// X-Page, X-Page-Size, Link (next/prev) and X-Result-Truncated.
import { z } from './zod';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** The most rows one CSV download holds; more are flagged with `X-Result-Truncated: true`. */
export const CSV_MAX_ROWS = 100_000;
/** The highest page number accepted (so the offset stays far inside PostgreSQL's range). */
const MAX_PAGE = 1_000_000;

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const LIST_FORMATS = ['json', 'csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

// Digits only, so '', '1e3', '0x10' and '-1' are rejected instead of being coerced to numbers.
const positiveIntegerQuery = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.int().min(1).max(max));

/** Free-text search (`q`): contains, ignoring case; blank means no filter. */
export const SearchTextSchema = z.string().trim().max(100);

/** The page fields of a list query, for the operation's own sortable fields and page size. */
export function pageQueryFields<const S extends string>(
  sortable: readonly [S, ...S[]],
  maxPageSize = MAX_PAGE_SIZE,
) {
  return {
    page: positiveIntegerQuery(MAX_PAGE).optional().openapi({ description: '1-based; default 1' }),
    pageSize: positiveIntegerQuery(maxPageSize)
      .optional()
      .openapi({ description: `Items per page, at most ${maxPageSize}` }),
    sort: z.enum(sortable).optional().openapi({ description: 'The field to sort by' }),
    order: z.enum(SORT_ORDERS).optional(),
    format: z
      .enum(LIST_FORMATS)
      .optional()
      .openapi({
        description: `\`csv\`: every match (at most ${CSV_MAX_ROWS.toLocaleString('en')}) as a CSV download`,
      }),
  };
}

export type PageQueryField = keyof ReturnType<typeof pageQueryFields>;

/** The page a use case is asked for: the request's, or the declared defaults. */
export interface PageRequest<S extends string = string> {
  /** 1-based. */
  page: number;
  pageSize: number;
  sort: S;
  order: SortOrder;
}

type SortFieldOf<Q> = Q extends { sort?: infer S } ? Extract<S, string> : string;

/** A list query as a use case gets it: the filters and the page, defaults filled in. */
export type PagedQuery<Q> = Omit<Q, PageQueryField> & PageRequest<SortFieldOf<Q>>;

/** The rows to skip and to read for a page (Prisma's `skip` and `take`). */
export function pageWindow(page: Pick<PageRequest, 'page' | 'pageSize'>): {
  skip: number;
  take: number;
} {
  return { skip: (page.page - 1) * page.pageSize, take: page.pageSize };
}
