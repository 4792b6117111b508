import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { ListSearch } from './search';

/**
 * The current list route's search (its filters, page and order) and a setter that changes some
 * of them; changing anything but the page goes back to page 1.
 */
export function useListSearch<S extends ListSearch>(): [S, (patch: Partial<S>) => void] {
  const search = useSearch({ strict: false }) as S;
  const navigate = useNavigate();
  const update = useCallback(
    (patch: Partial<S>) => {
      void navigate({
        to: '.',
        search: (previous: Record<string, unknown>) => ({
          ...previous,
          ...('page' in patch ? {} : { page: 1 }),
          ...patch,
        }),
      });
    },
    [navigate],
  );
  return [search, update];
}
