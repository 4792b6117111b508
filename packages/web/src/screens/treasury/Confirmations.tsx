// 支出命令の審査・確認: the payment orders the departments issued, waiting for the 会計管理者's
// examination (地方自治法 Art. 232-4). Each shows amount, withholding and net, who ordered it and
// its 支出命令書; the treasurer confirms it, except their own order (disabled with the reason).
// Confirmed payments are listed in their own view until they are batched.
import type { Payment } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useToday, useUser } from '../../app/session';
import { useListSearch } from '../../app/useListSearch';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import {
  ConfirmButton,
  DataTable,
  EmptyState,
  FileLink,
  FilterBar,
  LinkButton,
  PageHeader,
  SelectField,
  TextField,
  useToast,
  type Column,
} from '../../ui';
import { paymentColumns } from '../accounting/PaymentList';
import type { CONFIRM_VIEWS } from '../accounting/routes';
import { useFilterInputs } from '../../shared/useFilterInputs';
import { useVendor } from '../../shared/VendorName';
import { KindBadge } from './parts';
import { confirmBlock, signerLabel } from './rules';
import '../accounting/accounting.css';

type View = (typeof CONFIRM_VIEWS)[number];
type Search = ListSearch & { status?: View; q?: string };

/** The columns this screen takes from the payments list, in its order. */
const SHOWN = ['dueDate', 'invoiceNumber', 'vendor', 'amount', 'withholding', 'net', 'orderedBy'];

/** The invoice number with the order's voucher under it (the order is what is examined). */
const invoiceColumn: Column<Payment> = {
  id: 'invoiceNumber',
  header: t('payments.col.invoiceNumber'),
  nowrap: true,
  cell: (p) => (
    <span className="acc-cell-stack">
      {p.invoiceNumber}
      <KindBadge kind={p.kind} />
      <FileLink href={api.invoices.voucherUrl(p.invoiceId)} newTab size="small" variant="quiet">
        {t('paymentOrders.voucher')}
      </FileLink>
    </span>
  ),
};

function ConfirmAction({ payment }: { payment: Payment }) {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const vendor = useVendor(payment.vendorId);
  const block = confirmBlock(payment, user.username);
  const facts = {
    invoiceNumber: payment.invoiceNumber,
    vendor: vendor.data?.name ?? '',
    amount: formatYen(payment.amount),
    withholding: formatYen(payment.withholdingTax),
    net: formatYen(payment.netAmount),
    dueDate: formatReiwa(payment.dueDate),
    orderedBy: signerLabel(payment.orderedBy, payment.orderedBySignature),
  };
  return (
    <div className="acc-cell-stack">
      <ConfirmButton
        size="small"
        label={t('treasury.confirm.button')}
        confirmLabel={t('treasury.confirm.button')}
        title={t('treasury.confirm.confirmTitle')}
        body={t('treasury.confirm.confirmBody', facts)}
        isDisabled={block !== undefined}
        onConfirm={async () => {
          await api.payments.confirm(payment.id);
          toast.success(t('treasury.confirm.done', facts));
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: ['payments'] }),
            queryClient.invalidateQueries({ queryKey: ['counts'] }),
          ]);
        }}
      />
      {block === 'own-order' ? (
        <span className="ui-small ui-muted acc-reason">{t('treasury.confirm.own')}</span>
      ) : null}
    </div>
  );
}

export function Confirmations() {
  const [search, setSearch] = useListSearch<Search>();
  const view: View = search.status ?? 'scheduled';
  const request = { ...search, status: view, sort: search.sort ?? 'dueDate' };
  const inputs = useFilterInputs(['q'], search, setSearch);
  const today = useToday();
  const query = useQuery(
    listQuery('payments', request, (signal) => api.payments.list(request, signal)),
  );
  const byId = new Map(paymentColumns(today).map((column) => [column.id, column]));
  byId.set('invoiceNumber', invoiceColumn);
  const columns: Column<Payment>[] = SHOWN.map((id) => byId.get(id)!);
  if (view === 'confirmed') {
    columns.push(byId.get('status')!);
  }
  columns.push({
    id: 'actions',
    header: t('paymentOrders.col.actions'),
    cell: (p) => (p.status === 'scheduled' ? <ConfirmAction payment={p} /> : null),
  });

  return (
    <>
      <PageHeader
        title={t('treasury.confirm.title')}
        lead={t('treasury.confirm.lead')}
        actions={
          view === 'confirmed' ? (
            <LinkButton to="/transfer-batches/new" variant="primary">
              {t('payments.buildBatch')}
            </LinkButton>
          ) : undefined
        }
      />
      <DataTable
        label={t(`treasury.confirm.view.${view}`)}
        columns={columns}
        rowKey={(p) => p.id}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={{ ...search, sort: search.sort ?? 'dueDate' }}
        onStateChange={setSearch}
        csvHref={api.payments.csv({ ...filtersOf(search), status: view })}
        filters={
          <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
            <SelectField
              label={t('treasury.confirm.view')}
              value={view}
              onChange={(value) =>
                setSearch({ status: value === 'scheduled' ? undefined : (value as View) })
              }
              options={(['scheduled', 'confirmed'] as const).map((id) => ({
                id,
                label: t(`treasury.confirm.view.${id}`),
              }))}
            />
            <TextField
              label={t('payments.filter.q')}
              type="search"
              width="medium"
              {...inputs.field('q')}
            />
          </FilterBar>
        }
        empty={
          search.q ? (
            <EmptyState title={t('payments.empty.filtered')} />
          ) : (
            <EmptyState
              title={t(`treasury.confirm.empty.${view}.title`)}
              body={t(`treasury.confirm.empty.${view}.body`)}
            />
          )
        }
      />
    </>
  );
}
