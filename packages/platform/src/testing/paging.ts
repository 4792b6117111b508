/** A GET of a list URL (path and query) as the test makes it: `(url) => request(app).get(url)…`. */
export type ListGet = (url: string) => PromiseLike<{
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
  text?: string;
}>;

/** The items of a list read to its end and how many pages it took. */
export interface ReadList {
  items: Record<string, unknown>[];
  pages: number;
}

/**
 * Reads a list to its end by following each answer's `Link: rel="next"` from the first page (a
 * cursor after the first page), checking that no page holds more than `pageSize` items.
 */
export async function readByCursor(
  get: ListGet,
  path: string,
  query: Record<string, string>,
): Promise<ReadList> {
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  let next: string | undefined = withQuery(path, query);
  while (next !== undefined) {
    const response = await get(next);
    const page = checkedPage(next, response, query.pageSize);
    items.push(...page);
    pages++;
    if (pages > 10_000) throw new Error(`${path}: the cursors never end`);
    next = /<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')?.[1];
    if (next !== undefined && !next.includes('cursor=')) throw new Error(`${next}: no cursor`);
  }
  return { items, pages };
}

/** Reads a list to its end page by page (`page=1, 2, …`) up to X-Total-Count. */
export async function readByPageNumber(
  get: ListGet,
  path: string,
  query: Record<string, string>,
): Promise<ReadList> {
  const items: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const url = withQuery(path, { ...query, page: String(page) });
    const response = await get(url);
    const body = checkedPage(url, response, query.pageSize);
    items.push(...body);
    if (body.length === 0 || items.length >= Number(response.headers['x-total-count']))
      return { items, pages: page };
  }
}

function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

function checkedPage(
  url: string,
  response: Awaited<ReturnType<ListGet>>,
  pageSize: string | undefined,
): Record<string, unknown>[] {
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${response.text ?? ''}`);
  if (!Array.isArray(response.body)) throw new Error(`${url}: not a JSON array`);
  if (pageSize !== undefined && response.body.length > Number(pageSize))
    throw new Error(`${url}: ${response.body.length} items on a page of ${pageSize}`);
  return response.body as Record<string, unknown>[];
}
