import { formatReiwa, formatReiwaDateTime, formatSeireki } from '../format';

/** A date as 令和8年11月26日, the ISO date in <time datetime> and in the tooltip. */
export function DateText({
  value,
  style = 'reiwa',
}: {
  value: string;
  style?: 'reiwa' | 'seireki';
}) {
  return (
    <time dateTime={value} title={value} className="ui-date">
      {style === 'reiwa' ? formatReiwa(value) : formatSeireki(value)}
    </time>
  );
}

/** An instant as 令和8年11月26日 15:05 (Japan time), the ISO instant in datetime and title. */
export function DateTimeText({ value }: { value: string }) {
  return (
    <time dateTime={value} title={value} className="ui-date">
      {formatReiwaDateTime(value)}
    </time>
  );
}
