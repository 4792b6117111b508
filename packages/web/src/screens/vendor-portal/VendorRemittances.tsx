// お振込の履歴: the vendor's payments with their transfer dates and the 振込通知書 (PDF) once the
// transfer is certain (its batch approved), paged, sorted, filtered by a period of transfer dates
// and downloadable as CSV (the period's, every page).
import type { Remittance } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { api, listQuery } from '../../api';
import { filtersOf, type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
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
  StatusBadge,
  TextField,
  type Column,
  type Tone,
} from '../../ui';
import { useFilterInputs } from '../../shared/useFilterInputs';
import { PortalLinks, listRemittances } from './parts';
import './vendor-portal.css';

type Search = ListSearch & { from?: string; to?: string };

/**
 * The 振込通知書 exists once the payment's batch is approved (the list then names the batch); a
 * transfer the bank returned keeps its notice, which says 振込不能.
 */
export function noticeReady(remittance: Remittance): boolean {
  return remittance.batchId !== undefined;
}

/** Scheduled, confirmed and batched read alike to a vendor (支払予定), so they look alike too. */
const REMITTANCE_TONES = {
  scheduled: 'warning',
  confirmed: 'warning',
  batched: 'warning',
  paid: 'success',
  failed: 'danger',
} as const satisfies Record<Remittance['status'], Tone>;

export function RemittanceStatus({ remittance }: { remittance: Remittance }) {
  return (
    <StatusBadge
      kind="payment"
      status={remittance.status}
      label={t(`vendorPortal.remittances.status.${remittance.status}`)}
      tone={REMITTANCE_TONES[remittance.status]}
    />
  );
}

const columns: Column<Remittance>[] = [
  {
    id: 'transferDate',
    header: t('vendorPortal.remittances.col.transferDate'),
    sortKey: 'transferDate',
    firstOrder: 'desc',
    isRowHeader: true,
    nowrap: true,
    cell: (r) => (r.transferDate ? <DateText value={r.transferDate} /> : '—'),
  },
  {
    id: 'invoiceNumber',
    header: t('vendorPortal.remittances.col.invoiceNumber'),
    nowrap: true,
    cell: (r) => r.invoiceNumber,
  },
  {
    id: 'amount',
    header: t('vendorPortal.remittances.col.amount'),
    sortKey: 'amount',
    firstOrder: 'desc',
    align: 'end',
    nowrap: true,
    cell: (r) => <Amount value={r.amount} />,
  },
  {
    id: 'withholdingTax',
    header: t('vendorPortal.remittances.col.withholdingTax'),
    align: 'end',
    nowrap: true,
    cell: (r) => <Amount value={r.withholdingTax} />,
  },
  {
    id: 'netAmount',
    header: t('vendorPortal.remittances.col.netAmount'),
    align: 'end',
    nowrap: true,
    cell: (r) => <Amount value={r.netAmount} />,
  },
  {
    id: 'status',
    header: t('vendorPortal.remittances.col.status'),
    nowrap: true,
    cell: (r) => <RemittanceStatus remittance={r} />,
  },
  {
    id: 'notice',
    header: t('vendorPortal.remittances.col.notice'),
    nowrap: true,
    cell: (r) =>
      noticeReady(r) ? (
        <FileLink href={api.payments.remittanceNoticeUrl(r.paymentId)} newTab size="small">
          {t('ui.openPdf', { name: t('payments.notice') })}
        </FileLink>
      ) : (
        <span className="ui-small ui-muted">{t('vendorPortal.remittances.notYet')}</span>
      ),
  },
];

export function VendorRemittances() {
  const [search, setSearch] = useListSearch<Search>();
  const inputs = useFilterInputs(['from', 'to'], search, setSearch);
  const query = useQuery(
    listQuery('remittances', search, (signal) => listRemittances(search, signal)),
  );
  return (
    <>
      <PageHeader
        title={t('vendorPortal.remittances.title')}
        lead={t('vendorPortal.remittances.lead')}
        back={{ to: '/vendor', label: t('vendorPortal.title') }}
        actions={<PortalLinks />}
      />
      <DataTable
        label={t('vendorPortal.remittances.title')}
        columns={columns}
        rowKey={(r) => r.paymentId}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={search}
        onStateChange={setSearch}
        csvHref={api.remittances.csv(filtersOf(search))}
        filters={
          <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
            <TextField
              label={t('vendorPortal.remittances.filter.from')}
              type="date"
              width="medium"
              {...inputs.field('from')}
            />
            <TextField
              label={t('vendorPortal.remittances.filter.to')}
              type="date"
              width="medium"
              {...inputs.field('to')}
            />
          </FilterBar>
        }
        empty={
          search.from || search.to ? (
            <EmptyState title={t('vendorPortal.remittances.empty.filtered')} />
          ) : (
            <EmptyState
              title={t('vendorPortal.remittances.empty.title')}
              body={t('vendorPortal.remittances.empty.body')}
              action={
                <LinkButton to="/vendor/invoices">{t('vendorPortal.nav.invoices')}</LinkButton>
              }
            />
          )
        }
      />
    </>
  );
}
