import type { ReactNode } from 'react';
import { DateTimeText } from './DateText';

export interface TimelineEntry {
  id: string;
  /** An instant (ISO with zone). */
  at: string;
  title: ReactNode;
  /** Who did it. */
  actor?: string;
  detail?: ReactNode;
}

/** Events in order (oldest first), e.g. a record's audit entries. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <ol className="ui-timeline">
      {entries.map((entry) => (
        <li key={entry.id} className="ui-timeline__item">
          <div>
            <strong>{entry.title}</strong>
          </div>
          <div className="ui-timeline__meta">
            <DateTimeText value={entry.at} />
            {entry.actor ? ` · ${entry.actor}` : null}
          </div>
          {entry.detail ? <div className="ui-small">{entry.detail}</div> : null}
        </li>
      ))}
    </ol>
  );
}
