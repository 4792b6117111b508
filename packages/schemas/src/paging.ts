// Paging, sorting and CSV download, accepted by every list operation (a GET returning an array)
// besides its own filters. The answer stays a JSON array; the platform adds X-Total-Count,
// X-Page, X-Page-Size, Link (next/prev) and X-Result-Truncated. A page is asked for by number
// (`page`) or by an opaque `cursor` from the previous page's `Link: rel="next"`, which names the
// last row seen, so a deep page is a keyset read rather than an OFFSET scan.
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

/** What `cursor` may look like (base64url, as the platform writes it). */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,1000}$/;

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
    cursor: z
      .string()
      .regex(CURSOR_PATTERN, 'must be a cursor from a Link header')
      .optional()
      .openapi({
        description:
          'Continues after the page whose `Link: rel="next"` gave it (instead of `page`)',
      }),
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
  /** 1-based (with a cursor: the page the cursor's position falls in). */
  page: number;
  pageSize: number;
  sort: S;
  order: SortOrder;
  /** With a cursor: the page starts right after this row (`pageWindow` reads it). */
  after?: PageCursor;
}

/** The values of a list's key fields (ListDeclaration.key) of one row. */
export type CursorKey = Readonly<Record<string, string | number>>;

/** Where a cursor continues: after the row with `key`, which was the `offset`-th match. */
export interface PageCursor {
  key: CursorKey;
  /** How many matches came before the next page (the fallback for lists read by offset). */
  offset: number;
}

/** What a cursor carries: its position and the sort it is a position in. */
export interface CursorState extends PageCursor {
  sort: string;
  order: SortOrder;
}

type SortFieldOf<Q> = Q extends { sort?: infer S } ? Extract<S, string> : string;

/** A list query as a use case gets it: the filters and the page, defaults filled in. */
export type PagedQuery<Q> = Omit<Q, PageQueryField> & PageRequest<SortFieldOf<Q>>;

type WindowRequest = Pick<PageRequest, 'page' | 'pageSize' | 'after'>;

/**
 * The rows to skip and to read for a page (Prisma's `skip` and `take`). A cursor's page is read
 * after the cursor's row, which `keyset` turns into the row's Prisma unique input (Prisma's
 * `cursor`, skipping the row itself: a keyset condition on the orderBy, which must end in a
 * unique field).
 */
export function pageWindow<C>(
  page: WindowRequest,
  keyset: (key: CursorKey) => C,
): { skip: number; take: number; cursor?: C } {
  const take = page.pageSize;
  if (page.after === undefined) return { skip: (page.page - 1) * page.pageSize, take };
  return { cursor: keyset(page.after.key), skip: 1, take };
}
