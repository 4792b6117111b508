// Sign-in: POST /api/auth/session sets the HttpOnly session cookie and the CSRF cookie; then back
// to where the user was sent from (?next=), or to their home.
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/resources';
import { toApiError } from '../api/problem';
import { t } from '../i18n';
import { Alert, Button, ProblemAlert, Progress, TextField, useDocumentTitle } from '../ui';
import { safeNext } from './search';
import { homePath, PASSWORD_CHANGE_PATH, sessionQuery } from './session';

export function LoginPage() {
  useDocumentTitle(t('login.title'));
  const search = useSearch({ strict: false }) as { next?: string; expired?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = {
      ...(username.trim() ? {} : { username: t('login.required') }),
      ...(password ? {} : { password: t('login.required') }),
    };
    setErrors(missing);
    setFailure(undefined);
    if (Object.keys(missing).length > 0) return;
    setPending(true);
    try {
      const session = await api.session.signIn(username.trim(), password);
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, session);
      const next = safeNext(search.next);
      // A password someone else chose is changed first; nothing else works until then.
      await navigate({
        to: session.user.mustChangePassword
          ? PASSWORD_CHANGE_PATH
          : (next ?? homePath(session.user)),
        replace: true,
      });
    } catch (error) {
      setPending(false);
      setFailure(error);
    }
  };

  const problem = failure ? toApiError(failure) : undefined;

  return (
    <div className="login">
      <main className="login__panel" id="main">
        <p className="login__brand">
          <span className="app-brand__name">{t('app.name')}</span>
          <span className="app-brand__city">{t('app.city')}</span>
        </p>
        <h1>{t('login.title')}</h1>
        <p className="ui-muted">{t('login.lead')}</p>
        {search.expired ? <Alert tone="warning" title={t('app.sessionExpired')} /> : null}
        <form className="ui-form" onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            label={t('login.username')}
            name="username"
            value={username}
            onChange={setUsername}
            error={errors.username}
            autoComplete="username"
            isRequired
            autoFocus
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            autoComplete="current-password"
            isRequired
          />
          {problem?.status === 401 ? (
            <Alert tone="danger" title={t('login.failed')} live />
          ) : problem?.status === 429 ? (
            <Alert tone="danger" title={t('login.throttled')} live />
          ) : failure ? (
            <ProblemAlert error={failure} />
          ) : null}
          {pending ? <Progress label={t('login.submitting')} /> : null}
          <Button type="submit" variant="primary" isDisabled={pending}>
            {t('login.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
