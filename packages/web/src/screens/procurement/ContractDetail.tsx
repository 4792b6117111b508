// 契約の詳細: the terms, the amounts (invoiced, paid, remaining), the approval record, its
// invoices, the timeline from the audit trail; submit a draft; the 支出負担行為決議書 PDF.
import type { Contract, Invoice } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, detailQuery, listQuery } from '../../api';
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
  useToast,
  type Column,
  type ListState,
} from '../../ui';
import { HistoryTimeline } from '../../shared/HistoryTimeline';
import { VendorName } from '../../shared/VendorName';

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
        <div className="contract-layout">
          <div className="ui-stack-lg">
            <Section title={t('contractDetail.terms')}>
              <Details
                items={[
                  [t('contractDetail.vendor'), <VendorName id={contract.vendorId} />],
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
                  [t('contractDetail.createdBy'), contract.createdBy],
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
          </div>
          <div className="ui-stack-lg">
            <Approvals contract={contract} />
            <Section title={t('timeline.title')}>
              <HistoryTimeline kind="contracts" id={contract.id} />
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
        <ConfirmButton
          label={t('contractDetail.submit')}
          title={t('contractDetail.submit.confirmTitle')}
          irreversible={false}
          body={t('contractDetail.submit.confirmBody', {
            documentNumber: contract.documentNumber,
            title: contract.title,
            amount: formatYen(contract.amount),
          })}
          onConfirm={async () => {
            const submitted = await api.contracts.submit(contract.id);
            queryClient.setQueryData(
              detailQuery('contracts', contract.id, () => api.contracts.get(contract.id)).queryKey,
              submitted,
            );
            await queryClient.invalidateQueries({ queryKey: ['contracts'] });
            await queryClient.invalidateQueries({ queryKey: ['counts'] });
            toast.success(
              t('contractDetail.submit.done', { documentNumber: submitted.documentNumber }),
            );
          }}
        />
      ) : null}
    </>
  );
}

function Approvals({ contract }: { contract: Contract }) {
  const steps = Array.from({ length: contract.requiredApprovals }, (_, index) => index + 1);
  return (
    <Section title={t('contractDetail.approvals')}>
      <div className="ui-stack">
        <p className="ui-muted ui-small">
          {t('contractDetail.approvals.required', {
            required: contract.requiredApprovals,
            done: contract.approvals.length,
          })}
        </p>
        <ol className="approval-steps">
          {steps.map((step) => {
            const approval = contract.approvals.find((a) => a.step === step);
            return (
              <li key={step} className={`approval-step${approval ? ' approval-step--done' : ''}`}>
                <span className="approval-step__mark" aria-hidden="true">
                  {approval ? '✓' : step}
                </span>
                <div>
                  <div>
                    <strong>{t('contractDetail.approvals.step', { step })}</strong>{' '}
                    {approval ? (
                      approval.approver
                    ) : (
                      <span className="ui-muted">
                        {contract.status === 'submitted'
                          ? t('contractDetail.approvals.waiting')
                          : '—'}
                      </span>
                    )}
                  </div>
                  {approval ? (
                    <div className="ui-small ui-muted">
                      <DateTimeText value={approval.at} />
                    </div>
                  ) : null}
                  {approval?.comment ? (
                    <div className="ui-small">
                      {t('contractDetail.approvals.comment', { comment: approval.comment })}
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      </div>
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
