import type { PageRequest } from '@denpyo/schemas';

/** What a list operation's use case answers: the page it was asked for, and all matches' count. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

/** One page of a list already in memory (sorted in ascending order; `desc` reverses it). */
export function pageOf<T>(sortedAscending: readonly T[], page: PageRequest): ListPage<T> {
  const ordered = page.order === 'desc' ? [...sortedAscending].reverse() : sortedAscending;
  const skip = (page.page - 1) * page.pageSize;
  return { items: ordered.slice(skip, skip + page.pageSize), total: sortedAscending.length };
}
