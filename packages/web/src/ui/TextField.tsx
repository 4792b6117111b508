import { Input, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { fieldClass, HintAndError, LabelText, type FieldChrome } from './Field';

export interface TextFieldProps extends FieldChrome {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  type?: 'text' | 'password' | 'date' | 'search' | 'email' | 'tel';
  inputMode?: 'text' | 'numeric' | 'decimal' | 'search';
  autoComplete?: string;
  maxLength?: number;
  placeholder?: string;
  isDisabled?: boolean;
  isReadOnly?: boolean;
  /** An amount: right-aligned, numeric keyboard. */
  amount?: boolean;
  multiline?: boolean;
  autoFocus?: boolean;
}

/** A text input (also date, password, amount, or a multi-line text). */
export function TextField(props: TextFieldProps) {
  const {
    name,
    value,
    onChange,
    onBlur,
    type = 'text',
    inputMode,
    autoComplete,
    maxLength,
    placeholder,
    isDisabled,
    isReadOnly,
    amount,
    multiline,
    autoFocus,
    error,
    isRequired,
  } = props;
  return (
    <AriaTextField
      className={fieldClass(props, amount ? 'ui-field--amount' : undefined)}
      {...(name ? { name } : {})}
      value={value}
      onChange={onChange}
      {...(onBlur ? { onBlur } : {})}
      type={type}
      {...(inputMode || amount ? { inputMode: inputMode ?? 'numeric' } : {})}
      {...(autoComplete ? { autoComplete } : {})}
      {...(maxLength ? { maxLength } : {})}
      isInvalid={Boolean(error)}
      isRequired={Boolean(isRequired)}
      isDisabled={Boolean(isDisabled)}
      isReadOnly={Boolean(isReadOnly)}
      validationBehavior="aria"
      {...(autoFocus ? { autoFocus } : {})}
    >
      <LabelText {...props} />
      {multiline ? (
        <TextArea {...(placeholder ? { placeholder } : {})} />
      ) : (
        <Input {...(placeholder ? { placeholder } : {})} />
      )}
      <HintAndError {...props} />
    </AriaTextField>
  );
}
