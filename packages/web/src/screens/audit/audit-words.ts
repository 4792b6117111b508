// Audit entries in words: the action (契約を決裁に提出, 振込を承認 …) and the kind of record, from
// the catalogue; an action the catalogue does not know yet is shown as recorded. Pure.
import type { AuditEntry } from '@denpyo/schemas';
import { hasMessage, t } from '../../i18n';

/** The Japanese name of an entry's action. */
export function auditActionLabel(entry: Pick<AuditEntry, 'action' | 'entityType'>): string {
  // The invoice service records its status changes as bare verbs ('inspect', 'approve', 'reject').
  const qualified = entry.action.includes('.')
    ? entry.action
    : `${entry.entityType}.${INVOICE_VERBS[entry.action] ?? entry.action}`;
  for (const key of [`timeline.action.${qualified}`, `audit.action.${qualified}`]) {
    if (hasMessage(key)) return t(key);
  }
  return entry.action;
}

const INVOICE_VERBS: Record<string, string> = {
  inspect: 'inspected',
  approve: 'approved',
  reject: 'rejected',
};

/** The Japanese name of a kind of record (契約, 振込 …). */
export function entityTypeLabel(entityType: string): string {
  const key = `audit.entity.${entityType}`;
  return hasMessage(key) ? t(key) : entityType;
}

/** A snapshot as readable lines 'field: value' (the entry keeps the full JSON). */
export function snapshotLines(snapshot: Record<string, unknown> | null): string[] {
  if (!snapshot) return [];
  return Object.entries(snapshot).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
}

/** Entries from several trails as one timeline: oldest first, each entry once. */
export function mergeEntries(lists: readonly (readonly AuditEntry[])[]): AuditEntry[] {
  const seen = new Set<string>();
  const merged: AuditEntry[] = [];
  for (const list of lists) {
    for (const entry of list) {
      const key = `${entry.entityType}:${entry.id}:${entry.at}:${entry.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(entry);
    }
  }
  return merged.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** A UUID (an entity id typed into the document search) rather than a document number. */
export function looksLikeId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());
}
