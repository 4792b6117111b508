// The payments of one month on a calendar: each day with its count and total of payments due,
// overdue days marked; a day links to the list filtered to that day.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, listQuery } from '../../api';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import { Alert, Amount, Loading, ProblemAlert } from '../../ui';
import { byDate, isOverdue, monthGrid, monthRange, shiftMonth } from './calendar';
import { isUsableTransferDate } from './transfer-dates';
import type { PaymentSearch } from './PaymentList';

/** The most payments one month's calendar reads (the API's largest page). */
const MONTH_LIMIT = 1000;

function parseMonth(month: string | undefined, today: string): { year: number; month: number } {
  const source = month ?? today.slice(0, 7);
  return { year: Number(source.slice(0, 4)), month: Number(source.slice(5, 7)) };
}

const monthParam = (m: { year: number; month: number }) =>
  `${m.year}-${String(m.month).padStart(2, '0')}`;

export function PaymentCalendar({ search, today }: { search: PaymentSearch; today: string }) {
  const current = parseMonth(search.month, today);
  const range = monthRange(current.year, current.month);
  const request = {
    dueFrom: range.from,
    dueTo: range.to,
    status: search.status,
    vendorId: search.vendorId,
    q: search.q,
    page: 1,
    pageSize: MONTH_LIMIT,
    sort: 'dueDate',
    order: 'asc' as const,
  };
  const query = useQuery(
    listQuery('payments', request, (signal) => api.payments.list(request, signal)),
  );
  const payments = query.data?.items ?? [];
  const days = byDate(payments, (p) => p.dueDate);
  const total = payments.reduce((sum, p) => sum + p.amount, 0);
  const weeks = monthGrid(current.year, current.month);
  const prev = shiftMonth(current.year, current.month, -1);
  const next = shiftMonth(current.year, current.month, 1);
  const monthLink =
    (m: { year: number; month: number } | undefined) => (previous: Record<string, unknown>) => ({
      ...previous,
      month: m ? monthParam(m) : undefined,
    });
  const title = t('payments.calendar.month', { year: current.year, month: current.month });

  return (
    <section className="acc-calendar" aria-labelledby="acc-calendar-title">
      <div className="acc-calendar__header">
        <Link
          to="."
          search={monthLink(prev)}
          className="ui-button ui-button--secondary ui-button--small"
        >
          ← {t('payments.calendar.prev')}
        </Link>
        <h2 id="acc-calendar-title" className="acc-calendar__title">
          {title}
          <span className="ui-small ui-muted"> {formatReiwa(range.from).replace(/1日$/, '')}</span>
        </h2>
        <Link
          to="."
          search={monthLink(next)}
          className="ui-button ui-button--secondary ui-button--small"
        >
          {t('payments.calendar.next')} →
        </Link>
        <Link
          to="."
          search={monthLink(undefined)}
          className="ui-button ui-button--quiet ui-button--small"
        >
          {t('payments.calendar.thisMonth')}
        </Link>
      </div>
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {!query.data && !query.error ? <Loading /> : null}
      {query.data ? (
        <>
          <p className="ui-muted" aria-live="polite">
            {payments.length === 0
              ? t('payments.calendar.empty')
              : t('payments.calendar.summary', {
                  count: query.data.total,
                  total: formatYen(total),
                })}
          </p>
          {query.data.total > payments.length ? (
            <Alert
              tone="warning"
              title={t('payments.calendar.truncated', {
                total: query.data.total,
                shown: payments.length,
              })}
            />
          ) : null}
          <table className="acc-calendar__grid">
            <caption className="ui-visually-hidden">{title}</caption>
            <thead>
              <tr>
                {([0, 1, 2, 3, 4, 5, 6] as const).map((weekday) => (
                  <th
                    key={weekday}
                    scope="col"
                    className={`acc-calendar__weekday acc-calendar__weekday--${weekday}`}
                  >
                    {t(`payments.calendar.weekday.${weekday}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week[0]!.date}>
                  {week.map((day) => {
                    const due = days.get(day.date) ?? [];
                    const overdue = due.filter((p) => isOverdue(p, today)).length;
                    const dayTotal = due.reduce((sum, p) => sum + p.amount, 0);
                    // Weekends, holidays and the year end: no transfer can be made that day.
                    const closed = !isUsableTransferDate(day.date, day.date);
                    const classes = [
                      'acc-calendar__day',
                      day.inMonth ? '' : 'acc-calendar__day--outside',
                      day.date === today ? 'acc-calendar__day--today' : '',
                      overdue > 0 ? 'acc-calendar__day--overdue' : '',
                      closed ? 'acc-calendar__day--closed' : '',
                      `acc-calendar__day--w${day.weekday}`,
                    ]
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <td key={day.date} className={classes}>
                        <time dateTime={day.date} title={day.date} className="acc-calendar__date">
                          {day.day}
                          {closed ? (
                            <span className="ui-visually-hidden">
                              （{t('payments.calendar.closed')}）
                            </span>
                          ) : null}
                          {day.date === today ? (
                            <span className="ui-visually-hidden">
                              （{t('payments.calendar.today')}）
                            </span>
                          ) : null}
                        </time>
                        {due.length > 0 && day.inMonth ? (
                          <Link
                            to="."
                            search={{
                              view: undefined,
                              month: undefined,
                              dueFrom: day.date,
                              dueTo: day.date,
                              status: search.status,
                              vendorId: search.vendorId,
                              q: search.q,
                            }}
                            className="acc-calendar__link"
                            aria-label={t('payments.calendar.dayLink', {
                              date: formatReiwa(day.date),
                              count: due.length,
                              total: formatYen(dayTotal),
                              overdue:
                                overdue > 0
                                  ? t('payments.calendar.dayOverdue', { count: overdue })
                                  : '',
                            })}
                          >
                            <span className="acc-calendar__count">
                              {t('payments.calendar.day', { count: due.length })}
                            </span>
                            <Amount value={dayTotal} />
                            {overdue > 0 ? (
                              <span className="acc-calendar__overdue">{t('payments.overdue')}</span>
                            ) : null}
                          </Link>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="ui-small ui-muted">
            <span className="acc-calendar__legend-overdue" aria-hidden="true" />{' '}
            {t('payments.calendar.legend.overdue')} {t('payments.calendar.legend.closed')}
          </p>
        </>
      ) : null}
    </section>
  );
}
