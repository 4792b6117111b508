// A dialog that asks for a form: the fields, then what went wrong (FormProblems) and the progress
// while it is sent; 取消 and the submit button at the bottom, both off (and the dialog not
// dismissable) meanwhile. With formId the fields are a <form>, so Enter submits it.
import type { ReactNode } from 'react';
import type { Form } from '../forms';
import { t } from '../i18n';
import { Button, Dialog, Progress } from '../ui';
import { FormProblems } from './FormProblems';

export function FormDialog({
  isOpen = true,
  onClose,
  title,
  submitLabel,
  form,
  onSubmit,
  formId,
  wide,
  children,
}: {
  isOpen?: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  form: Pick<Form<Record<string, string>>, 'submitting' | 'formError' | 'otherErrors'>;
  onSubmit: () => Promise<unknown>;
  formId?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const { submitting } = form;
  const body = (
    <>
      {children}
      <FormProblems form={form} />
      {submitting ? <Progress label={t('app.saving')} /> : null}
    </>
  );
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
          {body}
        </form>
      ) : (
        <div className="ui-stack">{body}</div>
      )}
    </Dialog>
  );
}
