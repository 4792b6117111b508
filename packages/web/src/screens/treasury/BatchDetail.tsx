// 振込 (one batch): its facts and steps; approve (by a treasurer other than its creator), cancel
// or re-date while it is a draft, the Zengin file once approved, and the bank's result from the
// transfer date on (paid, or 振込不能 with the bank's reason per payment) — each confirmed first —
// and the payments it holds with their 振込通知書.
import type { Payment, TransferBatch } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, detailQuery } from '../../api';
import { useHasRole, useToday, useUser } from '../../app/session';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  Button,
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
  TextField,
  useToast,
  ScrollTable,
} from '../../ui';
import { paymentColumns } from '../accounting/PaymentList';
import { RedateDialog, SettleDialog } from './BatchDialogs';
import { approveBlock, settleBlock, signerLabel } from './rules';
import '../accounting/accounting.css';

/** The largest page the API gives; a batch holds at most 10,000 payments. */
const PAGE = 1000;

/** The payments of a batch, page by page (a cancelled batch no longer holds any). */
async function batchPayments(batch: TransferBatch, signal: AbortSignal): Promise<Payment[]> {
  const found: Payment[] = [];
  if (batch.status === 'cancelled') return found;
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
    [
      'created',
      t('batches.steps.created', { name: signerLabel(batch.createdBy, batch.createdBySignature) }),
    ],
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
  const isTreasurer = useHasRole('treasurer');
  const [settling, setSettling] = useState(false);
  const [redating, setRedating] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const toast = useToast();
  const queryClient = useQueryClient();
  const today = useToday();
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
  const approveBlocked = approveBlock(batch, user.username);
  const settleBlocked = settleBlock(batch, today);
  const members = membersQuery.data;
  const columns = paymentColumns(today).filter((column) => column.id !== 'orderedBy');
  const failures = new Map((batch.failures ?? []).map((f) => [f.paymentId, f.reason]));

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
              [
                t('batches.detail.createdBy'),
                signerLabel(batch.createdBy, batch.createdBySignature),
              ],
              [
                t('batches.detail.approvedBy'),
                signerLabel(batch.approvedBy, batch.approvedBySignature),
              ],
              [
                t('batches.detail.approvedAt'),
                batch.approvedAt ? <DateTimeText key="a" value={batch.approvedAt} /> : '—',
              ],
              [
                t('batches.detail.settledAt'),
                batch.settledAt ? <DateTimeText key="s" value={batch.settledAt} /> : '—',
              ],
              ...(batch.lateReason
                ? [[t('batches.detail.lateReason'), batch.lateReason] as [string, string]]
                : []),
              ...(batch.failures && batch.failures.length > 0
                ? [
                    [
                      t('batches.detail.failures'),
                      t('batches.count', { count: batch.failures.length }),
                    ] as [string, string],
                  ]
                : []),
              ...(batch.cancelledAt
                ? [
                    [
                      t('batches.detail.cancelledAt'),
                      <DateTimeText key="c" value={batch.cancelledAt} />,
                    ] as [string, React.ReactNode],
                  ]
                : []),
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
          {batch.status === 'cancelled' ? (
            <Alert tone="info" title={t('batches.cancelled')} />
          ) : null}
          {batch.status === 'settled' ? (
            <Alert
              tone={failures.size > 0 ? 'warning' : 'success'}
              title={
                failures.size > 0
                  ? t('batches.settledWithFailures', { count: failures.size })
                  : t('batches.settled')
              }
            />
          ) : null}
          {isTreasurer && batch.status === 'draft' ? (
            <div className="ui-stack">
              {approveBlocked === 'own-batch' ? (
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
              )}
              <p className="ui-small ui-muted">{t('batches.zengin.notYet')}</p>
              <div className="ui-row">
                <Button onPress={() => setRedating(true)} isDisabled={!members}>
                  {t('batches.redate')}
                </Button>
                <ConfirmButton
                  buttonVariant="quiet"
                  variant="danger"
                  label={t('batches.cancel')}
                  title={t('batches.cancel.confirmTitle')}
                  body={t('batches.cancel.confirmBody', facts)}
                  onConfirm={async () => {
                    const reason = cancelReason.trim();
                    await api.transferBatches.cancel(batch.id, reason ? { reason } : {});
                    setCancelReason('');
                    toast.success(t('batches.cancel.done'));
                    await refresh();
                  }}
                >
                  <TextField
                    label={t('batches.cancel.reason')}
                    multiline
                    maxLength={500}
                    value={cancelReason}
                    onChange={setCancelReason}
                  />
                </ConfirmButton>
              </div>
              {members ? (
                <RedateDialog
                  batch={batch}
                  members={members}
                  today={today}
                  isOpen={redating}
                  onOpenChange={setRedating}
                  onRedated={async (date) => {
                    toast.success(t('batches.redate.done', { date: formatReiwa(date) }));
                    await refresh();
                  }}
                />
              ) : null}
            </div>
          ) : null}
          {isTreasurer && (batch.status === 'approved' || batch.status === 'settled') ? (
            <div className="ui-stack">
              <div className="ui-row">
                <FileLink
                  href={api.transferBatches.zenginUrl(batch.id)}
                  download
                  variant={batch.status === 'approved' ? 'primary' : 'secondary'}
                >
                  {t('batches.zengin')}
                </FileLink>
                <FileLink href={api.transferBatches.summaryUrl(batch.id)} download>
                  {t('batches.summary')}
                </FileLink>
              </div>
              <p className="ui-small ui-muted">{t('batches.zengin.hint')}</p>
            </div>
          ) : null}
          {isTreasurer && batch.status === 'approved' ? (
            <div className="ui-stack">
              <div className="ui-row">
                <Button
                  variant="primary"
                  onPress={() => setSettling(true)}
                  isDisabled={settleBlocked !== undefined || !members}
                >
                  {t('batches.settle')}
                </Button>
              </div>
              {settleBlocked === 'before-transfer-date' ? (
                <p className="ui-small ui-muted">{t('batches.settle.notYet', facts)}</p>
              ) : null}
              {members ? (
                <SettleDialog
                  batch={batch}
                  members={members}
                  isOpen={settling}
                  onOpenChange={setSettling}
                  onSettled={async (failed) => {
                    toast.success(
                      failed > 0
                        ? t('batches.settle.doneWithFailures', { count: failed })
                        : t('batches.settle.done'),
                    );
                    await refresh();
                  }}
                />
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
            <ScrollTable caption={t('batches.payments')}>
              <thead>
                <tr>
                  {columns.map((column) => (
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
                    {columns.map((column) =>
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
            </ScrollTable>
          </>
        ) : null}
      </Section>
    </>
  );
}
