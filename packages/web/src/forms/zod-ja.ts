// zod's own messages (a missing field, a string too long, a malformed date) in Japanese, from the
// catalogue. Messages a schema writes itself ('check digit does not match') keep precedence and
// are put into Japanese by fieldMessage().
import { z } from 'zod';
import { t } from '../i18n';

interface IssueLike {
  code?: string | undefined;
  input?: unknown;
  origin?: string | undefined;
  minimum?: unknown;
  maximum?: unknown;
  format?: string | undefined;
  expected?: string | undefined;
}

/** The Japanese message for one of zod's built-in issues. */
export function zodIssueMessage(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === '') return t('error.required');
      return issue.expected === 'number' || issue.expected === 'int'
        ? t('error.amount')
        : t('error.invalid');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('error.required')
          : t('error.tooShort', { min: String(issue.minimum) });
      }
      if (issue.origin === 'number') return t('error.amount');
      if (issue.origin === 'array') return t('error.required');
      return t('error.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('error.tooLong', { max: String(issue.maximum) });
      return t('error.invalid');
    case 'invalid_format':
      return issue.format === 'date' ? t('error.date') : t('error.invalid');
    default:
      return t('error.invalid');
  }
}

z.config({ customError: (issue) => zodIssueMessage(issue as IssueLike) });
