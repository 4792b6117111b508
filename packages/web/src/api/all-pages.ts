// Every item of a list, page after page, for the few screens that must offer all of them (a
// picker the API cannot search). A list's pages are capped (MAX_PAGE_SIZE), so one page is not
// all there is: this asks for the next page until X-Total-Count is reached.
import type { ListPage } from './list';
import { pageCount } from './list';

export async function allPages<T extends { id: string }>(
  fetchPage: (page: number) => Promise<ListPage<T>>,
): Promise<T[]> {
  // By id: a record added while paging shifts the pages, and one may then come twice.
  const byId = new Map<string, T>();
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    for (const item of result.items) byId.set(item.id, item);
    if (result.items.length === 0 || page >= pageCount(result.total, result.pageSize)) break;
  }
  return [...byId.values()];
}
