// 支出命令: inspected invoices waiting for the payment order, each ordered after a confirmation;
// ordered ones with their 支出命令書 (PDF) and whether the 会計管理者 has confirmed them. Each
// shows the total, the withheld income tax (源泉徴収) and the net that will be transferred. An
// accountant may also send an invoice back.
import type { Invoice } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useToday, useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import {
  Amount,
  ConfirmButton,
  DataTable,
  DateText,
  EmptyState,
  FileLink,
  FilterBar,
  PageHeader,
  SelectField,
  StatusBadge,
  TextField,
  useToast,
  type Column,
} from '../../ui';
import type { ORDER_VIEWS } from './routes';
import { RejectButton } from '../../shared/RejectButton';
import { useFilterInputs } from '../../shared/useFilterInputs';
import { VendorName, useVendor } from '../../shared/VendorName';
import { signerLabel } from '../treasury/rules';
import './accounting.css';

type View = (typeof ORDER_VIEWS)[number];
type Search = ListSearch & { status?: View; q?: string };

function OrderActions({ invoice }: { invoice: Invoice }) {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const vendorQuery = useVendor(invoice.vendorId);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      queryClient.invalidateQueries({ queryKey: ['payments'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
  const ownWork = invoice.createdBy === user.username || invoice.inspectedBy === user.username;
  const facts = {
    documentNumber: invoice.documentNumber,
    invoiceNumber: invoice.invoiceNumber,
    total: formatYen(invoice.total),
    withholding: formatYen(invoice.withholdingTax),
    net: formatYen(invoice.netAmount),
    dueDate: formatReiwa(invoice.dueDate),
    vendor: vendorQuery.data?.name ?? '',
  };
  return (
    <div className="ui-row">
      <ConfirmButton
        size="small"
        label={t('paymentOrders.order')}
        confirmLabel={t('paymentOrders.order.confirmLabel')}
        title={t('paymentOrders.order.confirmTitle')}
        body={t('paymentOrders.order.confirmBody', facts)}
        isDisabled={ownWork}
        onConfirm={async () => {
          await api.invoices.orderPayment(invoice.id);
          toast.success(t('paymentOrders.order.done', facts));
          await refresh();
        }}
      />
      <RejectButton
        size="small"
        buttonVariant="quiet"
        label={t('paymentOrders.reject')}
        title={t('paymentOrders.reject.confirmTitle')}
        body={t('paymentOrders.reject.confirmBody', facts)}
        reasonLabel={t('paymentOrders.reject.reason')}
        onReject={async (reason) => {
          await api.invoices.reject(invoice.id, { reason });
          toast.success(t('paymentOrders.reject.done', facts));
          await refresh();
        }}
      />
      {ownWork ? <span className="ui-small ui-muted">{t('paymentOrders.order.sod')}</span> : null}
    </div>
  );
}

export function PaymentOrders() {
  const [search, setSearch] = useListSearch<Search>();
  const view: View = search.status ?? 'inspected';
  const request = { ...search, status: view };
  const inputs = useFilterInputs(['q'], search, setSearch);
  const today = useToday();
  const query = useQuery(
    listQuery('invoices', request, (signal) => api.invoices.list(request, signal)),
  );

  const columns: Column<Invoice>[] = [
    {
      id: 'documentNumber',
      header: t('paymentOrders.col.documentNumber'),
      sortKey: 'documentNumber',
      isRowHeader: true,
      nowrap: true,
      cell: (i) => <span className="ui-mono">{i.documentNumber}</span>,
    },
    {
      id: 'invoiceNumber',
      header: t('paymentOrders.col.invoiceNumber'),
      nowrap: true,
      cell: (i) => i.invoiceNumber,
    },
    {
      id: 'vendor',
      header: t('paymentOrders.col.vendor'),
      cell: (i) => (
        <span className="acc-vendor">
          <VendorName id={i.vendorId} />
        </span>
      ),
    },
    {
      id: 'receivedOn',
      header: t('paymentOrders.col.receivedOn'),
      sortKey: 'receivedOn',
      firstOrder: 'desc',
      nowrap: true,
      cell: (i) => <DateText value={i.receivedOn} />,
    },
    {
      id: 'dueDate',
      header: t('paymentOrders.col.dueDate'),
      sortKey: 'dueDate',
      nowrap: true,
      cell: (i) => (
        <span className="acc-cell-stack">
          <DateText value={i.dueDate} />
          {view === 'inspected' && i.dueDate < today ? (
            <StatusBadge kind="payment" status="failed" label={t('paymentOrders.overdue')} />
          ) : null}
        </span>
      ),
    },
    {
      id: 'total',
      header: t('paymentOrders.col.total'),
      sortKey: 'total',
      firstOrder: 'desc',
      align: 'end',
      nowrap: true,
      cell: (i) => <Amount value={i.total} />,
    },
    {
      id: 'withholding',
      header: t('treasury.col.withholding'),
      align: 'end',
      nowrap: true,
      cell: (i) => (i.withholdingTax > 0 ? <Amount value={i.withholdingTax} /> : '—'),
    },
    {
      id: 'net',
      header: t('treasury.col.net'),
      align: 'end',
      nowrap: true,
      cell: (i) => (
        <strong>
          <Amount value={i.netAmount} />
        </strong>
      ),
    },
    view === 'inspected'
      ? {
          id: 'inspectedBy',
          header: t('paymentOrders.col.inspectedBy'),
          nowrap: true,
          cell: (i) => signerLabel(i.inspectedBy, i.inspectedBySignature),
        }
      : {
          id: 'approvedBy',
          header: t('paymentOrders.col.approvedBy'),
          cell: (i) => (
            <span className="acc-cell-stack ui-small">
              <span>{signerLabel(i.orderedBy ?? i.approvedBy, i.orderedBySignature)}</span>
              {i.confirmedBy ? (
                <span>
                  {t('treasury.col.confirmedBy')}:{' '}
                  {signerLabel(i.confirmedBy, i.confirmedBySignature)}
                </span>
              ) : (
                <span className="ui-muted">{t('paymentOrders.awaitingConfirmation')}</span>
              )}
            </span>
          ),
        },
    {
      id: 'actions',
      header: t('paymentOrders.col.actions'),
      nowrap: true,
      cell: (i) =>
        i.status === 'inspected' ? (
          <OrderActions invoice={i} />
        ) : i.status === 'approved' ? (
          <FileLink href={api.invoices.voucherUrl(i.id)} newTab size="small">
            {t('ui.openPdf', { name: t('paymentOrders.voucher') })}
          </FileLink>
        ) : (
          <StatusBadge kind="invoice" status={i.status} />
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('paymentOrders.title')} lead={t('paymentOrders.lead')} />
      <DataTable
        label={t(`paymentOrders.filter.view.${view}`)}
        columns={columns}
        rowKey={(i) => i.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.invoices.csv({ ...filtersOf(search), status: view })}
        filters={
          <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
            <SelectField
              label={t('paymentOrders.filter.view')}
              value={view}
              onChange={(value) =>
                setSearch({ status: value === 'inspected' ? undefined : (value as View) })
              }
              options={(['inspected', 'approved'] as const).map((id) => ({
                id,
                label: t(`paymentOrders.filter.view.${id}`),
              }))}
            />
            <TextField
              label={t('paymentOrders.filter.q')}
              type="search"
              className="ui-field--wide"
              {...inputs.field('q')}
            />
          </FilterBar>
        }
        empty={
          search.q ? (
            <EmptyState title={t('paymentOrders.empty.filtered')} />
          ) : (
            <EmptyState
              title={t(`paymentOrders.empty.${view}.title`)}
              body={t(`paymentOrders.empty.${view}.body`)}
            />
          )
        }
      />
    </>
  );
}
