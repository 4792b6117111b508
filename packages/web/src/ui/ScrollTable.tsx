import { useId, type ReactNode } from 'react';

/**
 * A plain table (no server paging) in the scrolling frame every table has: focusable and named
 * by its caption, so a keyboard user can scroll a table wider than the screen sideways.
 */
export function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="ui-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="ui-table" aria-labelledby={captionId}>
        <caption id={captionId} className="ui-visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
