import {
  filtersOf,
  int,
  listSearch,
  oneOf,
  parseSearch,
  safeNext,
  stringifySearch,
  text,
} from './search';

describe('list search parameters', () => {
  const read = listSearch<{ status: 'draft' | 'approved'; q: string; minAmount: number }>(
    { status: oneOf(['draft', 'approved'] as const), q: text, minAmount: int(0) },
    { sortable: ['amount', 'startDate'] },
  );

  it('reads page, order and filters from the URL leniently', () => {
    expect(
      read({
        page: '3',
        pageSize: '20',
        sort: 'amount',
        order: 'desc',
        status: 'draft',
        q: ' x ',
        minAmount: '100',
      }),
    ).toEqual({
      page: 3,
      pageSize: 20,
      sort: 'amount',
      order: 'desc',
      status: 'draft',
      q: 'x',
      minAmount: 100,
    });
    expect(
      read({ page: '-1', sort: 'drop table', order: 'up', status: 'nope', minAmount: '1e3' }),
    ).toEqual({
      page: 1,
      pageSize: 50,
      sort: undefined,
      order: undefined,
      status: undefined,
      q: undefined,
      minAmount: undefined,
    });
    expect(read({ pageSize: '100000' }).pageSize).toBe(1000);
  });

  it('round-trips through the query string without JSON quoting', () => {
    const query = stringifySearch({
      page: 1,
      pageSize: 50,
      q: '3300000',
      status: 'draft',
      x: undefined,
    });
    expect(query).toBe('?q=3300000&status=draft');
    expect(parseSearch(query)).toEqual({ q: '3300000', status: 'draft' });
    expect(stringifySearch({})).toBe('');
  });

  it('keeps only the filters for a CSV or a count', () => {
    expect(filtersOf({ page: 2, pageSize: 50, sort: 'amount', order: 'asc', q: 'x' })).toEqual({
      q: 'x',
    });
  });
});

describe('where to go after sign-in', () => {
  it('accepts only a path on this site', () => {
    expect(safeNext('/contracts?status=draft')).toBe('/contracts?status=draft');
    expect(safeNext('//evil.example/')).toBeUndefined();
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(safeNext('https://evil.example/')).toBeUndefined();
    expect(safeNext('/login?next=/x')).toBeUndefined();
    expect(safeNext(42)).toBeUndefined();
  });
});
