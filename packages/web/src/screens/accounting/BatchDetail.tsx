// 振込 (one batch): its facts and steps; approve (by an accountant other than its creator), the
// Zengin file once approved, settle after the bank has executed it — each confirmed first — and
// the payments it holds with their 振込通知書.
import type { Payment, TransferBatch } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, detailQuery } from '../../api';
import { useHasRole, useUser } from '../../app/session';
import { formatReiwa, formatYen, japanToday } from '../../format';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  ConfirmButton,
  DateText,
  DateTimeText,
  Details,
  FileLink,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  StatusBadge,
  useToast,
} from '../../ui';
import { paymentColumns } from './PaymentList';
import './accounting.css';

/** The largest page the API gives; a batch holds at most 10,000 payments. */
const PAGE = 1000;

/** The payments of a batch, page by page. */
async function batchPayments(batch: TransferBatch, signal: AbortSignal): Promise<Payment[]> {
  const found: Payment[] = [];
  for (let page = 1; found.length < batch.count; page++) {
    const result = await api.payments.list(
      { batchId: batch.id, page, pageSize: PAGE, sort: 'dueDate', order: 'asc' },
      signal,
    );
    found.push(...result.items);
    if (result.items.length < PAGE) break;
  }
  return found;
}

function Steps({ batch }: { batch: TransferBatch }) {
  const done = {
    created: true,
    approve: batch.status !== 'draft',
    zengin: batch.status === 'settled',
    settle: batch.status === 'settled',
  };
  const now =
    batch.status === 'draft' ? 'approve' : batch.status === 'approved' ? 'zengin' : undefined;
  const items = [
    ['created', t('batches.steps.created', { name: batch.createdBy })],
    ['approve', t('batches.steps.approve')],
    ['zengin', t('batches.steps.zengin')],
    ['settle', t('batches.steps.settle')],
  ] as const;
  return (
    <ol className="batch-steps">
      {items.map(([key, label]) => (
        <li
          key={key}
          className={`batch-steps__item${done[key] ? ' batch-steps__item--done' : ''}${now === key ? ' batch-steps__item--now' : ''}`}
          {...(now === key ? { 'aria-current': 'step' as const } : {})}
        >
          <span>{label}</span>
          {done[key] ? <span className="ui-small">（{t('batches.steps.done')}）</span> : null}
          {now === key ? <span className="ui-small">（{t('batches.steps.now')}）</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function BatchDetail() {
  const { id } = useParams({ strict: false }) as { id: string };
  const user = useUser();
  const isAccountant = useHasRole('accountant');
  const toast = useToast();
  const queryClient = useQueryClient();
  const today = japanToday();
  const batchQuery = useQuery(
    detailQuery('transferBatches', id, (s) => api.transferBatches.get(id, s)),
  );
  const batch = batchQuery.data;
  const membersQuery = useQuery({
    queryKey: ['payments', 'batch', id, batch?.status],
    queryFn: ({ signal }) => batchPayments(batch!, signal),
    enabled: Boolean(batch),
  });

  if (batchQuery.error) {
    return (
      <>
        <PageHeader
          title={t('batches.title')}
          back={{ to: '/transfer-batches', label: t('batches.detail.back') }}
        />
        <ProblemAlert error={batchQuery.error} />
      </>
    );
  }
  if (!batch) return <Loading />;

  const facts = {
    date: formatReiwa(batch.transferDate),
    count: batch.count,
    total: formatYen(batch.total),
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['transferBatches'] }),
      queryClient.invalidateQueries({ queryKey: ['payments'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
  const own = batch.createdBy === user.username;
  const members = membersQuery.data;

  return (
    <>
      <PageHeader
        title={t('batches.detail.title', { date: formatReiwa(batch.transferDate) })}
        back={{ to: '/transfer-batches', label: t('batches.detail.back') }}
        meta={<StatusBadge kind="batch" status={batch.status} />}
      />
      <div className="batch-detail">
        <Section title={t('batches.detail.facts')}>
          <Details
            items={[
              [t('batches.detail.transferDate'), <DateText key="d" value={batch.transferDate} />],
              [t('batches.detail.count'), t('batches.count', { count: batch.count })],
              [t('batches.detail.total'), <Amount key="t" value={batch.total} large />],
              [t('batches.detail.createdBy'), batch.createdBy],
              [t('batches.detail.approvedBy'), batch.approvedBy ?? '—'],
              [
                t('batches.detail.approvedAt'),
                batch.approvedAt ? <DateTimeText key="a" value={batch.approvedAt} /> : '—',
              ],
              [
                t('batches.detail.settledAt'),
                batch.settledAt ? <DateTimeText key="s" value={batch.settledAt} /> : '—',
              ],
              [
                t('batches.detail.id'),
                <span key="i" className="ui-mono ui-small">
                  {batch.id}
                </span>,
              ],
            ]}
          />
        </Section>
        <Section title={t('batches.steps.title')}>
          <Steps batch={batch} />
          {isAccountant ? (
            <div className="ui-stack">
              {batch.status === 'draft' ? (
                own ? (
                  <Alert tone="info" title={t('batches.approve.own')} />
                ) : (
                  <div className="ui-row">
                    <ConfirmButton
                      label={t('batches.approve')}
                      title={t('batches.approve.confirmTitle')}
                      body={t('batches.approve.confirmBody', facts)}
                      onConfirm={async () => {
                        await api.transferBatches.approve(batch.id);
                        toast.success(t('batches.approve.done'));
                        await refresh();
                      }}
                    />
                  </div>
                )
              ) : null}
              {batch.status === 'draft' ? (
                <p className="ui-small ui-muted">{t('batches.zengin.notYet')}</p>
              ) : null}
              {batch.status !== 'draft' ? (
                <div className="ui-stack">
                  <div className="ui-row">
                    <FileLink
                      href={api.transferBatches.zenginUrl(batch.id)}
                      download
                      variant={batch.status === 'approved' ? 'primary' : 'secondary'}
                    >
                      {t('batches.zengin')}
                    </FileLink>
                  </div>
                  <p className="ui-small ui-muted">{t('batches.zengin.hint')}</p>
                </div>
              ) : null}
              {batch.status === 'approved' ? (
                <div className="ui-row">
                  <ConfirmButton
                    label={t('batches.settle')}
                    title={t('batches.settle.confirmTitle')}
                    body={t('batches.settle.confirmBody', facts)}
                    onConfirm={async () => {
                      await api.transferBatches.settle(batch.id);
                      toast.success(t('batches.settle.done'));
                      await refresh();
                    }}
                  />
                </div>
              ) : null}
              {batch.status === 'settled' ? (
                <Alert tone="success" title={t('batches.settled')} />
              ) : null}
            </div>
          ) : null}
        </Section>
      </div>
      <Section title={t('batches.payments')}>
        {membersQuery.error ? <ProblemAlert error={membersQuery.error} /> : null}
        {!members && !membersQuery.error ? <Loading label={t('batches.payments.loading')} /> : null}
        {members ? (
          <>
            {members.length < batch.count ? (
              <Alert
                tone="info"
                title={t('batches.payments.partial', { shown: members.length, count: batch.count })}
              />
            ) : null}
            <div className="ui-table-scroll">
              <table className="ui-table">
                <caption className="ui-visually-hidden">{t('batches.payments')}</caption>
                <thead>
                  <tr>
                    {paymentColumns(today).map((column) => (
                      <th
                        key={column.id}
                        scope="col"
                        className={column.align === 'end' ? 'ui-cell--end' : ''}
                      >
                        {column.header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {members.map((payment) => (
                    <tr key={payment.id}>
                      {paymentColumns(today).map((column) =>
                        column.isRowHeader ? (
                          <th key={column.id} scope="row">
                            {column.cell(payment)}
                          </th>
                        ) : (
                          <td
                            key={column.id}
                            className={[
                              column.align === 'end' ? 'ui-cell--end' : '',
                              column.nowrap ? 'ui-cell--nowrap' : '',
                            ].join(' ')}
                          >
                            {column.cell(payment)}
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </Section>
    </>
  );
}
