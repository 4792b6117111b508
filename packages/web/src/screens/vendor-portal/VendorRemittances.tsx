// お振込の履歴: the vendor's payments with their transfer dates and the 振込通知書 (PDF) once the
// transfer is certain (its batch approved), paged, sorted and downloadable as CSV.
import type { Remittance } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { api, listQuery } from '../../api';
import type { ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { t } from '../../i18n';
import {
  Amount,
  DataTable,
  DateText,
  EmptyState,
  FileLink,
  LinkButton,
  PageHeader,
  StatusBadge,
  type Column,
  type Tone,
} from '../../ui';
import { PortalLinks, listRemittances } from './parts';
import './vendor-portal.css';

/** The 振込通知書 exists once the payment's batch is approved (it then has a transfer date). */
export function noticeReady(remittance: Remittance): boolean {
  return (
    remittance.status === 'paid' ||
    (remittance.status === 'batched' && remittance.transferDate !== undefined)
  );
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
  const [search, setSearch] = useListSearch<ListSearch>();
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
        csvHref={api.remittances.csv()}
        empty={
          <EmptyState
            title={t('vendorPortal.remittances.empty.title')}
            body={t('vendorPortal.remittances.empty.body')}
            action={<LinkButton to="/vendor/invoices">{t('vendorPortal.nav.invoices')}</LinkButton>}
          />
        }
      />
    </>
  );
}
