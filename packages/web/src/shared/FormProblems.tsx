import type { Form } from '../forms';
import { t } from '../i18n';
import { Alert, ProblemAlert } from '../ui';

/**
 * What went wrong with a form as a whole, above its buttons: the API's refusal (in Japanese, its
 * detail kept) and any field messages for fields the form does not show.
 */
export function FormProblems({
  form,
}: {
  form: Pick<Form<Record<string, string>>, 'formError' | 'otherErrors'>;
}) {
  if (!form.formError && form.otherErrors.length === 0) return null;
  return (
    <div className="ui-stack">
      {form.formError ? <ProblemAlert error={form.formError} /> : null}
      {form.otherErrors.length > 0 ? (
        <Alert tone="danger" title={t('problem.400')} live>
          <ul>
            {form.otherErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
