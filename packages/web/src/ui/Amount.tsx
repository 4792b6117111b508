import { formatYen } from '../format';

export interface AmountProps {
  /** Integer yen. */
  value: number;
  /** Right-aligned on a line of its own (outside a table's end-aligned cell). */
  block?: boolean;
  large?: boolean;
}

/** An amount as ¥1,234,567 (tabular figures; tables align its column to the right). */
export function Amount({ value, block, large }: AmountProps) {
  const className = ['ui-amount', block ? 'ui-amount--block' : '', large ? 'ui-amount--large' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <data value={value} className={className}>
      {formatYen(value)}
    </data>
  );
}
