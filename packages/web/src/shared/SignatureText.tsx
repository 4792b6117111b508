// A person as vouchers and screens show them: display name and title (職名), never the username
// alone (which is kept in the title attribute for the auditor's eye).
import type { Signature } from '@denpyo/schemas';
import { t } from '../i18n';

export function SignatureText({ signature }: { signature: Signature }) {
  return (
    <span title={signature.username}>
      {signature.title
        ? t('shared.signature', { name: signature.displayName, title: signature.title })
        : signature.displayName}
    </span>
  );
}
