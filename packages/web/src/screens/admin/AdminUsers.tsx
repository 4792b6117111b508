// 利用者: every login (staff and vendors' portal users) with name, title, roles, rank and state;
// an administrator disables those who left (never themself) and registers new staff. What each
// role may do is listed below, for choosing roles.
import { RoleSchema, type Role, type User } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { filtersOf } from '../../app/search';
import { userLabel, useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import {
  ConfirmButton,
  DataTable,
  DateTimeText,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  Section,
  SelectField,
  TextField,
  useToast,
  type Column,
  ScrollTable,
} from '../../ui';
import { userListQuery, usersApi, usersKey, type UserSearch } from './users-api';

const ROLES: readonly Role[] = RoleSchema.options;
/** The select's choice for no filter (a select cannot show an empty key as chosen). */
const ALL = 'all';

export function AdminUsers() {
  const [search, setSearch] = useListSearch<UserSearch>();
  const [q, setQ] = useState(search.q ?? '');
  const [role, setRole] = useState<string>(search.role ?? ALL);
  const [status, setStatus] = useState<string>(search.status ?? ALL);
  const query = useQuery(userListQuery(search));
  const me = useUser();

  const newButton = (
    <LinkButton to="/admin/users/new" variant="primary">
      {t('admin.new')}
    </LinkButton>
  );
  const filtered = Boolean(search.q ?? search.role ?? search.status);

  return (
    <>
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} actions={newButton} />
      <div className="ui-stack-lg">
        <DataTable
          label={t('admin.title')}
          columns={columnsFor(me.username)}
          rowKey={(user) => user.username}
          data={query.data}
          isFetching={query.isFetching}
          error={query.error}
          state={search}
          onStateChange={setSearch}
          csvHref={usersApi.csv(filtersOf(search))}
          filters={
            <FilterBar
              onApply={() =>
                setSearch({
                  q: q.trim() || undefined,
                  role: role === ALL ? undefined : (role as Role),
                  status: status === ALL ? undefined : (status as UserSearch['status']),
                })
              }
              onClear={() => {
                setQ('');
                setRole(ALL);
                setStatus(ALL);
                setSearch({ q: undefined, role: undefined, status: undefined });
              }}
            >
              <TextField
                label={t('admin.search')}
                type="search"
                value={q}
                onChange={setQ}
                className="ui-field--wide"
              />
              <SelectField
                label={t('admin.filter.role')}
                width="narrow"
                value={role}
                onChange={setRole}
                options={[
                  { id: ALL, label: t('admin.filter.all') },
                  ...ROLES.map((r) => ({ id: r, label: t(`role.${r}`) })),
                ]}
              />
              <SelectField
                label={t('admin.filter.status')}
                width="narrow"
                value={status}
                onChange={setStatus}
                options={[
                  { id: ALL, label: t('admin.filter.all') },
                  { id: 'active', label: t('admin.status.active') },
                  { id: 'disabled', label: t('admin.status.disabled') },
                ]}
              />
            </FilterBar>
          }
          empty={
            <EmptyState
              title={t('admin.empty.title')}
              {...(filtered ? {} : { body: t('admin.empty.body') })}
              action={newButton}
            />
          }
        />
        <RolesTable />
      </div>
    </>
  );
}

function columnsFor(myUsername: string): Column<User>[] {
  return [
    {
      id: 'username',
      header: t('admin.col.username'),
      sortKey: 'username',
      isRowHeader: true,
      nowrap: true,
      cell: (user) => <span className="ui-mono">{user.username}</span>,
    },
    {
      id: 'name',
      header: t('admin.col.name'),
      nowrap: true,
      cell: (user) => (
        <>
          {user.displayName ?? '—'}
          {user.username === myUsername ? `（${t('admin.you')}）` : null}
        </>
      ),
    },
    { id: 'title', header: t('admin.col.title'), cell: (user) => user.title ?? '—' },
    {
      id: 'roles',
      header: t('admin.col.roles'),
      cell: (user) => user.roles.map((role) => t(`role.${role}`)).join('・'),
    },
    {
      id: 'rank',
      header: t('admin.col.rank'),
      nowrap: true,
      cell: (user) => (user.rank ? t(`rank.${user.rank}`) : '—'),
    },
    {
      id: 'status',
      header: t('admin.col.status'),
      nowrap: true,
      cell: (user) => (
        <span className="ui-row">
          {user.disabled ? (
            <span className="ui-badge ui-badge--neutral">{t('admin.status.disabled')}</span>
          ) : (
            <span className="ui-badge ui-badge--success">{t('admin.status.active')}</span>
          )}
          {user.demo ? <span className="ui-badge ui-badge--info">{t('admin.demo')}</span> : null}
        </span>
      ),
    },
    {
      id: 'created',
      header: t('admin.col.created'),
      nowrap: true,
      cell: (user) => (
        <>
          <DateTimeText value={user.createdAt} />
          <br />
          <span className="ui-muted">{user.createdBy ?? t('admin.createdBySystem')}</span>
        </>
      ),
    },
    {
      id: 'actions',
      header: t('admin.col.actions'),
      nowrap: true,
      cell: (user) =>
        user.disabled || user.username === myUsername ? null : <DisableButton user={user} />,
    },
  ];
}

function DisableButton({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const name = userLabel(user);
  return (
    <ConfirmButton
      label={t('admin.disable')}
      size="small"
      buttonVariant="danger"
      variant="danger"
      title={t('admin.disable.title', { name })}
      body={t('admin.disable.body', { name, username: user.username })}
      irreversible={false}
      onConfirm={async () => {
        await usersApi.disable(user.username);
        await queryClient.invalidateQueries({ queryKey: usersKey });
        toast.success(t('admin.disable.done', { name }));
      }}
    />
  );
}

function RolesTable() {
  return (
    <Section title={t('admin.roles.title')}>
      <ScrollTable caption={t('admin.roles.title')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.roles.col.role')}</th>
            <th scope="col">{t('admin.roles.col.can')}</th>
          </tr>
        </thead>
        <tbody>
          {ROLES.map((role) => (
            <tr key={role}>
              <th scope="row" className="ui-cell--nowrap">
                {t(`role.${role}`)}
              </th>
              <td>{t(`admin.role.${role}`)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  );
}
