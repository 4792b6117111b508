import { Link } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { t } from '../i18n';

export interface PageHeaderProps {
  /** The page's one <h1>; also the document title. */
  title: string;
  lead?: ReactNode;
  /** Buttons or links for the page's main actions, at the right. */
  actions?: ReactNode;
  /** A link back to the list the page belongs to. */
  back?: { to: string; label: string };
  /** Shown under the title (e.g. a status badge). */
  meta?: ReactNode;
}

export function PageHeader({ title, lead, actions, back, meta }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="ui-page-header">
      <div className="ui-page-header__text">
        {back ? (
          <Link to={back.to} className="ui-page-header__back">
            ← {back.label}
          </Link>
        ) : null}
        <h1>{title}</h1>
        {meta ? <div className="ui-row">{meta}</div> : null}
        {lead ? <p className="ui-page-header__lead">{lead}</p> : null}
      </div>
      {actions ? <div className="ui-row">{actions}</div> : null}
    </header>
  );
}

/** Sets the document title to 'page — 伝票'. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title]);
}
