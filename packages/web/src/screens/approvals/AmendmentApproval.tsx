// The approver's part of an amendment (変更契約) awaiting the route: the same rules as a
// contract's sign-off (rank at least the next box's, nobody twice, never its requester); the
// buttons stay visible but disabled, with the reason, when this approver may not sign.
import type { Amendment, Contract } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useUser } from '../../app/session';
import { formatYen } from '../../format';
import { t } from '../../i18n';
import { Alert, ConfirmButton, Section, useToast } from '../../ui';
import { AmendmentCard } from '../../shared/AmendmentCard';
import { rankLabel } from '../../shared/ApprovalRoute';
import { RejectButton } from '../../shared/RejectButton';
import { approvalBlocker, nextRequiredRank } from '../../shared/approval-route';

export function AmendmentApproval({
  contract,
  amendment,
}: {
  contract: Contract;
  amendment: Amendment;
}) {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const blocker = approvalBlocker(
    { ...amendment, createdBy: amendment.requestedBy.username },
    user,
  );
  const required = nextRequiredRank(amendment);
  const facts = {
    documentNumber: contract.documentNumber,
    previous: formatYen(amendment.previousAmount),
    amount: formatYen(amendment.amount),
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
      queryClient.invalidateQueries({ queryKey: ['budgets'] }),
    ]);
  return (
    <Section title={t('approvals.amendment.title')}>
      <AmendmentCard amendment={amendment}>
        {blocker ? (
          <Alert
            tone="info"
            title={t(`approvals.blocker.${blocker}`, {
              required: required ? rankLabel(required) : '',
              rank: user.rank ? rankLabel(user.rank) : t('ui.none'),
              status: '',
            })}
          />
        ) : null}
        <div className="ui-row">
          <ConfirmButton
            label={t('approvals.amendment.approve')}
            isDisabled={blocker !== undefined}
            title={t('approvals.amendment.approve.confirmTitle')}
            body={t('approvals.amendment.approve.confirmBody', facts)}
            onConfirm={async () => {
              const after = await api.contracts.approveAmendment(contract.id, amendment.id);
              await refresh();
              toast.success(
                after.status === 'approved'
                  ? t('approvals.amendment.doneFinal', facts)
                  : t('approvals.approve.done', facts),
              );
            }}
          />
          <RejectButton
            label={t('approvals.reject')}
            isDisabled={blocker !== undefined}
            buttonVariant="danger"
            title={t('approvals.amendment.reject.confirmTitle')}
            body={t('approvals.amendment.reject.confirmBody', facts)}
            reasonLabel={t('approvals.reject.reason')}
            reasonHint={t('approvals.reject.reason.hint')}
            onReject={async (reason) => {
              await api.contracts.rejectAmendment(contract.id, amendment.id, { reason });
              await refresh();
              toast.success(t('approvals.reject.done', facts));
            }}
          />
        </div>
      </AmendmentCard>
    </Section>
  );
}
