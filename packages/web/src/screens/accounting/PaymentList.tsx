// 支払: payments by due date, as a list (server-side paging, sorting, filters, CSV) or as a
// month calendar; unpaid payments past their due date are marked 期限超過.
import type { Payment } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { japanToday } from '../../format';
import { t } from '../../i18n';
import {
  Amount,
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
  TextField,
  type Column,
} from '../../ui';
import { isOverdue } from './calendar';
import { PaymentCalendar } from './PaymentCalendar';
import type { PAYMENT_STATUSES } from './routes';
import { VendorName } from '../../shared/VendorName';
import { VendorPicker } from '../../shared/VendorPicker';
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
export function noticeAvailable(payment: Payment): boolean {
  return (
    payment.status === 'paid' ||
    (payment.status === 'batched' && payment.transferDate !== undefined)
  );
}

export function paymentColumns(today: string): Column<Payment>[] {
  return [
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
      cell: (p) => p.invoiceNumber,
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
      cell: (p) => <Amount value={p.amount} />,
    },
    {
      id: 'status',
      header: t('payments.col.status'),
      sortKey: 'status',
      nowrap: true,
      cell: (p) => <StatusBadge kind="payment" status={p.status} />,
    },
    {
      id: 'transferDate',
      header: t('payments.col.transferDate'),
      nowrap: true,
      cell: (p) =>
        p.batchId ? (
          <Link to="/transfer-batches/$id" params={{ id: p.batchId }} title={t('payments.batch')}>
            {p.transferDate ? <DateText value={p.transferDate} /> : t('payments.batch.pending')}
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
}

export function PaymentList() {
  const [search, setSearch] = useListSearch<PaymentSearch>();
  const today = japanToday();
  const view = search.view ?? 'list';
  const [q, setQ] = useState(search.q ?? '');
  const [dueFrom, setDueFrom] = useState(search.dueFrom ?? '');
  const [dueTo, setDueTo] = useState(search.dueTo ?? '');
  const [vendorId, setVendorId] = useState(search.vendorId ?? '');
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
    <FilterBar
      onApply={() =>
        setSearch({
          q: q.trim() || undefined,
          dueFrom: dueFrom || undefined,
          dueTo: dueTo || undefined,
          vendorId: vendorId || undefined,
        })
      }
      onClear={() => {
        setQ('');
        setDueFrom('');
        setDueTo('');
        setVendorId('');
        setSearch({
          q: undefined,
          dueFrom: undefined,
          dueTo: undefined,
          vendorId: undefined,
          status: undefined,
        });
      }}
    >
      <SelectField
        label={t('payments.filter.status')}
        value={search.status ?? 'all'}
        onChange={(value) => setSearch({ status: value === 'all' ? undefined : (value as Status) })}
        options={[
          { id: 'all', label: t('payments.filter.status.all') },
          ...(['scheduled', 'batched', 'paid', 'failed'] as const).map((id) => ({
            id,
            label: statusLabel('payment', id),
          })),
        ]}
      />
      {view === 'list' ? (
        <>
          <TextField
            label={t('payments.filter.dueFrom')}
            type="date"
            value={dueFrom}
            onChange={setDueFrom}
            width="medium"
          />
          <TextField
            label={t('payments.filter.dueTo')}
            type="date"
            value={dueTo}
            onChange={setDueTo}
            width="medium"
          />
        </>
      ) : null}
      <VendorPicker
        label={t('payments.filter.vendor')}
        hint={t('payments.filter.vendor.hint')}
        emptyText={t('payments.filter.vendor.none')}
        value={vendorId}
        onChange={setVendorId}
      />
      <TextField
        label={t('payments.filter.q')}
        type="search"
        value={q}
        onChange={setQ}
        width="medium"
      />
    </FilterBar>
  );

  return (
    <>
      <PageHeader
        title={t('payments.title')}
        lead={t('payments.lead')}
        actions={
          <LinkButton to="/transfer-batches/new" variant="primary">
            {t('payments.buildBatch')}
          </LinkButton>
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
          columns={paymentColumns(today)}
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
