// Pieces both audit screens use: the tabs between them and one entry's before/after.
import type { AuditEntry } from '@denpyo/schemas';
import { Link } from '@tanstack/react-router';
import { t } from '../../i18n';
import { snapshotLines } from './audit-words';

export function AuditTabs({ current }: { current: 'search' | 'document' }) {
  return (
    <nav className="acc-view-switch" aria-label={t('audit.title')}>
      <Link
        to="/audit"
        className={`acc-view-switch__item${current === 'search' ? ' acc-view-switch__item--active' : ''}`}
        aria-current={current === 'search' ? 'page' : undefined}
      >
        {t('audit.tab.search')}
      </Link>
      <Link
        to="/audit/document"
        className={`acc-view-switch__item${current === 'document' ? ' acc-view-switch__item--active' : ''}`}
        aria-current={current === 'document' ? 'page' : undefined}
      >
        {t('audit.tab.document')}
      </Link>
    </nav>
  );
}

function Snapshot({ label, snapshot }: { label: string; snapshot: AuditEntry['before'] }) {
  const lines = snapshotLines(snapshot);
  return (
    <div>
      <p className="audit-snapshot__label">{label}</p>
      {lines.length === 0 ? (
        <p className="ui-small ui-muted">{t('audit.detail.none')}</p>
      ) : (
        <pre className="audit-snapshot">{lines.join('\n')}</pre>
      )}
    </div>
  );
}

/** The entry's snapshots, folded (a native <details>: keyboard and screen readers for free). */
export function EntryChanges({ entry }: { entry: AuditEntry }) {
  if (!entry.before && !entry.after) return <>—</>;
  return (
    <details className="audit-changes">
      <summary>{t('audit.detail.show')}</summary>
      <div className="audit-changes__body">
        <Snapshot label={t('audit.detail.before')} snapshot={entry.before} />
        <Snapshot label={t('audit.detail.after')} snapshot={entry.after} />
      </div>
    </details>
  );
}
