// One amendment (変更契約) as staff see it: the change of amount (and end date), the reason, who
// requested it, its status and its own 決裁欄; the approver's page adds its actions as children.
import type { Amendment } from '@denpyo/schemas';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { Alert, Amount, DateText, DateTimeText, Details } from '../ui';
import { ApprovalRoute } from './ApprovalRoute';
import { SignatureText } from './SignatureText';

export function AmendmentCard({
  amendment,
  children,
}: {
  amendment: Amendment;
  children?: ReactNode;
}) {
  return (
    <article className="amendment-card ui-stack" aria-label={t('shared.amendment.label')}>
      <Details
        items={[
          [t('shared.amendment.status'), t(`shared.amendment.status.${amendment.status}`)],
          [
            t('shared.amendment.amount'),
            <span>
              <Amount value={amendment.previousAmount} /> → <Amount value={amendment.amount} />
            </span>,
          ],
          [
            t('shared.amendment.endDate'),
            amendment.endDate === amendment.previousEndDate ? (
              <DateText value={amendment.endDate} />
            ) : (
              <span>
                <DateText value={amendment.previousEndDate} /> →{' '}
                <DateText value={amendment.endDate} />
              </span>
            ),
          ],
          [t('shared.amendment.reason'), amendment.reason],
          [
            t('shared.amendment.requestedBy'),
            <span>
              <SignatureText signature={amendment.requestedBy} />{' '}
              <DateTimeText value={amendment.requestedAt} />
            </span>,
          ],
        ]}
      />
      <ApprovalRoute contract={amendment} label={t('shared.amendment.route')} />
      {amendment.status === 'rejected' && amendment.rejectionReason ? (
        <Alert
          tone="danger"
          title={t('shared.amendment.rejected', { reason: amendment.rejectionReason })}
        />
      ) : null}
      {children}
    </article>
  );
}
