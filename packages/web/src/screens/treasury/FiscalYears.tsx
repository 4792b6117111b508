// 出納閉鎖: each fiscal year with its 出納整理期間 (orders and payments of year N still move until
// May 31 of N+1) and whether it is closed; the treasurer closes a year from June 1 of the next
// year (地方自治法 Art. 235-5) after a confirmation, and nothing of it moves afterwards. Before that
// day the button is disabled with the reason.
import type { FiscalYearStatus } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useHasRole, useToday } from '../../app/session';
import { fiscalYearOf, formatReiwa } from '../../format';
import { t } from '../../i18n';
import {
  ConfirmButton,
  DateText,
  DateTimeText,
  Loading,
  PageHeader,
  ProblemAlert,
  StatusBadge,
  useToast,
  ScrollTable,
} from '../../ui';
import { closableFrom, closeBlock, signerLabel } from './rules';
import '../accounting/accounting.css';

const yearLabel = (year: number) => t('budgets.fiscalYear.value', { year, reiwa: year - 2018 });

/** The years to show: those the payment service knows, and always last year and this year. */
export function yearsToShow(known: readonly FiscalYearStatus[], today: string): FiscalYearStatus[] {
  const current = fiscalYearOf(today);
  const byYear = new Map(known.map((year) => [year.fiscalYear, year]));
  for (const year of [current - 1, current]) {
    if (!byYear.has(year)) {
      byYear.set(year, {
        fiscalYear: year,
        status: 'open',
        closingPeriodEnd: `${year + 1}-05-31`,
      });
    }
  }
  return [...byYear.values()].sort((a, b) => b.fiscalYear - a.fiscalYear);
}

function CloseAction({ year, today }: { year: FiscalYearStatus; today: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const block = closeBlock(
    { fiscalYear: year.fiscalYear, closed: year.status === 'closed' },
    today,
  );
  if (block === 'closed') return null;
  const facts = {
    year: yearLabel(year.fiscalYear),
    end: formatReiwa(year.closingPeriodEnd),
    from: formatReiwa(closableFrom(year.fiscalYear)),
  };
  return (
    <div className="acc-cell-stack">
      <ConfirmButton
        size="small"
        variant="danger"
        label={t('treasury.close.button')}
        title={t('treasury.close.confirmTitle', facts)}
        body={t('treasury.close.confirmBody', facts)}
        isDisabled={block !== undefined}
        onConfirm={async () => {
          await api.fiscalYears.close(year.fiscalYear);
          toast.success(t('treasury.close.done', facts));
          await queryClient.invalidateQueries({ queryKey: ['fiscalYears'] });
        }}
      />
      {block === 'closing-period' ? (
        <span className="ui-small ui-muted">{t('treasury.close.notYet', facts)}</span>
      ) : null}
    </div>
  );
}

export function FiscalYears() {
  const today = useToday();
  const isTreasurer = useHasRole('treasurer');
  const query = useQuery({
    queryKey: ['fiscalYears', 'list'],
    queryFn: ({ signal }) => api.fiscalYears.list(signal),
  });
  const years = query.data ? yearsToShow(query.data, today) : undefined;
  return (
    <>
      <PageHeader title={t('treasury.close.title')} lead={t('treasury.close.lead')} />
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {!years && !query.error ? <Loading /> : null}
      {years ? (
        <ScrollTable caption={t('treasury.close.title')}>
          <thead>
            <tr>
              <th scope="col">{t('treasury.close.col.year')}</th>
              <th scope="col">{t('treasury.close.col.period')}</th>
              <th scope="col">{t('treasury.close.col.status')}</th>
              <th scope="col">{t('treasury.close.col.closedBy')}</th>
              {isTreasurer ? <th scope="col">{t('paymentOrders.col.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {years.map((year) => (
              <tr key={year.fiscalYear}>
                <th scope="row">{yearLabel(year.fiscalYear)}</th>
                <td className="ui-cell--nowrap">
                  <DateText value={year.closingPeriodEnd} />
                </td>
                <td className="ui-cell--nowrap">
                  <StatusBadge
                    kind="batch"
                    status={year.status}
                    label={t(`treasury.close.status.${year.status}`)}
                    tone={year.status === 'closed' ? 'neutral' : 'success'}
                  />
                </td>
                <td>
                  {year.closedAt ? (
                    <span className="acc-cell-stack ui-small">
                      <span>{signerLabel(year.closedBy, year.closedBySignature)}</span>
                      <DateTimeText value={year.closedAt} />
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                {isTreasurer ? (
                  <td>
                    <CloseAction year={year} today={today} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </>
  );
}
