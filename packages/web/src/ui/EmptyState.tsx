import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What to do next. */
  body?: ReactNode;
  /** The next step as a button or link. */
  action?: ReactNode;
}

/** Shown instead of an empty list: says why it is empty and what to do next. */
export function EmptyState({ title, body, action }: EmptyStateProps) {
  return (
    <div className="ui-empty">
      <p className="ui-empty__title">{title}</p>
      {body ? <p className="ui-empty__body">{body}</p> : null}
      {action ? <div className="ui-row">{action}</div> : null}
    </div>
  );
}
