// 振込の作成 (the treasurer's office): pick confirmed payments (by due date or vendor; page by page
// or every match), see the running count and the total to transfer (net of withholding), choose
// the transfer date among bank business days, create the draft batch for another treasurer to
// approve. A transfer date after a payment's due date marks it late and asks for the reason
// (支払遅延防止法 Art. 6, 8). The selection's arithmetic is the pure module batch-builder.ts.
import { TransferBatchCreateRequestSchema, type Payment } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api, listQuery } from '../../api';
import { type ListSearch } from '../../app/search';
import { useListSearch } from '../../app/useListSearch';
import { formatReiwa, formatYen } from '../../format';
import { useToday } from '../../app/session';
import type { Column } from '../../ui';
import { useForm } from '../../forms';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  Button,
  DataTable,
  DateText,
  Details,
  EmptyState,
  FilterBar,
  LinkButton,
  PageHeader,
  ProblemAlert,
  Progress,
  Section,
  SelectField,
  StatusBadge,
  TextField,
  useToast,
} from '../../ui';
import {
  batchRequest,
  deselectAll,
  emptySelection,
  paidLate,
  selectAll,
  selectionProblems,
  summarize,
  type BatchCandidate,
  type Selection,
} from './batch-builder';
import { paymentColumns } from '../accounting/PaymentList';
import { nextBankBusinessDays, suggestTransferDate } from '../accounting/transfer-dates';
import { daysLate } from './rules';
import { VendorName } from '../../shared/VendorName';
import { PaymentFilterFields } from '../../shared/PaymentFilterFields';
import { useFilterInputs } from '../../shared/useFilterInputs';
import '../accounting/accounting.css';

type Search = ListSearch & { dueFrom?: string; dueTo?: string; q?: string; vendorId?: string };

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
/** How many business days ahead a transfer date may be chosen. */
const TRANSFER_DATE_CHOICES = 40;
const FETCH_ALL_PAGE_SIZE = 1000;

// What the transfer carries: the net amount (the withheld tax goes to the tax office instead).
const candidate = (p: Payment): BatchCandidate => ({
  id: p.id,
  vendorId: p.vendorId,
  amount: p.netAmount,
  dueDate: p.dueDate,
  invoiceNumber: p.invoiceNumber,
});

function weekdayOf(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
}

const BUILDER_COLUMNS = ['dueDate', 'invoiceNumber', 'vendor', 'net'];

export function BatchBuilder() {
  const [search, setSearch] = useListSearch<Search>();
  const today = useToday();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const inputs = useFilterInputs(['dueFrom', 'dueTo', 'q', 'vendorId'], search, setSearch);
  const [fetchingAll, setFetchingAll] = useState<{ done: number; total: number } | undefined>();
  const [fetchError, setFetchError] = useState<unknown>(undefined);
  const form = useForm({ transferDate: '', lateReason: '' });

  const filters = {
    status: 'confirmed' as const,
    dueFrom: search.dueFrom,
    dueTo: search.dueTo,
    q: search.q,
    vendorId: search.vendorId,
  };
  const request = { ...search, ...filters, sort: search.sort ?? 'dueDate' };
  const query = useQuery(
    listQuery('payments', request, (signal) => api.payments.list(request, signal)),
  );
  const rows = query.data?.items ?? [];
  const summary = summarize(selection);
  const dateOptions = useMemo(() => nextBankBusinessDays(today, TRANSFER_DATE_CHOICES), [today]);
  const transferDate =
    form.values.transferDate || suggestTransferDate(dateOptions, summary.earliestDueDate) || '';
  const late = transferDate ? paidLate(selection, transferDate) : [];
  const problems = selectionProblems(selection).filter((p) => p.kind !== 'empty');

  const selectEveryMatch = async () => {
    const total = query.data?.total ?? 0;
    setFetchError(undefined);
    setFetchingAll({ done: 0, total });
    try {
      let next = selection;
      for (let page = 1; (page - 1) * FETCH_ALL_PAGE_SIZE < total; page++) {
        const found = await api.payments.list({
          ...filters,
          page,
          pageSize: FETCH_ALL_PAGE_SIZE,
          sort: 'dueDate',
          order: 'asc',
        });
        next = selectAll(next, found.items.map(candidate));
        setFetchingAll({ done: Math.min(total, page * FETCH_ALL_PAGE_SIZE), total });
        if (found.items.length < FETCH_ALL_PAGE_SIZE) break;
      }
      setSelection(next);
    } catch (error) {
      setFetchError(error);
    } finally {
      setFetchingAll(undefined);
    }
  };

  const create = async () => {
    const body = {
      ...batchRequest(selection, transferDate),
      ...(late.length > 0 ? { lateReason: form.values.lateReason.trim() } : {}),
    };
    const created = await form.submit(
      TransferBatchCreateRequestSchema,
      body,
      (parsed, idempotencyKey) => api.transferBatches.create(parsed, { idempotencyKey }),
    );
    if (!created) return;
    toast.success(t('batchNew.done', { count: created.count, total: formatYen(created.total) }));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['payments'] }),
      queryClient.invalidateQueries({ queryKey: ['transferBatches'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
    void navigate({ to: '/transfer-batches/$id', params: { id: created.id } });
  };

  // The payments list's own columns, so a payment reads the same in both places; the due date
  // says whether the chosen transfer date pays it late.
  const columns: Column<Payment>[] = paymentColumns(today)
    .filter((column) => BUILDER_COLUMNS.includes(column.id))
    .map((column) =>
      column.id === 'dueDate'
        ? {
            ...column,
            cell: (p: Payment) => (
              <span className="acc-cell-stack">
                <DateText value={p.dueDate} />
                {transferDate && p.dueDate < transferDate ? (
                  <StatusBadge
                    kind="payment"
                    status="late"
                    tone="danger"
                    label={t('batchNew.lateDays', { days: daysLate(p.dueDate, transferDate) })}
                  />
                ) : null}
              </span>
            ),
          }
        : column,
    );

  const filtered = Boolean(search.dueFrom || search.dueTo || search.q || search.vendorId);
  const total = query.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('batchNew.title')}
        lead={t('batchNew.lead')}
        back={{ to: '/transfer-batches', label: t('batches.detail.back') }}
      />
      <div className="batch-builder">
        <div className="batch-builder__list">
          <DataTable
            label={t('batchNew.candidates')}
            columns={columns}
            rowKey={(p) => p.id}
            data={query.data}
            isFetching={query.isFetching}
            error={query.error}
            state={{ ...search, sort: search.sort ?? 'dueDate' }}
            onStateChange={setSearch}
            selection={{
              selected: new Set(rows.filter((p) => selection.has(p.id)).map((p) => p.id)),
              onChange: (ids) => {
                const added = rows.filter((p) => ids.has(p.id) && !selection.has(p.id));
                const removed = rows.filter((p) => !ids.has(p.id) && selection.has(p.id));
                setSelection(
                  deselectAll(selectAll(selection, added.map(candidate)), removed.map(candidate)),
                );
              },
              rowLabel: (p) =>
                t('batchNew.row', {
                  invoiceNumber: p.invoiceNumber,
                  amount: formatYen(p.amount),
                  dueDate: formatReiwa(p.dueDate),
                }),
            }}
            toolbar={
              <>
                {total > 0 ? (
                  <Button
                    size="small"
                    onPress={() => void selectEveryMatch()}
                    isDisabled={fetchingAll !== undefined}
                  >
                    {t('batchNew.selectMatching', { count: total })}
                  </Button>
                ) : null}
                {selection.size > 0 ? (
                  <Button size="small" variant="quiet" onPress={() => setSelection(emptySelection)}>
                    {t('batchNew.clear')}
                  </Button>
                ) : null}
              </>
            }
            filters={
              <FilterBar onApply={inputs.apply} onClear={inputs.clear}>
                <PaymentFilterFields inputs={inputs} />
              </FilterBar>
            }
            empty={
              filtered ? (
                <EmptyState title={t('batchNew.empty.filtered')} />
              ) : (
                <EmptyState
                  title={t('batchNew.empty.title')}
                  body={t('batchNew.empty.body')}
                  action={<LinkButton to="/payment-orders">{t('nav.paymentOrders')}</LinkButton>}
                />
              )
            }
          />
          {fetchingAll ? (
            <Progress
              label={t('batchNew.selectMatching.progress', fetchingAll)}
              value={fetchingAll.total > 0 ? (fetchingAll.done / fetchingAll.total) * 100 : 0}
            />
          ) : null}
          {fetchError ? <ProblemAlert error={fetchError} /> : null}
        </div>

        <aside className="batch-builder__summary" aria-label={t('batchNew.summary.title')}>
          <Section title={t('batchNew.summary.title')}>
            <div className="ui-stack">
              <div aria-live="polite" aria-atomic="true" className="batch-builder__figures">
                <Details
                  items={[
                    [
                      t('batchNew.summary.count'),
                      t('batchNew.summary.countValue', { count: summary.count }),
                    ],
                    [
                      t('batchNew.summary.total'),
                      <Amount key="total" value={summary.total} large />,
                    ],
                    [
                      t('batchNew.summary.earliest'),
                      summary.earliestDueDate ? (
                        <DateText key="due" value={summary.earliestDueDate} />
                      ) : (
                        '—'
                      ),
                    ],
                  ]}
                />
              </div>
              {summary.count === 0 ? (
                <p className="ui-small ui-muted">{t('batchNew.summary.none')}</p>
              ) : null}
              {summary.vendors.length > 0 ? (
                <div>
                  <h3 className="batch-builder__subtitle">{t('batchNew.summary.vendors')}</h3>
                  <ul className="batch-builder__vendors">
                    {summary.vendors.slice(0, 8).map((v) => (
                      <li key={v.vendorId}>
                        <VendorName id={v.vendorId} />
                        <span className="ui-nowrap">
                          {t('batchNew.summary.vendorRow', {
                            count: v.count,
                            total: formatYen(v.total),
                          })}
                        </span>
                      </li>
                    ))}
                  </ul>
                  {summary.vendors.length > 8 ? (
                    <p className="ui-small ui-muted">
                      {t('batchNew.summary.moreVendors', { count: summary.vendors.length - 8 })}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <form
                className="ui-stack"
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  void create();
                }}
              >
                <SelectField
                  label={t('batchNew.transferDate')}
                  hint={t('batchNew.transferDate.hint')}
                  isRequired
                  value={transferDate}
                  onChange={(value) => form.set('transferDate', value)}
                  error={form.errors.transferDate}
                  placeholder={t('batchNew.transferDate.none')}
                  options={dateOptions.map((day) => ({
                    id: day,
                    label: t('batchNew.transferDate.option', {
                      date: formatReiwa(day),
                      weekday: weekdayOf(day),
                    }),
                  }))}
                />
                {late.length > 0 ? (
                  <>
                    <Alert
                      tone="warning"
                      title={t('batchNew.late', {
                        count: late.length,
                        date: formatReiwa(late[0]!.dueDate),
                      })}
                    >
                      <ul className="batch-builder__late">
                        {late.slice(0, 5).map((payment) => (
                          <li key={payment.id}>
                            {t('batchNew.lateRow', {
                              invoiceNumber: payment.invoiceNumber ?? '',
                              dueDate: formatReiwa(payment.dueDate),
                              days: daysLate(payment.dueDate, transferDate),
                            })}
                          </li>
                        ))}
                      </ul>
                      {late.length > 5 ? (
                        <p className="ui-small">
                          {t('batchNew.summary.moreLate', { count: late.length - 5 })}
                        </p>
                      ) : null}
                    </Alert>
                    <TextField
                      label={t('batchNew.lateReason')}
                      hint={t('batchNew.lateReason.hint')}
                      isRequired
                      multiline
                      maxLength={500}
                      {...form.field('lateReason')}
                    />
                  </>
                ) : null}
                {problems.map((problem) => (
                  <Alert
                    key={problem.kind}
                    tone="danger"
                    title={t(`batchNew.problem.${problem.kind}`, {
                      limit:
                        problem.kind === 'too-many'
                          ? problem.limit.toLocaleString('ja-JP')
                          : 'limit' in problem
                            ? formatYen(problem.limit)
                            : '',
                    })}
                  />
                ))}
                {form.formError ? <ProblemAlert error={form.formError} /> : null}
                {form.otherErrors.map((message) => (
                  <p key={message} className="ui-field__error">
                    {message}
                  </p>
                ))}
                <Button
                  type="submit"
                  variant="primary"
                  isDisabled={
                    summary.count === 0 ||
                    problems.length > 0 ||
                    !transferDate ||
                    (late.length > 0 && form.values.lateReason.trim() === '') ||
                    form.submitting
                  }
                >
                  {t('batchNew.submit')}
                </Button>
                {form.submitting ? <Progress label={t('app.saving')} /> : null}
              </form>
            </div>
          </Section>
        </aside>
      </div>
    </>
  );
}
