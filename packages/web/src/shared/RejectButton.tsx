// 差し戻す / 却下する with a required reason: the button opens the confirmation with the reason
// field, checks the reason as the API will (RejectRequestSchema), shows a refused reason under the
// field as well as in the dialog, and empties it once done.
import { RejectRequestSchema } from '@denpyo/schemas';
import { useState, type ReactNode } from 'react';
import { ApiError, toApiError } from '../api';
import { validate } from '../forms';
import { ConfirmButton, TextField, type ButtonVariant } from '../ui';

export function RejectButton({
  label,
  title,
  body,
  reasonLabel,
  reasonHint,
  isDisabled,
  size,
  buttonVariant,
  onReject,
}: {
  label: string;
  title: string;
  body: ReactNode;
  reasonLabel: string;
  reasonHint?: string;
  isDisabled?: boolean;
  size?: 'medium' | 'small';
  buttonVariant: ButtonVariant;
  /** Sends the checked (trimmed) reason; a failure stays in the dialog. */
  onReject: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const reject = async () => {
    const checked = validate(RejectRequestSchema, { reason });
    if (!checked.ok) {
      setReasonError(checked.errors.reason);
      throw new ApiError({ status: 400, title: 'Bad Request', detail: checked.errors.reason });
    }
    try {
      await onReject(checked.value.reason);
    } catch (error) {
      setReasonError(toApiError(error).fieldError('reason'));
      throw error;
    }
    setReason('');
  };
  return (
    <ConfirmButton
      label={label}
      buttonVariant={buttonVariant}
      variant="danger"
      title={title}
      body={body}
      canConfirm={reason.trim() !== ''}
      onConfirm={reject}
      isDisabled={isDisabled}
      size={size}
    >
      <TextField
        label={reasonLabel}
        hint={reasonHint}
        isRequired
        multiline
        maxLength={500}
        value={reason}
        error={reasonError}
        onChange={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
      />
    </ConfirmButton>
  );
}
