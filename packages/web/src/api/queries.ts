// Query keys and options for TanStack Query. Convention: [resource, 'list', filters],
// [resource, 'detail', id, …]; after a write, invalidate the resource ([resource]) so every
// list and detail of it refetches.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ListPage } from './list';

export type Resource =
  | 'session'
  | 'vendors'
  | 'banks'
  | 'budgets'
  | 'contracts'
  | 'invoices'
  | 'payments'
  | 'transferBatches'
  | 'remittances'
  | 'fiscalYears'
  | 'budgetTransfers'
  | 'withholding'
  | 'audit'
  | 'counts';

export const queryKeys = {
  all: (resource: Resource) => [resource] as const,
  list: (resource: Resource, filters: object) => [resource, 'list', filters] as const,
  detail: (resource: Resource, id: string, part = 'self') =>
    [resource, 'detail', id, part] as const,
};

/** A page of a list, keeping the previous page on screen while the next one loads. */
export function listQuery<T>(
  resource: Resource,
  filters: object,
  fetchPage: (signal: AbortSignal) => Promise<ListPage<T>>,
) {
  return queryOptions({
    queryKey: queryKeys.list(resource, filters),
    queryFn: ({ signal }) => fetchPage(signal),
    placeholderData: keepPreviousData,
  });
}

/** One record (or one part of it, e.g. 'history'). */
export function detailQuery<T>(
  resource: Resource,
  id: string,
  fetchOne: (signal: AbortSignal) => Promise<T>,
  part?: string,
) {
  return queryOptions({
    queryKey: queryKeys.detail(resource, id, part),
    queryFn: ({ signal }) => fetchOne(signal),
  });
}
