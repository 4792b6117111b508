// Form fields: a visible label (with 必須/任意), a hint, and the error for that field right below
// it, wired for assistive technology by react-aria (aria-describedby, aria-invalid). Each kind of
// field is its own module so a screen loads only the react-aria code of the fields it shows.
import type { ReactNode } from 'react';
import { FieldError, Label, Text } from 'react-aria-components';
import { t } from '../i18n';

export interface FieldChrome {
  label: string;
  hint?: ReactNode;
  /** The message for this field (from the schema or the API's problem), in Japanese. */
  error?: string | undefined;
  /** Positive feedback once the value checks out (e.g. 法人番号の形式は正しいです). */
  ok?: string | undefined;
  isRequired?: boolean;
  /** Show 任意 next to the label of an optional field. */
  showOptional?: boolean;
  width?: 'narrow' | 'medium' | 'full';
  className?: string;
}

export function fieldClass(chrome: FieldChrome, extra?: string): string {
  return [
    'ui-field',
    chrome.width === 'narrow' ? 'ui-field--narrow' : '',
    chrome.width === 'medium' ? 'ui-field--medium' : '',
    extra ?? '',
    chrome.className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function LabelText({ label, isRequired, showOptional }: FieldChrome) {
  return (
    <Label className="ui-field__label">
      {label}
      {isRequired ? (
        // Shown, not read out: the input itself says it is required (aria-required).
        <span className="ui-field__tag ui-field__tag--required" aria-hidden="true">
          {t('ui.required')}
        </span>
      ) : showOptional ? (
        <span className="ui-field__tag" aria-hidden="true">
          {t('ui.optional')}
        </span>
      ) : null}
    </Label>
  );
}

export function HintAndError({ hint, error, ok }: FieldChrome) {
  return (
    <>
      {hint ? (
        <Text slot="description" className="ui-field__hint">
          {hint}
        </Text>
      ) : null}
      <FieldError className="ui-field__error">{error}</FieldError>
      {!error && ok ? (
        <span className="ui-field__ok" role="status">
          {ok}
        </span>
      ) : null}
    </>
  );
}
