import type { Key } from 'react';
import {
  Button as AriaButton,
  ComboBox,
  Input,
  ListBox,
  ListBoxItem,
  Popover,
} from 'react-aria-components';
import { t } from '../i18n';
import { fieldClass, HintAndError, LabelText, type FieldChrome } from './Field';
import type { Option } from './SelectField';

export interface ComboFieldProps extends FieldChrome {
  name?: string;
  /** The chosen option's id ('' for none). */
  selectedId: string;
  onSelect: (option: Option | undefined) => void;
  /** What is typed; the caller searches with it (e.g. GET /api/banks?q=). */
  inputValue: string;
  onInputChange: (value: string) => void;
  /** The options for the current input (server-side search). */
  options: readonly Option[];
  /** Shown in the open list when nothing matches. */
  emptyText?: string;
  isDisabled?: boolean;
  isLoading?: boolean;
  placeholder?: string;
}

/**
 * Type to search, pick from the list (react-aria ComboBox). Searching is the caller's: it gets
 * inputValue and passes the matching options, so long lists (banks, vendors) stay on the server.
 */
export function ComboField(props: ComboFieldProps) {
  const {
    name,
    selectedId,
    onSelect,
    inputValue,
    onInputChange,
    options,
    emptyText,
    isDisabled,
    error,
    isRequired,
    placeholder,
  } = props;
  return (
    <ComboBox
      className={fieldClass(props)}
      {...(name ? { name } : {})}
      items={options}
      selectedKey={selectedId === '' ? null : selectedId}
      onSelectionChange={(key: Key | null) =>
        onSelect(key === null ? undefined : options.find((o) => o.id === String(key)))
      }
      inputValue={inputValue}
      onInputChange={onInputChange}
      menuTrigger="focus"
      allowsEmptyCollection
      allowsCustomValue={false}
      isInvalid={Boolean(error)}
      isRequired={Boolean(isRequired)}
      isDisabled={Boolean(isDisabled)}
      validationBehavior="aria"
    >
      <LabelText {...props} />
      <div className="ui-combo__group">
        <Input {...(placeholder ? { placeholder } : {})} />
        <AriaButton aria-label={props.label}>▾</AriaButton>
      </div>
      <HintAndError {...props} />
      <Popover className="ui-popover">
        <ListBox
          className="ui-listbox"
          renderEmptyState={() => (
            <div className="ui-listbox__empty">
              {props.isLoading ? t('app.loading') : (emptyText ?? '')}
            </div>
          )}
        >
          {(option: Option) => (
            <ListBoxItem id={option.id} className="ui-listbox__item" textValue={option.label}>
              {option.label}
              {option.description ? (
                <span className="ui-listbox__sub">{option.description}</span>
              ) : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
