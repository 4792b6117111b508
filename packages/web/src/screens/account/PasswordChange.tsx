// パスワードの変更: every signed-in user (staff and vendors) changes their own password by giving
// the current one (POST /api/auth/password). The session stays signed in afterwards. A user whose
// password an administrator or procurement chose is sent here first (routes-base.tsx) and told
// why; once it is changed, the rest of the app opens.
import { PasswordChangeRequestSchema, type PasswordChanged, type Session } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { postJson } from '../../api/client';
import { homePath, sessionQuery, userLabel, useUser } from '../../app/session';
import { focusFirstInvalid, useForm } from '../../forms';
import { t } from '../../i18n';
import { FormProblems } from '../../shared/FormProblems';
import { Alert, Button, PageHeader, Progress, Section, TextField, useToast } from '../../ui';

export function PasswordChange() {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const required = user.mustChangePassword === true;
  const form = useForm({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const v = form.values;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (v.confirmPassword !== v.newPassword) {
      form.setError('confirmPassword', t('account.password.mismatch'));
      focusFirstInvalid();
      return;
    }
    const body = { currentPassword: v.currentPassword, newPassword: v.newPassword };
    const changed = await form.submit(PasswordChangeRequestSchema, body, (parsed, key) =>
      postJson<PasswordChanged>('/api/auth/password', parsed, { idempotencyKey: key }),
    );
    if (!changed) return;
    form.reset();
    toast.success(t('account.password.done'));
    if (required) {
      // The portal no longer refuses this user: forget the demand and open the app.
      queryClient.setQueryData(sessionQuery.queryKey, (session: Session | null | undefined) => {
        if (!session) return session;
        const signedIn = { ...session.user };
        delete signedIn.mustChangePassword;
        return { ...session, user: signedIn };
      });
      await navigate({ to: homePath(user), replace: true });
    }
  };

  return (
    <>
      <PageHeader
        title={t('account.password.title')}
        lead={t('account.password.lead', { name: userLabel(user) })}
      />
      <form className="ui-form" onSubmit={(event) => void submit(event)} noValidate>
        {required ? (
          <Alert tone="warning" title={t('account.password.required.title')}>
            {t('account.password.required.body')}
          </Alert>
        ) : null}
        <Section title={t('account.password.section')}>
          <div className="ui-stack">
            {/* Lets password managers tie the new password to this account. */}
            <input
              type="text"
              name="username"
              autoComplete="username"
              value={user.username}
              readOnly
              hidden
            />
            <TextField
              label={t('account.password.current')}
              type="password"
              isRequired
              width="medium"
              autoComplete="current-password"
              {...form.field('currentPassword')}
            />
            <TextField
              label={t('account.password.new')}
              hint={t('account.password.new.hint')}
              type="password"
              isRequired
              width="medium"
              autoComplete="new-password"
              {...form.field('newPassword')}
            />
            <TextField
              label={t('account.password.confirm')}
              type="password"
              isRequired
              width="medium"
              autoComplete="new-password"
              {...form.field('confirmPassword')}
            />
          </div>
        </Section>
        <FormProblems form={form} />
        {form.submitting ? <Progress label={t('app.saving')} /> : null}
        <div className="ui-row">
          <Button type="submit" variant="primary" isDisabled={form.submitting}>
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
