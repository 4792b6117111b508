import { Meter as AriaMeter } from 'react-aria-components';

export interface MeterSegment {
  /** Integer yen (or any unit) of this part. */
  value: number;
  label: string;
  tone: 'primary' | 'success' | 'warning' | 'danger';
}

/**
 * Parts of a whole as one bar (e.g. a budget: spent, encumbered, available). The bar is a
 * react-aria Meter for assistive technology, valued by the first segments' share; the figures
 * themselves belong beside it, as text.
 */
export function Meter({
  label,
  whole,
  segments,
}: {
  label: string;
  whole: number;
  segments: readonly MeterSegment[];
}) {
  const used = segments.reduce((sum, s) => sum + s.value, 0);
  const percent = whole > 0 ? Math.min(100, (used / whole) * 100) : 0;
  return (
    <AriaMeter aria-label={label} value={percent} className="ui-meter">
      <div className="ui-meter__bar" aria-hidden="true">
        {segments.map((segment) => (
          <div
            key={segment.label}
            className={`ui-meter__segment--${segment.tone}`}
            title={segment.label}
            style={{ width: `${whole > 0 ? Math.min(100, (segment.value / whole) * 100) : 0}%` }}
          />
        ))}
      </div>
    </AriaMeter>
  );
}
