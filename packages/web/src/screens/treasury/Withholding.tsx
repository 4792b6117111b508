// 源泉徴収: the withholding ledger of a month (by transfer date): each paid payment with the
// payee, amount, 源泉徴収税額, 差引支払額 and the day the tax is due at the tax office (the 10th
// of the next month, 所得税法 Art. 204 (1)), with the month's totals and its CSV; and the yearly
// per-recipient totals (calendar year) as a table and a CSV for the 支払調書 (Art. 225).
import type { WithholdingAnnualEntry, WithholdingLedgerEntry } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listQuery } from '../../api';
import type { ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { formatReiwa, formatYen } from '../../format';
import { useToday } from '../../app/session';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  DataTable,
  DateText,
  EmptyState,
  FileLink,
  PageHeader,
  ProblemAlert,
  Section,
  SelectField,
  type Column,
  type ListState,
} from '../../ui';
import { defaultLedgerMonth, shiftYearMonth } from './rules';
import '../accounting/accounting.css';

type Search = ListSearch & { month?: string; year?: number };

const monthLabel = (month: string) =>
  t('treasury.withholding.monthValue', {
    year: Number(month.slice(0, 4)),
    month: Number(month.slice(5, 7)),
  });

const ledgerColumns: Column<WithholdingLedgerEntry>[] = [
  {
    id: 'transferDate',
    header: t('treasury.withholding.col.transferDate'),
    sortKey: 'transferDate',
    isRowHeader: true,
    nowrap: true,
    cell: (e) => <DateText value={e.transferDate} />,
  },
  {
    id: 'vendor',
    header: t('treasury.withholding.col.vendor'),
    cell: (e) => (
      <span className="acc-cell-stack">
        {e.vendorName}
        <span className="ui-small ui-muted">{t(`treasury.vendorKind.${e.vendorKind}`)}</span>
      </span>
    ),
  },
  {
    id: 'invoiceNumber',
    header: t('treasury.withholding.col.invoiceNumber'),
    nowrap: true,
    cell: (e) => e.invoiceNumber,
  },
  {
    id: 'amount',
    header: t('treasury.withholding.col.amount'),
    sortKey: 'amount',
    align: 'end',
    nowrap: true,
    cell: (e) => <Amount value={e.amount} />,
  },
  {
    id: 'withholding',
    header: t('treasury.withholding.col.withholding'),
    align: 'end',
    nowrap: true,
    cell: (e) => (
      <strong>
        <Amount value={e.withholdingTax} />
      </strong>
    ),
  },
  {
    id: 'net',
    header: t('treasury.withholding.col.net'),
    align: 'end',
    nowrap: true,
    cell: (e) => <Amount value={e.netAmount} />,
  },
  {
    id: 'dueTo',
    header: t('treasury.withholding.col.dueTo'),
    nowrap: true,
    cell: (e) => <DateText value={e.paymentDueTo} />,
  },
];

const annualColumns: Column<WithholdingAnnualEntry>[] = [
  {
    id: 'vendor',
    header: t('treasury.withholding.annual.col.vendor'),
    sortKey: 'vendorName',
    isRowHeader: true,
    cell: (e) => e.vendorName,
  },
  {
    id: 'kind',
    header: t('treasury.withholding.annual.col.kind'),
    nowrap: true,
    cell: (e) => t(`treasury.vendorKind.${e.vendorKind}`),
  },
  {
    id: 'count',
    header: t('treasury.withholding.annual.col.count'),
    align: 'end',
    nowrap: true,
    cell: (e) => t('batches.count', { count: e.count }),
  },
  {
    id: 'amount',
    header: t('treasury.withholding.annual.col.amount'),
    sortKey: 'amount',
    align: 'end',
    nowrap: true,
    cell: (e) => <Amount value={e.amount} />,
  },
  {
    id: 'withholding',
    header: t('treasury.withholding.annual.col.withholding'),
    align: 'end',
    nowrap: true,
    cell: (e) => <Amount value={e.withholdingTax} />,
  },
];

/** The month's totals and the day they are due, above the ledger. */
function MonthSummary({ month }: { month: string }) {
  const query = useQuery({
    queryKey: ['withholding', 'summary', month],
    queryFn: ({ signal }) => api.withholding.summary(month, signal),
  });
  if (query.error) return <ProblemAlert error={query.error} />;
  const summary = query.data;
  if (!summary || summary.count === 0) return null;
  return (
    <Alert
      tone="info"
      title={t('treasury.withholding.summary', {
        month: monthLabel(month),
        count: summary.count,
        amount: formatYen(summary.amount),
        withholding: formatYen(summary.withholdingTax),
        net: formatYen(summary.netAmount),
        dueTo: formatReiwa(summary.paymentDueTo),
      })}
    />
  );
}

function Annual({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  // The month's ledger owns the URL's paging; this table pages on its own.
  const [state, setState] = useState<ListState>({ page: 1, pageSize: 50 });
  const request = { ...state, year, sort: state.sort ?? 'vendorName' };
  const query = useQuery(
    listQuery('withholding', { annual: request }, (signal) =>
      api.withholding.annual.list(request, signal),
    ),
  );
  const thisYear = Number(useToday().slice(0, 4));
  const years = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4];
  return (
    <Section title={t('treasury.withholding.annual.title')}>
      <p className="ui-muted">{t('treasury.withholding.annual.lead')}</p>
      <div className="ui-row">
        <SelectField
          label={t('treasury.withholding.annual.year')}
          value={String(year)}
          onChange={(value) => onYear(Number(value))}
          options={years.map((y) => ({
            id: String(y),
            label: t('treasury.withholding.annual.yearValue', { year: y }),
          }))}
        />
        <FileLink href={api.withholding.annual.csv({ year })} download>
          {t('treasury.withholding.annual.csv', { year })}
        </FileLink>
      </div>
      <DataTable
        label={t('treasury.withholding.annual.title')}
        columns={annualColumns}
        rowKey={(e) => e.vendorId}
        data={query.data}
        isFetching={query.isFetching}
        error={query.error}
        state={{ ...state, sort: state.sort ?? 'vendorName' }}
        onStateChange={(patch) => setState((previous) => ({ ...previous, ...patch }))}
        empty={<EmptyState title={t('treasury.withholding.annual.empty')} />}
      />
    </Section>
  );
}

export function Withholding() {
  const [search, setSearch] = useListSearch<Search>();
  const today = useToday();
  const month = search.month ?? defaultLedgerMonth(today);
  const year = search.year ?? Number(month.slice(0, 4));
  const request = {
    month,
    page: search.page,
    pageSize: search.pageSize,
    sort: search.sort ?? 'transferDate',
    order: search.order,
  };
  const query = useQuery(
    listQuery('withholding', request, (signal) => api.withholding.list(request, signal)),
  );
  const monthLink = (m: string) => (previous: Record<string, unknown>) => ({
    ...previous,
    month: m,
    page: 1,
  });
  return (
    <>
      <PageHeader title={t('treasury.withholding.title')} lead={t('treasury.withholding.lead')} />
      <div className="acc-calendar__header">
        <Link
          to="."
          search={monthLink(shiftYearMonth(month, -1))}
          className="ui-button ui-button--secondary ui-button--small"
        >
          ← {t('treasury.withholding.prev')}
        </Link>
        <h2 className="acc-calendar__title">
          <span className="ui-visually-hidden">{t('treasury.withholding.month')} </span>
          {monthLabel(month)}
        </h2>
        <Link
          to="."
          search={monthLink(shiftYearMonth(month, 1))}
          className="ui-button ui-button--secondary ui-button--small"
        >
          {t('treasury.withholding.next')} →
        </Link>
      </div>
      <div className="ui-stack">
        <MonthSummary month={month} />
        <DataTable
          label={t('treasury.withholding.title')}
          columns={ledgerColumns}
          rowKey={(e) => e.paymentId}
          data={query.data}
          isFetching={query.isFetching}
          error={query.error}
          state={{ ...search, sort: search.sort ?? 'transferDate' }}
          onStateChange={setSearch}
          csvHref={api.withholding.csv({ month })}
          empty={
            <EmptyState
              title={t('treasury.withholding.empty.title')}
              body={t('treasury.withholding.empty.body')}
            />
          }
        />
        <Annual year={year} onYear={(y) => setSearch({ year: y })} />
      </div>
    </>
  );
}
