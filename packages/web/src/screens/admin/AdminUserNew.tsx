// 利用者の登録: a staff user with the name and title vouchers print, roles as checkboxes and, for
// an approver, the rank the delegation rules (専決規程) route by. The vendor role is not offered:
// procurement creates vendor logins from the vendor's page.
import { RANKS, STAFF_ROLES, StaffUserCreateRequestSchema, type Role } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { focusFirstInvalid, useForm, validate } from '../../forms';
import { t } from '../../i18n';
import { FormProblems } from '../../shared/FormProblems';
import {
  Button,
  CheckboxField,
  PageHeader,
  Progress,
  Section,
  SelectField,
  TextField,
  useToast,
} from '../../ui';
import { usersApi, usersKey } from './users-api';
import './admin.css';

export function AdminUserNew() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [roles, setRoles] = useState<ReadonlySet<Role>>(new Set());
  const form = useForm(
    { username: '', displayName: '', title: '', department: '', rank: '', password: '' },
    { owns: (path) => path === 'roles' || path.startsWith('roles.') },
  );
  const v = form.values;
  const approver = roles.has('approver');

  const toggle = (role: Role, on: boolean) => {
    const next = new Set(roles);
    if (on) next.add(role);
    else next.delete(role);
    setRoles(next);
    form.setError('roles', undefined);
    if (role === 'approver' && !on) form.set('rank', '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      username: v.username.trim(),
      displayName: v.displayName,
      title: v.title,
      ...(v.department.trim() ? { department: v.department } : {}),
      password: v.password,
      roles: STAFF_ROLES.filter((role) => roles.has(role)),
      ...(approver ? { rank: v.rank } : {}),
    };
    // The rules the portal checks too, said here first (with the schema's) in this screen's words.
    const checked = validate(StaffUserCreateRequestSchema, body);
    const errors = {
      ...(checked.ok ? {} : checked.errors),
      ...(roles.size === 0 ? { roles: t('admin.new.roles.required') } : {}),
      ...(approver && !v.rank ? { rank: t('admin.new.rank.required') } : {}),
    };
    if (Object.keys(errors).length > 0) {
      for (const [path, message] of Object.entries(errors)) form.setError(path, message);
      focusFirstInvalid();
      return;
    }
    const created = await form.submit(StaffUserCreateRequestSchema, body, (parsed, key) =>
      usersApi.create(parsed, key),
    );
    if (!created) return;
    await queryClient.invalidateQueries({ queryKey: usersKey });
    toast.success(
      t('admin.new.done', {
        name: created.displayName ?? created.username,
        username: created.username,
      }),
    );
    await navigate({ to: '/admin/users' });
  };

  const rolesError = form.errors.roles;
  return (
    <>
      <PageHeader
        title={t('admin.new.title')}
        lead={t('admin.new.lead')}
        back={{ to: '/admin/users', label: t('admin.title') }}
      />
      <form className="ui-form" onSubmit={(event) => void submit(event)} noValidate>
        <Section title={t('admin.new.section.person')}>
          <div className="ui-stack">
            <TextField
              label={t('admin.new.displayName')}
              hint={t('admin.new.displayName.hint')}
              isRequired
              width="medium"
              {...form.field('displayName')}
            />
            <TextField
              label={t('admin.new.jobTitle')}
              hint={t('admin.new.jobTitle.hint')}
              isRequired
              width="medium"
              {...form.field('title')}
            />
            <TextField
              label={t('admin.new.department')}
              hint={t('admin.new.department.hint')}
              width="medium"
              {...form.field('department')}
            />
            <TextField
              label={t('admin.new.username')}
              hint={t('admin.new.username.hint')}
              isRequired
              width="medium"
              autoComplete="off"
              {...form.field('username')}
            />
          </div>
        </Section>
        <Section title={t('admin.new.section.roles')}>
          <div className="ui-stack">
            <fieldset
              className="admin-roles"
              aria-invalid={rolesError ? true : undefined}
              aria-describedby="admin-roles-hint admin-roles-error"
            >
              <legend className="ui-field__label">
                {t('admin.new.roles')}
                <span className="ui-field__tag ui-field__tag--required" aria-hidden="true">
                  {t('ui.required')}
                </span>
              </legend>
              <p id="admin-roles-hint" className="ui-field__hint">
                {t('admin.new.roles.hint')}
              </p>
              <div className="admin-roles__options">
                {STAFF_ROLES.map((role) => (
                  <div key={role} className="admin-roles__option">
                    <CheckboxField
                      label={t(`role.${role}`)}
                      isSelected={roles.has(role)}
                      onChange={(on) => toggle(role, on)}
                    />
                    <span className="ui-field__hint">{t(`admin.role.${role}`)}</span>
                  </div>
                ))}
              </div>
              <p id="admin-roles-error" className="ui-field__error" role="alert">
                {rolesError ?? ''}
              </p>
            </fieldset>
            {approver ? (
              <SelectField
                label={t('admin.new.rank')}
                hint={t('admin.new.rank.hint')}
                isRequired
                width="narrow"
                options={RANKS.map((rank) => ({ id: rank, label: t(`rank.${rank}`) }))}
                {...form.field('rank')}
              />
            ) : null}
          </div>
        </Section>
        <Section title={t('admin.new.section.password')}>
          <TextField
            label={t('admin.new.password')}
            hint={t('admin.new.password.hint')}
            type="password"
            isRequired
            width="medium"
            autoComplete="new-password"
            {...form.field('password')}
          />
        </Section>
        <FormProblems form={form} />
        {form.submitting ? <Progress label={t('app.saving')} /> : null}
        <div className="ui-row">
          <Button type="submit" variant="primary" isDisabled={form.submitting}>
            {t('admin.new.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
