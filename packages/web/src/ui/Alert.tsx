import type { ReactNode } from 'react';
import { toApiError } from '../api/problem';
import { hasMessage, t } from '../i18n';

export interface AlertProps {
  tone?: 'info' | 'success' | 'warning' | 'danger';
  title: ReactNode;
  children?: ReactNode;
  /** role=alert for something that just went wrong; status for news. */
  live?: boolean;
}

export function Alert({ tone = 'info', title, children, live }: AlertProps) {
  return (
    <div
      className={`ui-alert ui-alert--${tone}`}
      {...(live ? { role: tone === 'danger' ? 'alert' : 'status' } : {})}
    >
      <p className="ui-alert__title">{title}</p>
      {children ? <div className="ui-alert__detail">{children}</div> : null}
    </div>
  );
}

/** The Japanese sentence for a failed call: by status, the CSRF case, or no network. */
export function problemMessage(error: unknown): string {
  const problem = toApiError(error);
  if (problem.status === 0) return t('problem.network');
  if (problem.isCsrf) return t('problem.csrf');
  const key = `problem.${problem.status}`;
  if (hasMessage(key)) return t(key);
  return problem.status >= 500 ? t('problem.500') : t('problem.400');
}

/** A failed call, in Japanese, with the service's own words as the detail. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = toApiError(error);
  const detail = problem.detail && problem.status !== 0 ? problem.detail : undefined;
  return (
    <Alert tone="danger" title={problemMessage(error)} live>
      {detail ? t('problem.detail', { detail }) : null}
    </Alert>
  );
}
