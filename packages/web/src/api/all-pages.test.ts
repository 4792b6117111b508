import { allPages } from './all-pages';
import type { ListPage } from './list';

const items = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `c${from + i}` }));

describe('allPages', () => {
  it('asks for pages until the total is reached', async () => {
    const asked: number[] = [];
    const all = await allPages(async (page): Promise<ListPage<{ id: string }>> => {
      asked.push(page);
      const start = (page - 1) * 1000 + 1;
      return {
        items: items(start, Math.min(start + 999, 2500)),
        total: 2500,
        page,
        pageSize: 1000,
      };
    });
    expect(asked).toEqual([1, 2, 3]);
    expect(all).toHaveLength(2500);
    expect(all.at(-1)).toEqual({ id: 'c2500' });
  });

  it('stops at one page when it holds everything, and at an empty page', async () => {
    const one = jest.fn(async (page: number) => ({
      items: items(1, 3),
      total: 3,
      page,
      pageSize: 1000,
    }));
    expect(await allPages(one)).toHaveLength(3);
    expect(one).toHaveBeenCalledTimes(1);
    // A total that overstates (records removed meanwhile) ends at the first empty page.
    const shrinking = jest.fn(async (page: number) => ({
      items: page === 1 ? items(1, 2) : [],
      total: 5,
      page,
      pageSize: 2,
    }));
    expect(await allPages(shrinking)).toHaveLength(2);
    expect(shrinking).toHaveBeenCalledTimes(2);
  });

  it('keeps one of a record that two pages hold', async () => {
    const all = await allPages(async (page) => ({
      items: page === 1 ? items(1, 2) : items(2, 3),
      total: 4,
      page,
      pageSize: 2,
    }));
    expect(all.map((item) => item.id)).toEqual(['c1', 'c2', 'c3']);
  });
});
