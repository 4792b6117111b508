// 支払: payments by due date, as a list (server-side paging, sorting, filters, CSV) or as a
// month calendar; unpaid payments past their due date are marked 期限超過. Each shows its kind
// (遅延利息), withholding and net, who ordered and confirmed it, and why a transfer failed; the
// treasurer returns a failed payment to be paid again.
import type { Payment } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useHasRole, useToday } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { formatYen } from '../../format';
import { t } from '../../i18n';
import {
  Amount,
  CheckboxField,
  ConfirmButton,
  DataTable,
  DateText,
  EmptyState,
  FileLink,
  FilterBar,
  LinkButton,
  PageHeader,
  SelectField,
  StatusBadge,
  statusLabel,
  useToast,
  type Column,
} from '../../ui';
import { KindBadge, PaymentStatus, SignerText } from '../treasury/parts';
import { isOverdue } from './calendar';
import { PaymentCalendar } from './PaymentCalendar';
import { PAYMENT_STATUSES } from './routes';
import { VendorName } from '../../shared/VendorName';
import { PaymentFilterFields } from '../../shared/PaymentFilterFields';
import { useFilterInputs } from '../../shared/useFilterInputs';
import './accounting.css';

type Status = (typeof PAYMENT_STATUSES)[number];
export type PaymentSearch = ListSearch & {
  status?: Status;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  vendorId?: string;
  view?: 'list' | 'calendar';
  month?: string;
};

/** The list's query: the search without the calendar's own parameters. */
function withoutView(search: PaymentSearch): Omit<PaymentSearch, 'view' | 'month'> {
  const copy: PaymentSearch = { ...search };
  delete copy.view;
  delete copy.month;
  return copy;
}

/** Days between two ISO dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A vendor may be told of a transfer once its batch is approved (or it is paid). */
export function noticeAvailable(payment: Pick<Payment, 'status' | 'transferDate'>): boolean {
  return (
    payment.status === 'paid' ||
    (payment.status === 'batched' && payment.transferDate !== undefined)
  );
}

/** The treasurer returns a failed payment (振込不能) to confirmed, to be paid again. */
function RetryButton({ payment }: { payment: Payment }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [sameAccount, setSameAccount] = useState(false);
  const facts = {
    invoiceNumber: payment.invoiceNumber,
    amount: formatYen(payment.netAmount),
    reason: payment.failureReason ?? '—',
  };
  return (
    <ConfirmButton
      size="small"
      label={t('treasury.retry')}
      title={t('treasury.retry.confirmTitle')}
      body={t('treasury.retry.confirmBody', facts)}
      onConfirm={async () => {
        await api.payments.retry(payment.id, sameAccount ? { sameAccount } : {});
        setSameAccount(false);
        toast.success(t('treasury.retry.done', facts));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ['payments'] }),
          queryClient.invalidateQueries({ queryKey: ['counts'] }),
        ]);
      }}
    >
      <CheckboxField
        label={t('treasury.retry.sameAccount')}
        isSelected={sameAccount}
        onChange={setSameAccount}
      />
    </ConfirmButton>
  );
}

/** The columns the payments list leaves to the CSV and the other screens, to stay on screen. */
const LIST_HIDDEN = new Set(['orderedBy']);

/**
 * The columns of a payment wherever one is listed; `actions` adds the treasurer's retry, and
 * `withholdingColumn: false` shows the withheld tax under the amount instead of in a column.
 */
export function paymentColumns(
  today: string,
  {
    actions = false,
    withholdingColumn = true,
  }: { actions?: boolean; withholdingColumn?: boolean } = {},
): Column<Payment>[] {
  const columns: Column<Payment>[] = [
    {
      id: 'dueDate',
      header: t('payments.col.dueDate'),
      sortKey: 'dueDate',
      nowrap: true,
      isRowHeader: true,
      cell: (p) => (
        <span className="acc-cell-stack">
          <DateText value={p.dueDate} />
          {isOverdue(p, today) ? (
            <StatusBadge
              kind="payment"
              status="failed"
              label={`${t('payments.overdue')}（${t('payments.overdue.days', { days: daysBetween(p.dueDate, today) })}）`}
            />
          ) : null}
        </span>
      ),
    },
    {
      id: 'invoiceNumber',
      header: t('payments.col.invoiceNumber'),
      nowrap: true,
      cell: (p) => (
        <span className="acc-cell-stack">
          {p.invoiceNumber}
          <KindBadge kind={p.kind} />
        </span>
      ),
    },
    {
      id: 'vendor',
      header: t('payments.col.vendor'),
      cell: (p) => (
        <span className="acc-vendor">
          <VendorName id={p.vendorId} />
        </span>
      ),
    },
    {
      id: 'amount',
      header: t('payments.col.amount'),
      sortKey: 'amount',
      firstOrder: 'desc',
      align: 'end',
      nowrap: true,
      cell: (p) => (
        <span className="acc-cell-stack acc-cell-stack--end">
          <Amount value={p.amount} />
          {!withholdingColumn && p.withholdingTax > 0 ? (
            <span className="ui-small ui-muted">
              {t('treasury.withheld', { amount: formatYen(p.withholdingTax) })}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'withholding',
      header: t('treasury.col.withholding'),
      align: 'end',
      nowrap: true,
      cell: (p) => (p.withholdingTax ? <Amount value={p.withholdingTax} /> : '—'),
    },
    {
      id: 'net',
      header: t('treasury.col.net'),
      align: 'end',
      nowrap: true,
      cell: (p) => <Amount value={p.netAmount} />,
    },
    {
      id: 'status',
      header: t('payments.col.status'),
      sortKey: 'status',
      nowrap: true,
      cell: (p) => <PaymentStatus payment={p} />,
    },
    {
      id: 'orderedBy',
      header: t('treasury.col.orderedBy'),
      cell: (p) => (
        <span className="acc-cell-stack acc-person ui-small">
          <SignerText username={p.orderedBy} signature={p.orderedBySignature} />
          {p.confirmedBy ? (
            <span>
              {t('treasury.col.confirmedBy')}:{' '}
              <SignerText username={p.confirmedBy} signature={p.confirmedBySignature} />
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'transferDate',
      header: t('payments.col.transferDate'),
      nowrap: true,
      cell: (p) =>
        p.batchId ? (
          <Link to="/transfer-batches/$id" params={{ id: p.batchId }} title={t('payments.batch')}>
            {p.transferDate ? (
              <DateText value={p.transferDate} />
            ) : p.status === 'failed' ? (
              t('payments.batch.failed')
            ) : (
              t('payments.batch.pending')
            )}
          </Link>
        ) : p.transferDate ? (
          <DateText value={p.transferDate} />
        ) : (
          '—'
        ),
    },
    {
      id: 'documents',
      header: t('payments.col.documents'),
      nowrap: true,
      cell: (p) => (
        <div className="ui-row">
          <FileLink href={api.invoices.voucherUrl(p.invoiceId)} newTab size="small" variant="quiet">
            {t('paymentOrders.voucher')}
          </FileLink>
          {noticeAvailable(p) ? (
            <FileLink
              href={api.payments.remittanceNoticeUrl(p.id)}
              newTab
              size="small"
              variant="quiet"
            >
              {t('payments.notice')}
            </FileLink>
          ) : null}
        </div>
      ),
    },
  ];
  if (!withholdingColumn) {
    columns.splice(
      columns.findIndex((column) => column.id === 'withholding'),
      1,
    );
  }
  if (actions) {
    columns.push({
      id: 'actions',
      header: t('paymentOrders.col.actions'),
      nowrap: true,
      cell: (p) => (p.status === 'failed' ? <RetryButton payment={p} /> : null),
    });
  }
  return columns;
}

export function PaymentList() {
  const [search, setSearch] = useListSearch<PaymentSearch>();
  const isTreasurer = useHasRole('treasurer');
  const today = useToday();
  const view = search.view ?? 'list';
  const inputs = useFilterInputs(['q', 'dueFrom', 'dueTo', 'vendorId'], search, setSearch, [
    'status',
  ]);
  const listRequest = withoutView(search);
  const request = { ...listRequest, sort: search.sort ?? 'dueDate' };
  const query = useQuery({
    ...listQuery('payments', request, (signal) => api.payments.list(request, signal)),
    enabled: view === 'list',
  });
  const filtered = Boolean(
    search.status || search.dueFrom || search.dueTo || search.q || search.vendorId,
  );

  const filters = (
    <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
      <SelectField
        label={t('payments.filter.status')}
        value={search.status ?? 'all'}
        onChange={(value) => setSearch({ status: value === 'all' ? undefined : (value as Status) })}
        options={[
          { id: 'all', label: t('payments.filter.status.all') },
          ...PAYMENT_STATUSES.map((id) => ({ id, label: statusLabel('payment', id) })),
        ]}
      />
      <PaymentFilterFields inputs={inputs} dates={view === 'list'} />
    </FilterBar>
  );

  return (
    <>
      <PageHeader
        title={t('payments.title')}
        lead={t('payments.lead')}
        actions={
          isTreasurer ? (
            <LinkButton to="/transfer-batches/new" variant="primary">
              {t('payments.buildBatch')}
            </LinkButton>
          ) : undefined
        }
      />
      <div className="acc-view-switch" role="group" aria-label={t('payments.view')}>
        {(['list', 'calendar'] as const).map((mode) => (
          <Link
            key={mode}
            to="."
            search={(previous: Record<string, unknown>) => ({
              ...previous,
              view: mode === 'list' ? undefined : mode,
              page: 1,
            })}
            className={`acc-view-switch__item${view === mode ? ' acc-view-switch__item--active' : ''}`}
            aria-current={view === mode ? 'page' : undefined}
          >
            {t(`payments.view.${mode}`)}
          </Link>
        ))}
      </div>
      {view === 'calendar' ? (
        <>
          {filters}
          <PaymentCalendar search={search} today={today} />
        </>
      ) : (
        <DataTable
          label={t('payments.title')}
          columns={paymentColumns(today, { actions: isTreasurer, withholdingColumn: false }).filter(
            (column) => !LIST_HIDDEN.has(column.id),
          )}
          rowKey={(p) => p.id}
          data={query.data}
          isFetching={query.isFetching}
          error={query.error}
          state={{ ...search, sort: search.sort ?? 'dueDate' }}
          onStateChange={setSearch}
          csvHref={api.payments.csv(filtersOf(listRequest))}
          filters={filters}
          empty={
            filtered ? (
              <EmptyState title={t('payments.empty.filtered')} />
            ) : (
              <EmptyState
                title={t('payments.empty.title')}
                body={t('payments.empty.body')}
                action={<LinkButton to="/payment-orders">{t('nav.paymentOrders')}</LinkButton>}
              />
            )
          }
        />
      )}
    </>
  );
}
