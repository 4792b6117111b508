// The portal's user administration (POST/GET /api/users, …/disable) as the admin screens call
// it; the query key ['users', …] is invalidated after every change.
import type { StaffUserCreateRequest, User, UserListQuery } from '@denpyo/schemas';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { csvUrl, getList, postJson } from '../../api/client';
import type { ListSearch } from '../../app/search';

export type UserFilters = Partial<Pick<UserListQuery, 'q' | 'role' | 'status'>>;
export type UserSearch = ListSearch & UserFilters;

export const usersKey = ['users'] as const;

export function userListQuery(search: UserSearch) {
  return queryOptions({
    queryKey: [...usersKey, 'list', search] as const,
    queryFn: ({ signal }) => getList<User>('/api/users', { ...search }, signal),
    placeholderData: keepPreviousData,
  });
}

export const usersApi = {
  csv: (filters: UserFilters) => csvUrl('/api/users', { ...filters }),
  create: (body: StaffUserCreateRequest, idempotencyKey: string) =>
    postJson<User>('/api/users', body, { idempotencyKey }),
  disable: (username: string) =>
    postJson<User>(`/api/users/${encodeURIComponent(username)}/disable`),
};
