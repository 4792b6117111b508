// A dialog that asks for a form: 取消 and the submit button at the bottom, both off (and the
// dialog not dismissable) while it is being sent. With formId the fields are a <form>, so Enter
// submits it.
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { Button, Dialog } from '../ui';

export function FormDialog({
  isOpen = true,
  onClose,
  title,
  submitLabel,
  submitting,
  onSubmit,
  formId,
  wide,
  children,
}: {
  isOpen?: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  submitting: boolean;
  onSubmit: () => Promise<unknown>;
  formId?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={title}
      isDismissable={!submitting}
      wide={wide}
      actions={
        <>
          <Button onPress={onClose} isDisabled={submitting}>
            {t('ui.cancel')}
          </Button>
          {formId ? (
            <Button variant="primary" type="submit" form={formId} isDisabled={submitting}>
              {submitLabel}
            </Button>
          ) : (
            <Button variant="primary" onPress={() => void onSubmit()} isDisabled={submitting}>
              {submitLabel}
            </Button>
          )}
        </>
      }
    >
      {formId ? (
        <form
          id={formId}
          className="ui-stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div className="ui-stack">{children}</div>
      )}
    </Dialog>
  );
}
