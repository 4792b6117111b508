// A record's timeline from its audit entries (GET /api/contracts/{id}/history, …/invoices/{id}/
// history): what happened, when, by whom (by name and title when the record names them, see
// people.ts), oldest first.
import type { AuditEntry } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { api, detailQuery } from '../api';
import { formatYen } from '../format';
import { hasMessage, t } from '../i18n';
import { Loading, Timeline } from '../ui';
import { personName, type NamedPerson } from './people';

export function historyTitle(action: string): string {
  const key = `timeline.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

export function toTimeline(entries: readonly AuditEntry[], people: readonly NamedPerson[] = []) {
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.at,
    title: historyTitle(entry.action),
    actor: personName(entry.actor, people),
    ...(entry.amount !== undefined
      ? { detail: t('timeline.amount', { amount: formatYen(entry.amount) }) }
      : {}),
  }));
}

export function HistoryTimeline({
  kind,
  id,
  people,
}: {
  kind: 'contracts' | 'invoices';
  id: string;
  /** The people the record names, to show them by name (see contractPeople, invoicePeople). */
  people?: readonly NamedPerson[];
}) {
  const query = useQuery(
    detailQuery(kind, id, (signal) => api[kind].history(id, signal), 'history'),
  );
  if (query.isPending) return <Loading />;
  if (query.isError) return <p className="ui-muted">{t('timeline.unavailable')}</p>;
  if (query.data.length === 0) return <p className="ui-muted">{t('timeline.empty')}</p>;
  return <Timeline entries={toTimeline(query.data, people)} />;
}
