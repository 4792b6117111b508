import { useState, type ReactNode } from 'react';
import { t } from '../i18n';
import { ProblemAlert } from './Alert';
import { Button, type ButtonVariant } from './Button';
import { Dialog } from './Dialog';
import { Progress } from './Progress';

export interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  title: string;
  /** What will happen, naming the record (document number, amount). */
  body: ReactNode;
  /** The verb on the confirm button (e.g. 検収する). */
  confirmLabel: string;
  /** Runs the step; the dialog shows progress meanwhile, closes on success, shows a failure. */
  onConfirm: () => Promise<unknown>;
  /** Adds 「この操作は取り消せません。」 (approve, order, settle). */
  irreversible?: boolean;
  variant?: Extract<ButtonVariant, 'primary' | 'danger'>;
  /** Extra inputs (a comment, a reason) shown between the text and the buttons. */
  children?: ReactNode;
  /** False keeps the confirm button disabled (e.g. a required reason is empty). */
  canConfirm?: boolean;
}

/** Asks before an irreversible step, then runs it with visible progress and any failure shown. */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  title,
  body,
  confirmLabel,
  onConfirm,
  irreversible = true,
  variant = 'primary',
  children,
  canConfirm = true,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const close = (open: boolean) => {
    if (pending) return;
    if (!open) setError(undefined);
    onOpenChange(open);
  };

  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      setPending(false);
      onOpenChange(false);
    } catch (failure) {
      setPending(false);
      setError(failure);
    }
  };

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={close}
      title={title}
      role="alertdialog"
      isDismissable={!pending}
      actions={
        <>
          <Button onPress={() => close(false)} isDisabled={pending}>
            {t('ui.confirm.cancel')}
          </Button>
          <Button
            variant={variant}
            onPress={() => void confirm()}
            isDisabled={pending || !canConfirm}
            autoFocus
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="ui-stack">
        <div>{body}</div>
        {irreversible ? <p className="ui-field__hint">{t('ui.confirm.irreversible')}</p> : null}
        {children}
        {pending ? <Progress label={t('app.saving')} /> : null}
        {error ? <ProblemAlert error={error} /> : null}
      </div>
    </Dialog>
  );
}

/** A button that opens a ConfirmDialog: the usual way to offer an irreversible step. */
export function ConfirmButton({
  label,
  buttonVariant = 'primary',
  isDisabled,
  size,
  ...dialog
}: Omit<ConfirmDialogProps, 'isOpen' | 'onOpenChange' | 'confirmLabel'> & {
  label: string;
  confirmLabel?: string;
  buttonVariant?: ButtonVariant;
  isDisabled?: boolean;
  size?: 'medium' | 'small';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={buttonVariant}
        onPress={() => setOpen(true)}
        {...(isDisabled !== undefined ? { isDisabled } : {})}
        {...(size ? { size } : {})}
      >
        {label}
      </Button>
      <ConfirmDialog
        {...dialog}
        confirmLabel={dialog.confirmLabel ?? label}
        isOpen={open}
        onOpenChange={setOpen}
      />
    </>
  );
}
