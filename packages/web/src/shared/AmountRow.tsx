// One row of a totals table (.tax-preview): its label, an optional note under it, and the amount;
// `total` marks the row that sums the ones above it.
import type { ReactNode } from 'react';
import { Amount } from '../ui';

export function AmountRow({
  label,
  note,
  value,
  total = false,
}: {
  label: ReactNode;
  note?: string;
  value: number;
  total?: boolean;
}) {
  return (
    <tr className={total ? 'tax-preview__total' : undefined}>
      <th scope="row">
        {label}
        {note ? <span className="tax-preview__note">{note}</span> : null}
      </th>
      <td>
        <Amount value={value} />
      </td>
    </tr>
  );
}
