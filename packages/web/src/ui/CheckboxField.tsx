import type { ReactNode } from 'react';
import { Checkbox } from 'react-aria-components';

export interface CheckboxFieldProps {
  label: ReactNode;
  isSelected: boolean;
  onChange: (isSelected: boolean) => void;
  isDisabled?: boolean;
  /** For a checkbox in a table row: what it selects, read out instead of a visible label. */
  ariaLabel?: string;
}

export function CheckboxField({
  label,
  isSelected,
  onChange,
  isDisabled,
  ariaLabel,
}: CheckboxFieldProps) {
  return (
    <Checkbox
      className="ui-checkbox-rac"
      isSelected={isSelected}
      onChange={onChange}
      isDisabled={Boolean(isDisabled)}
      {...(ariaLabel ? { 'aria-label': ariaLabel } : {})}
    >
      <span className="ui-checkbox__box" aria-hidden="true" />
      {label}
    </Checkbox>
  );
}
