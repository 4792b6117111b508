// 契約の詳細: the terms (kind, method, the schedule per fiscal year), the amounts (invoiced, paid,
// remaining), the 決裁欄 by ranks, the amendments (変更契約) with their own routes, its invoices,
// the timeline from the audit trail; edit and submit a draft, cancel (with a reason) or complete
// it, request an amendment; the 支出負担行為決議書 PDF.
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_METHOD_LABELS,
  type Contract,
  type Invoice,
} from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, detailQuery, listQuery, toApiError } from '../../api';
import { useHasRole } from '../../app/session';
import { formatYen } from '../../format';
import { t } from '../../i18n';
import './procurement.css';
import {
  Alert,
  Amount,
  ConfirmButton,
  DataTable,
  DateText,
  DateTimeText,
  Details,
  EmptyState,
  FileLink,
  LinkButton,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  StatusBadge,
  TextField,
  useToast,
  type Column,
  type ListState,
} from '../../ui';
import { ApprovalRoute, rankLabel } from '../../shared/ApprovalRoute';
import { HistoryTimeline } from '../../shared/HistoryTimeline';
import { contractPeople } from '../../shared/people';
import { SignatureText } from '../../shared/SignatureText';
import { VendorName } from '../../shared/VendorName';
import { Amendments } from './Amendments';

export function ContractDetail() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery(detailQuery('contracts', id, (signal) => api.contracts.get(id, signal)));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('contractDetail.terms')}
          back={{ to: '/contracts', label: t('contracts.title') }}
        />
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const contract = query.data;
  return (
    <>
      <PageHeader
        title={contract.title}
        back={{ to: '/contracts', label: t('contracts.title') }}
        meta={
          <>
            <span className="ui-mono">{contract.documentNumber}</span>
            <StatusBadge kind="contract" status={contract.status} />
          </>
        }
        actions={<ContractActions contract={contract} />}
      />
      <div className="ui-stack-lg">
        {contract.status === 'rejected' && contract.rejectionReason ? (
          <Alert
            tone="danger"
            title={t('contractDetail.rejected', { reason: contract.rejectionReason })}
          />
        ) : null}
        {contract.status === 'completed' || contract.status === 'cancelled' ? (
          <Alert
            tone="info"
            title={t(`procurement.contract.closed.${contract.status}`, {
              released: formatYen(contract.releasedAmount ?? 0),
            })}
          >
            {contract.closingReason
              ? t('procurement.contract.closed.reason', { reason: contract.closingReason })
              : null}
          </Alert>
        ) : null}
        <div className="contract-layout">
          <div className="ui-stack-lg">
            <Section title={t('contractDetail.terms')}>
              <Details
                items={[
                  [t('contractDetail.vendor'), <VendorName id={contract.vendorId} />],
                  [t('procurement.contract.kind'), CONTRACT_KIND_LABELS[contract.kind]],
                  [
                    t('procurement.contract.method'),
                    contract.method ? CONTRACT_METHOD_LABELS[contract.method] : '—',
                  ],
                  [
                    t('contractDetail.budget'),
                    <span className="ui-mono">
                      {t('contractDetail.budgetValue', {
                        year: contract.fiscalYear,
                        code: contract.budgetCode,
                      })}
                    </span>,
                  ],
                  [t('contractDetail.amount'), <Amount value={contract.amount} />],
                  [t('contractDetail.taxRate'), t(`word.taxRate.${contract.taxRate}`)],
                  [
                    t('contractDetail.period'),
                    <>
                      <DateText value={contract.startDate} />〜<DateText value={contract.endDate} />
                    </>,
                  ],
                  [
                    t('procurement.contract.concludedOn'),
                    contract.concludedOn ? <DateText value={contract.concludedOn} /> : '—',
                  ],
                  [
                    t('contractDetail.createdBy'),
                    contract.createdBySignature ? (
                      <SignatureText signature={contract.createdBySignature} />
                    ) : (
                      contract.createdBy
                    ),
                  ],
                  [t('word.createdAt'), <DateTimeText value={contract.createdAt} />],
                ]}
              />
            </Section>
            <Section title={t('contractDetail.money')}>
              <div className="contract-figures">
                <Figure label={t('contractDetail.amount')} value={contract.amount} />
                <Figure label={t('contractDetail.invoiced')} value={contract.invoicedAmount} />
                <Figure label={t('contractDetail.paid')} value={contract.paidAmount} />
                <Figure
                  label={t('contractDetail.remaining')}
                  value={contract.remainingAmount}
                  emphasis
                />
              </div>
            </Section>
            {contract.commitments.length > 1 ? <Commitments contract={contract} /> : null}
          </div>
          <div className="ui-stack-lg">
            <Approvals contract={contract} />
            <Amendments contract={contract} />
            <Section title={t('timeline.title')}>
              <HistoryTimeline
                kind="contracts"
                id={contract.id}
                people={contractPeople(contract)}
              />
            </Section>
          </div>
        </div>
        <ContractInvoices contract={contract} />
      </div>
    </>
  );
}

function Figure({ label, value, emphasis }: { label: string; value: number; emphasis?: boolean }) {
  return (
    <div className={`contract-figure${emphasis ? ' contract-figure--remaining' : ''}`}>
      <span className="contract-figure__label">{label}</span>
      <Amount value={value} large />
    </div>
  );
}

function ContractActions({ contract }: { contract: Contract }) {
  const isProcurement = useHasRole('procurement');
  const queryClient = useQueryClient();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const show = (next: Contract) => {
    queryClient.setQueryData(
      detailQuery('contracts', contract.id, () => api.contracts.get(contract.id)).queryKey,
      next,
    );
  };
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
      queryClient.invalidateQueries({ queryKey: ['budgets'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
  };
  const open = contract.status === 'draft' || contract.status === 'submitted';
  const cancellable = open || (contract.status === 'approved' && contract.invoicedAmount === 0);
  const money = {
    documentNumber: contract.documentNumber,
    title: contract.title,
    amount: formatYen(contract.amount),
  };
  return (
    <>
      <FileLink href={api.contracts.voucherUrl(contract.id)} newTab>
        {t('contractDetail.voucher')}
      </FileLink>
      {isProcurement && contract.status === 'approved' && contract.remainingAmount > 0 ? (
        <LinkButton to="/invoices/new" search={{ contractId: contract.id }}>
          {t('contractDetail.newInvoice')}
        </LinkButton>
      ) : null}
      {isProcurement && contract.status === 'draft' ? (
        <LinkButton to="/contracts/$id/edit" params={{ id: contract.id }}>
          {t('procurement.contract.edit')}
        </LinkButton>
      ) : null}
      {isProcurement && contract.status === 'draft' ? (
        <ConfirmButton
          label={t('contractDetail.submit')}
          title={t('contractDetail.submit.confirmTitle')}
          irreversible={false}
          body={
            <div className="ui-stack">
              <p>{t('contractDetail.submit.confirmBody', money)}</p>
              <p>
                {t('procurement.contract.submit.route', {
                  ranks: contract.route.map(rankLabel).join(t('shared.route.arrow')),
                })}
              </p>
            </div>
          }
          onConfirm={async () => {
            const submitted = await api.contracts.submit(contract.id);
            show(submitted);
            await refresh();
            toast.success(
              t('contractDetail.submit.done', { documentNumber: submitted.documentNumber }),
            );
          }}
        />
      ) : null}
      {isProcurement && contract.status === 'approved' ? (
        <ConfirmButton
          label={t('procurement.contract.complete')}
          buttonVariant="secondary"
          title={t('procurement.contract.complete.confirmTitle')}
          body={t('procurement.contract.complete.confirmBody', {
            ...money,
            invoiced: formatYen(contract.invoicedAmount),
            released: formatYen(contract.amount - contract.invoicedAmount),
          })}
          onConfirm={async () => {
            const completed = await api.contracts.complete(contract.id);
            show(completed);
            await refresh();
            toast.success(
              t('procurement.contract.complete.done', {
                documentNumber: completed.documentNumber,
                released: formatYen(completed.releasedAmount ?? 0),
              }),
            );
          }}
        />
      ) : null}
      {isProcurement && cancellable ? (
        <ConfirmButton
          label={t('procurement.contract.cancel')}
          buttonVariant="danger"
          variant="danger"
          title={t('procurement.contract.cancel.confirmTitle')}
          body={t(
            contract.status === 'approved'
              ? 'procurement.contract.cancel.confirmBodyApproved'
              : 'procurement.contract.cancel.confirmBody',
            money,
          )}
          canConfirm={reason.trim() !== ''}
          onConfirm={async () => {
            try {
              const cancelled = await api.contracts.cancel(contract.id, { reason: reason.trim() });
              show(cancelled);
            } catch (error) {
              setReasonError(toApiError(error).fieldError('reason'));
              throw error;
            }
            setReason('');
            await refresh();
            toast.success(
              t('procurement.contract.cancel.done', { documentNumber: contract.documentNumber }),
            );
          }}
        >
          <TextField
            label={t('procurement.contract.cancel.reason')}
            hint={t('procurement.contract.cancel.reason.hint')}
            isRequired
            multiline
            maxLength={500}
            value={reason}
            error={reasonError}
            onChange={(value) => {
              setReason(value);
              setReasonError(undefined);
            }}
          />
        </ConfirmButton>
      ) : null}
      {isProcurement && contract.status === 'approved' && contract.invoicedAmount > 0 ? (
        <span className="ui-small ui-muted">{t('procurement.contract.cancel.invoiced')}</span>
      ) : null}
    </>
  );
}

function Approvals({ contract }: { contract: Contract }) {
  return (
    <Section title={t('contractDetail.approvals')}>
      <div className="ui-stack">
        <p className="ui-muted ui-small">
          {contract.status === 'draft'
            ? t('procurement.contract.route.draft', {
                ranks: contract.route.map(rankLabel).join(t('shared.route.arrow')),
              })
            : t('procurement.contract.route.fixed', {
                ranks: contract.route.map(rankLabel).join(t('shared.route.arrow')),
              })}
        </p>
        <ApprovalRoute contract={contract} />
      </div>
    </Section>
  );
}

/** 債務負担行為: each fiscal year's amount, and what of it encumbers that year's budget now. */
function Commitments({ contract }: { contract: Contract }) {
  return (
    <Section title={t('procurement.schedule.title')}>
      <table className="commitment-table">
        <thead>
          <tr>
            <th scope="col">{t('contractNew.fiscalYear')}</th>
            <th scope="col">{t('procurement.commitments.amount')}</th>
            <th scope="col">{t('procurement.commitments.encumbered')}</th>
          </tr>
        </thead>
        <tbody>
          {contract.commitments.map((row) => (
            <tr key={row.fiscalYear}>
              <th scope="row">
                {t('procurement.schedule.year', {
                  year: row.fiscalYear,
                  reiwa: row.fiscalYear - 2018,
                })}
              </th>
              <td>
                <Amount value={row.amount} />
              </td>
              <td>
                {row.encumbered > 0 || contract.status !== 'approved' ? (
                  <Amount value={row.encumbered} />
                ) : (
                  <span className="ui-muted ui-small">{t('procurement.commitments.notYet')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const invoiceColumns: Column<Invoice>[] = [
  {
    id: 'documentNumber',
    header: t('invoices.col.documentNumber'),
    sortKey: 'documentNumber',
    isRowHeader: true,
    nowrap: true,
    cell: (invoice) => <span className="ui-mono">{invoice.documentNumber}</span>,
  },
  {
    id: 'invoiceNumber',
    header: t('invoices.col.invoiceNumber'),
    nowrap: true,
    cell: (invoice) => invoice.invoiceNumber,
  },
  {
    id: 'receivedOn',
    header: t('invoices.col.receivedOn'),
    sortKey: 'receivedOn',
    firstOrder: 'desc',
    cell: (invoice) => <DateText value={invoice.receivedOn} />,
  },
  {
    id: 'total',
    header: t('invoices.col.total'),
    sortKey: 'total',
    align: 'end',
    cell: (invoice) => <Amount value={invoice.total} />,
  },
  {
    id: 'dueDate',
    header: t('invoices.col.dueDate'),
    sortKey: 'dueDate',
    cell: (invoice) => <DateText value={invoice.dueDate} />,
  },
  {
    id: 'status',
    header: t('invoices.col.status'),
    cell: (invoice) => <StatusBadge kind="invoice" status={invoice.status} />,
  },
];

function ContractInvoices({ contract }: { contract: Contract }) {
  const [state, setState] = useState<ListState>({
    page: 1,
    pageSize: 20,
    sort: 'receivedOn',
    order: 'desc',
  });
  const filters = { contractId: contract.id, ...state };
  const query = useQuery(
    listQuery('invoices', filters, (signal) => api.invoices.list(filters, signal)),
  );
  return (
    <Section title={t('contractDetail.invoices')}>
      <DataTable
        label={t('contractDetail.invoices')}
        columns={invoiceColumns}
        rowKey={(invoice) => invoice.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={state}
        onStateChange={(patch) => setState((current) => ({ ...current, ...patch }))}
        csvHref={api.invoices.csv({ contractId: contract.id })}
        pageSizes={[20, 50, 100]}
        empty={<EmptyState title={t('contractDetail.invoices.empty')} />}
      />
    </Section>
  );
}
