import type { Role } from '@denpyo/schemas';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { t } from '../i18n';
import { Button, ProblemAlert, useDocumentTitle } from '../ui';

export function NotFoundPage() {
  useDocumentTitle(t('app.notFound.title'));
  return (
    <div className="app-message">
      <h1>{t('app.notFound.title')}</h1>
      <p>{t('app.notFound.body')}</p>
      <p>
        <Link to="/">{t('app.notFound.home')}</Link>
      </p>
    </div>
  );
}

/** A path nothing matches, outside the signed-in frame: the page stands alone with its own main. */
export function StandaloneNotFoundPage() {
  return (
    <main id="main" className="app-standalone">
      <NotFoundPage />
    </main>
  );
}

export function ForbiddenPage({ roles }: { roles: readonly Role[] }) {
  useDocumentTitle(t('app.forbidden.title'));
  return (
    <div className="app-message">
      <h1>{t('app.forbidden.title')}</h1>
      <p>{t('app.forbidden.body', { roles: roles.map((r) => t(`role.${r}`)).join('・') })}</p>
      <p>
        <Link to="/">{t('app.notFound.home')}</Link>
      </p>
    </div>
  );
}

export function ErrorPage({ error, reset }: ErrorComponentProps) {
  useDocumentTitle(t('app.error.title'));
  return (
    <main id="main" className="app-standalone app-message">
      <h1>{t('app.error.title')}</h1>
      <p>{t('app.error.body')}</p>
      <ProblemAlert error={error} />
      <div className="ui-row">
        <Button
          variant="primary"
          onPress={() => {
            reset();
            window.location.reload();
          }}
        >
          {t('app.error.retry')}
        </Button>
        <Link to="/">{t('app.notFound.home')}</Link>
      </div>
    </main>
  );
}
