// Field messages arrive in English, from the shared zod schemas (checked in the browser) or in a
// problem's errors[] (checked by a service with the same schemas). Each one the schemas and
// services write is given its Japanese words here; anything else reads as "check this field"
// with the original text kept so nothing is lost.
import { t, type MessageKey } from './index';

const EXACT: Record<string, MessageKey> = {
  'must be 13 digits': 'error.digits13',
  'check digit does not match': 'error.checkDigit',
  "must be 'T' followed by 13 digits": 'error.tNumber',
  'must be 4 digits': 'error.digits4',
  'must be 3 digits': 'error.digits3',
  'must be 1 to 7 digits': 'error.digits1to7',
  "must be 款.項.目.節 as four two-digit groups, e.g. '01.02.03.04'": 'error.budgetCode',
  'must not be before startDate': 'error.endBeforeStart',
  'must not be before from': 'error.toBeforeFrom',
  'must not be less than minAmount': 'error.maxBelowMin',
  'may contain only a-z, 0-9, ".", "_" and "-"': 'error.username',
  'must be a non-negative integer': 'error.nonNegativeInteger',
  'must not be blank': 'error.required',
  // The portal's user rules (services/portal/src/domain/staff-user.ts, change-password.ts).
  'the current password is wrong': 'account.error.currentWrong',
  'the new password must differ from the current one': 'account.error.sameAsCurrent',
  'an approver needs a rank': 'admin.error.rankRequired',
  'only approvers have a rank': 'admin.error.rankOnlyApprover',
  'each role may be given once': 'admin.error.roleTwice',
  'the vendor role is not for staff: procurement creates vendor logins with POST /api/vendors/{id}/portal-users':
    'admin.error.vendorRole',
  'you cannot disable yourself': 'admin.error.self',
};

const PATTERNS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^unknown bank code/, () => t('error.unknownBank')],
  [/^unknown branch/, () => t('error.unknownBranch')],
  [
    /^character "(.+)" at position \d+ cannot be written in Zengin kana/,
    (m) => t('error.kana', { character: unescapeJson(m[1]!) }),
  ],
  [
    /^Too big: expected string to have <=(\d+) characters/,
    (m) => t('error.tooLong', { max: m[1]! }),
  ],
  [/^Too small: expected string to have >=1 characters/, () => t('error.required')],
  [
    /^Too small: expected string to have >=(\d+) characters/,
    (m) => t('error.tooShort', { min: m[1]! }),
  ],
  [/^Invalid input: expected \w+, received undefined/, () => t('error.required')],
  [/^Invalid ISO date/, () => t('error.date')],
];

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

// Japanese text (kana or kanji) is already in the reader's language, e.g. zod's ja locale.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A field message in Japanese. */
export function fieldMessage(message: string): string {
  const key = EXACT[message];
  if (key) return t(key);
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  if (JAPANESE.test(message)) return message;
  return t('error.invalidWithDetail', { detail: message });
}
