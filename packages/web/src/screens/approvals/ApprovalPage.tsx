// A contract as its approver sees it: the terms, the 支出負担行為決議書 inline, the 決裁欄 (one box
// per rank of the route, with who signed and when), and 承認する (optional comment) / 差し戻す
// (reason), each confirmed first — offered only when the approver's rank may sign the next box,
// otherwise shown disabled with the reason.
import { ContractApproveRequestSchema, type Contract } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, api, detailQuery } from '../../api';
import { useUser } from '../../app/session';
import { formatYen } from '../../format';
import { validate } from '../../forms';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  ConfirmButton,
  DateText,
  Details,
  FileLink,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  StatusBadge,
  TextField,
  statusLabel,
  useToast,
} from '../../ui';
import { RejectButton } from '../../shared/RejectButton';
import { SignatureText } from '../../shared/SignatureText';
import { VendorName } from '../../shared/VendorName';
import { HistoryTimeline } from '../../shared/HistoryTimeline';
import { contractPeople } from '../../shared/people';
import { ApprovalRoute, rankLabel } from '../../shared/ApprovalRoute';
import {
  approvalBlocker,
  approvalProgress,
  nextRequiredRank,
  routeBoxes,
} from '../../shared/approval-route';
import { AmendmentApproval } from './AmendmentApproval';
import './approvals.css';

/**
 * 起案者 or 提出者 by name and title: the contract records the creator's signature; a submitter
 * is shown by it when it is the creator (the usual case), else by the username it records.
 */
function Person({ contract, username }: { contract: Contract; username?: string }) {
  const signature = contract.createdBySignature;
  if (signature && (username === undefined || username === contract.createdBy))
    return <SignatureText signature={signature} />;
  return <>{username ?? contract.createdBy}</>;
}

/** A field the browser already found wrong, shown in the dialog as the API would show it. */
function invalid(message: string | undefined): ApiError {
  return new ApiError({ status: 400, title: 'Bad Request', detail: message });
}

export function ApprovalPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const contractQuery = useQuery(detailQuery('contracts', id, (s) => api.contracts.get(id, s)));
  const contract = contractQuery.data;
  const budgetQuery = useQuery({
    ...detailQuery(
      'budgets',
      contract ? `${contract.fiscalYear}/${contract.budgetCode}` : '',
      (s) => api.budgets.get(contract!.fiscalYear, contract!.budgetCode, s),
    ),
    enabled: Boolean(contract),
    retry: false,
  });
  const [comment, setComment] = useState('');

  if (contractQuery.error) {
    return (
      <>
        <PageHeader
          title={t('approvals.title')}
          back={{ to: '/approvals', label: t('approvals.detail.back') }}
        />
        <ProblemAlert error={contractQuery.error} />
      </>
    );
  }
  if (!contract) return <Loading />;

  const blocker = approvalBlocker(contract, user);
  const openAmendment = contract.amendments.find((a) => a.status === 'submitted');
  const progress = approvalProgress(contract);
  const nextStep = progress.done + 1;
  const isFinal = nextStep >= progress.required;
  const required = nextRequiredRank(contract);
  const routeRanks = routeBoxes(contract)
    .map((box) => rankLabel(box.rank))
    .filter(Boolean)
    .join(t('shared.route.arrow'));
  const budget = budgetQuery.data;
  const overBudget =
    budget !== undefined && contract.status === 'submitted' && contract.amount > budget.available;
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
      queryClient.invalidateQueries({ queryKey: ['budgets'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
  };

  const approve = async () => {
    const body = comment.trim() ? { comment: comment.trim() } : {};
    const checked = validate(ContractApproveRequestSchema, body);
    if (!checked.ok) throw invalid(Object.values(checked.errors)[0]);
    const after = await api.contracts.approve(contract.id, checked.value);
    setComment('');
    toast.success(
      after.status === 'approved'
        ? t('approvals.approve.doneFinal', { documentNumber: contract.documentNumber })
        : t('approvals.approve.done', { documentNumber: contract.documentNumber }),
    );
    await refresh();
  };

  const reject = async (reason: string) => {
    await api.contracts.reject(contract.id, { reason });
    toast.success(t('approvals.reject.done', { documentNumber: contract.documentNumber }));
    await refresh();
  };

  const money = { amount: formatYen(contract.amount) };
  return (
    <>
      <PageHeader
        title={t('approvals.detail.title', { documentNumber: contract.documentNumber })}
        back={{ to: '/approvals', label: t('approvals.detail.back') }}
        meta={<StatusBadge kind="contract" status={contract.status} />}
        lead={contract.title}
      />
      <div className="approval-layout">
        <div className="approval-layout__terms">
          <Section title={t('approvals.detail.terms')}>
            <Details
              items={[
                [t('approvals.detail.subject'), contract.title],
                [t('approvals.detail.vendor'), <VendorName key="v" id={contract.vendorId} />],
                [t('approvals.detail.amount'), <Amount key="a" value={contract.amount} large />],
                [t('approvals.detail.taxRate'), t(`word.taxRate.${contract.taxRate}`)],
                [
                  t('approvals.detail.period'),
                  <span key="p">
                    <DateText value={contract.startDate} />〜<DateText value={contract.endDate} />
                  </span>,
                ],
                [
                  t('approvals.detail.budget'),
                  t('approvals.detail.budgetValue', {
                    year: contract.fiscalYear,
                    code: contract.budgetCode,
                    name: budget?.name ?? '',
                  }),
                ],
                [
                  t('approvals.detail.budgetAvailable'),
                  budget ? <Amount key="b" value={budget.available} /> : '—',
                ],
                [t('approvals.detail.createdBy'), <Person key="c" contract={contract} />],
                [
                  t('approvals.detail.submittedBy'),
                  contract.submittedBy ? (
                    <Person key="s" contract={contract} username={contract.submittedBy} />
                  ) : (
                    '—'
                  ),
                ],
              ]}
            />
            {overBudget ? (
              <Alert
                tone="warning"
                title={t('approvals.detail.overBudget', { available: formatYen(budget.available) })}
              />
            ) : null}
          </Section>
        </div>
        <div className="approval-layout__route">
          <Section title={t('approvals.route.title')}>
            <div className="ui-stack">
              <p className="ui-muted">
                {routeRanks
                  ? t('approvals.route.leadRanks', { ranks: routeRanks })
                  : t('approvals.route.lead', { required: progress.required })}
              </p>
              <ApprovalRoute contract={contract} />
              {contract.status === 'rejected' && contract.rejectionReason ? (
                <Alert
                  tone="danger"
                  title={t('approvals.route.rejected', { reason: contract.rejectionReason })}
                />
              ) : null}
              {contract.status === 'approved' ? (
                <Alert tone="success" title={t('approvals.route.complete')} />
              ) : null}
            </div>
          </Section>
        </div>
        <div className="approval-layout__actions">
          <Section title={t('approvals.actions.title')}>
            {blocker === 'not-submitted' ? (
              <p>
                {t('approvals.blocker.not-submitted', {
                  status: statusLabel('contract', contract.status),
                })}
              </p>
            ) : (
              <div className="ui-stack">
                {blocker ? (
                  <Alert
                    tone="info"
                    title={t(`approvals.blocker.${blocker}`, {
                      required: required ? rankLabel(required) : '',
                      rank: user.rank ? rankLabel(user.rank) : t('ui.none'),
                    })}
                  />
                ) : required ? (
                  <p>{t('approvals.canSign', { rank: rankLabel(required) })}</p>
                ) : null}
                <div className="ui-row">
                  <ConfirmButton
                    label={t('approvals.approve')}
                    isDisabled={blocker !== undefined}
                    title={t('approvals.approve.confirmTitle')}
                    body={
                      <div className="ui-stack">
                        <p>
                          {t('approvals.approve.confirmBody', {
                            documentNumber: contract.documentNumber,
                            title: contract.title,
                            step: required ? rankLabel(required) : nextStep,
                            ...money,
                          })}
                        </p>
                        {isFinal ? (
                          <p>
                            {t('approvals.approve.final', {
                              budget: `${contract.fiscalYear}年度 ${contract.budgetCode}`,
                              ...money,
                            })}
                          </p>
                        ) : null}
                      </div>
                    }
                    onConfirm={approve}
                  >
                    <TextField
                      label={t('approvals.approve.comment')}
                      hint={t('approvals.approve.comment.hint')}
                      showOptional
                      multiline
                      maxLength={500}
                      value={comment}
                      onChange={setComment}
                    />
                  </ConfirmButton>
                  <RejectButton
                    label={t('approvals.reject')}
                    isDisabled={blocker !== undefined}
                    buttonVariant="danger"
                    title={t('approvals.reject.confirmTitle')}
                    body={t('approvals.reject.confirmBody', {
                      documentNumber: contract.documentNumber,
                      title: contract.title,
                    })}
                    reasonLabel={t('approvals.reject.reason')}
                    reasonHint={t('approvals.reject.reason.hint')}
                    onReject={reject}
                  />
                </div>
              </div>
            )}
          </Section>
        </div>
        {openAmendment ? (
          <div className="approval-layout__amendment">
            <AmendmentApproval contract={contract} amendment={openAmendment} />
          </div>
        ) : null}
        <div className="approval-layout__timeline">
          <Section title={t('approvals.timeline')}>
            <HistoryTimeline kind="contracts" id={contract.id} people={contractPeople(contract)} />
          </Section>
        </div>
        <div className="approval-layout__voucher">
          <Section
            title={t('approvals.voucher.title')}
            actions={
              <FileLink href={api.contracts.voucherUrl(contract.id)} newTab size="small">
                {t('approvals.voucher.open')}
              </FileLink>
            }
          >
            <iframe
              className="approval-voucher"
              src={api.contracts.voucherUrl(contract.id)}
              title={t('approvals.voucher.frame')}
            />
          </Section>
        </div>
      </div>
    </>
  );
}
