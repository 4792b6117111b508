import type { Key } from 'react';
import {
  Button as AriaButton,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { fieldClass, HintAndError, LabelText, type FieldChrome } from './Field';

export interface Option {
  id: string;
  label: string;
  /** A second line (e.g. a bank's kana). */
  description?: string;
}

export interface SelectFieldProps extends FieldChrome {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  placeholder?: string;
  isDisabled?: boolean;
}

/** A choice among a few fixed options (react-aria Select: a button and a listbox). */
export function SelectField(props: SelectFieldProps) {
  const { name, value, onChange, options, placeholder, isDisabled, error, isRequired } = props;
  return (
    <Select
      className={fieldClass(props)}
      {...(name ? { name } : {})}
      selectedKey={value === '' ? null : value}
      onSelectionChange={(key: Key | null) => onChange(key === null ? '' : String(key))}
      isInvalid={Boolean(error)}
      isRequired={Boolean(isRequired)}
      isDisabled={Boolean(isDisabled)}
      validationBehavior="aria"
      {...(placeholder ? { placeholder } : {})}
    >
      <LabelText {...props} />
      <AriaButton className="ui-select__button">
        <SelectValue />
        <span aria-hidden="true" className="ui-select__chevron">
          ▾
        </span>
      </AriaButton>
      <HintAndError {...props} />
      <Popover className="ui-popover">
        <ListBox className="ui-listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="ui-listbox__item" textValue={option.label}>
              {option.label}
              {option.description ? (
                <span className="ui-listbox__sub">{option.description}</span>
              ) : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
