// Home: the user's work queue (counts, each linking to its filtered list) and a search across
// contracts, invoices and vendors by document number, name or amount.
import type { Role } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../../api/resources';
import { useToday, useUser } from '../../app/session';
import { addDays, parseYen } from '../../format';
import { t, type MessageKey } from '../../i18n';
import { Amount, Button, PageHeader, Progress, Section, StatusBadge, TextField } from '../../ui';
import './home.css';

interface QueueItem {
  id: string;
  label: MessageKey;
  hint: MessageKey;
  roles: readonly Role[];
  /** Where the count leads: the filtered list. */
  to: string;
  search?: Record<string, string>;
  count: (signal: AbortSignal) => Promise<number>;
}

const total = (page: Promise<{ total: number }>) => page.then((p) => p.total);

function queueItems(today: string): QueueItem[] {
  const yesterday = addDays(today, -1);
  return [
    {
      id: 'drafts',
      label: 'home.queue.drafts',
      hint: 'home.queue.drafts.hint',
      roles: ['procurement'],
      to: '/contracts',
      search: { status: 'draft' },
      count: (signal) => total(api.contracts.list({ status: 'draft', pageSize: 1 }, signal)),
    },
    {
      id: 'submitted',
      label: 'home.queue.submitted',
      hint: 'home.queue.submitted.hint',
      roles: ['approver'],
      to: '/approvals',
      count: (signal) => total(api.contracts.list({ status: 'submitted', pageSize: 1 }, signal)),
    },
    {
      id: 'toInspect',
      label: 'home.queue.toInspect',
      hint: 'home.queue.toInspect.hint',
      roles: ['procurement'],
      to: '/inspections',
      count: (signal) => total(api.invoices.list({ status: 'received', pageSize: 1 }, signal)),
    },
    {
      id: 'toOrder',
      label: 'home.queue.toOrder',
      hint: 'home.queue.toOrder.hint',
      roles: ['accountant'],
      to: '/payment-orders',
      count: (signal) => total(api.invoices.list({ status: 'inspected', pageSize: 1 }, signal)),
    },
    {
      id: 'toConfirm',
      label: 'treasury.home.toConfirm',
      hint: 'treasury.home.toConfirm.hint',
      roles: ['treasurer'],
      to: '/payment-confirmations',
      count: (signal) => total(api.payments.list({ status: 'scheduled', pageSize: 1 }, signal)),
    },
    {
      id: 'failed',
      label: 'treasury.home.failed',
      hint: 'treasury.home.failed.hint',
      roles: ['treasurer'],
      to: '/payments',
      search: { status: 'failed' },
      count: (signal) => total(api.payments.list({ status: 'failed', pageSize: 1 }, signal)),
    },
    {
      id: 'batchesToApprove',
      label: 'home.queue.batchesToApprove',
      hint: 'home.queue.batchesToApprove.hint',
      roles: ['treasurer'],
      to: '/transfer-batches',
      search: { status: 'draft' },
      count: (signal) => total(api.transferBatches.list({ status: 'draft', pageSize: 1 }, signal)),
    },
    {
      id: 'overdue',
      label: 'home.queue.overdue',
      hint: 'home.queue.overdue.hint',
      roles: ['accountant', 'treasurer'],
      to: '/payments',
      search: { status: 'scheduled', dueTo: yesterday },
      count: (signal) =>
        total(api.payments.list({ status: 'scheduled', dueTo: yesterday, pageSize: 1 }, signal)),
    },
  ];
}

export function HomePage() {
  const user = useUser();
  const items = queueItems(useToday()).filter((item) =>
    item.roles.some((role) => user.roles.includes(role)),
  );
  return (
    <div className="ui-stack-lg">
      <PageHeader
        title={t('home.title')}
        lead={t('home.greeting', { name: user.displayName ?? user.username })}
      />
      {items.length > 0 ? (
        <section aria-labelledby="queue-title" className="ui-stack">
          <h2 id="queue-title">{t('home.queue.title')}</h2>
          <ul className="home-queue">
            {items.map((item) => (
              <QueueCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
      <GlobalSearch />
    </div>
  );
}

function QueueCard({ item }: { item: QueueItem }) {
  const { data, isPending, isError } = useQuery({
    queryKey: ['counts', item.id, item.search ?? {}],
    queryFn: ({ signal }) => item.count(signal),
    staleTime: 10_000,
  });
  const urgent = item.id === 'overdue' && (data ?? 0) > 0;
  return (
    <li>
      <Link
        to={item.to}
        search={item.search ?? {}}
        className={`home-queue__card${urgent ? ' home-queue__card--urgent' : ''}`}
      >
        <span className="home-queue__label">{t(item.label)}</span>
        <span className="home-queue__count">
          {isPending ? (
            <Progress label={t('app.loading')} showLabel={false} />
          ) : isError ? (
            <span title={t('home.queue.unavailable.hint')}>{t('home.queue.unavailable')}</span>
          ) : (
            t('home.queue.count', { count: data.toLocaleString('ja-JP') })
          )}
        </span>
        <span className="home-queue__hint">{t(item.hint)}</span>
      </Link>
    </li>
  );
}

const PREVIEW = 5;

function GlobalSearch() {
  const search = useSearch({ strict: false }) as { q?: string };
  const navigate = useNavigate();
  const user = useUser();
  const [input, setInput] = useState(search.q ?? '');
  const q = search.q;
  const amount = q ? parseYen(q) : undefined;
  const showVendors = user.roles.includes('procurement') || user.roles.includes('accountant');

  const results = useQuery({
    queryKey: ['search', q, amount],
    enabled: Boolean(q),
    queryFn: async ({ signal }) => {
      const text = q ?? '';
      const byAmount = amount !== undefined ? { minAmount: amount, maxAmount: amount } : undefined;
      const [contracts, contractsByAmount, invoices, invoicesByAmount, vendors] = await Promise.all(
        [
          api.contracts.list({ q: text, pageSize: PREVIEW }, signal),
          byAmount ? api.contracts.list({ ...byAmount, pageSize: PREVIEW }, signal) : undefined,
          api.invoices.list({ q: text, pageSize: PREVIEW }, signal),
          byAmount ? api.invoices.list({ ...byAmount, pageSize: PREVIEW }, signal) : undefined,
          showVendors ? api.vendors.list({ q: text, pageSize: PREVIEW }, signal) : undefined,
        ],
      );
      return {
        contracts: contractsByAmount && contractsByAmount.total > 0 ? contractsByAmount : contracts,
        contractsByAmount: Boolean(contractsByAmount && contractsByAmount.total > 0),
        invoices: invoicesByAmount && invoicesByAmount.total > 0 ? invoicesByAmount : invoices,
        vendors,
      };
    },
  });

  const data = results.data;
  const nothing =
    data && data.contracts.total === 0 && data.invoices.total === 0 && !data.vendors?.total;

  return (
    <Section title={t('home.search.title')}>
      <form
        role="search"
        className="home-search"
        onSubmit={(event) => {
          event.preventDefault();
          const next = input.trim();
          void navigate({ to: '/', search: next ? { q: next } : {} });
        }}
      >
        <TextField
          label={t('home.search.label')}
          hint={t('home.search.hint')}
          type="search"
          value={input}
          onChange={setInput}
        />
        <Button type="submit" variant="primary">
          {t('home.search.submit')}
        </Button>
      </form>
      {q ? (
        <div className="ui-stack home-results" aria-live="polite">
          <h3>{t('home.search.results', { query: q })}</h3>
          {results.isPending ? <Progress label={t('app.loading')} /> : null}
          {results.isError ? <p className="ui-muted">{t('problem.500')}</p> : null}
          {nothing ? <p>{t('home.search.none')}</p> : null}
          {data && data.contracts.total > 0 ? (
            <ResultGroup
              title={t('home.search.contracts')}
              total={data.contracts.total}
              moreTo="/contracts"
              moreSearch={
                data.contractsByAmount && amount !== undefined
                  ? { minAmount: String(amount), maxAmount: String(amount) }
                  : { q: q }
              }
            >
              {data.contracts.items.map((contract) => (
                <li key={contract.id}>
                  <Link to="/contracts/$id" params={{ id: contract.id }}>
                    {contract.documentNumber} {contract.title}
                  </Link>{' '}
                  <Amount value={contract.amount} />{' '}
                  <StatusBadge kind="contract" status={contract.status} />
                </li>
              ))}
            </ResultGroup>
          ) : null}
          {data && data.invoices.total > 0 ? (
            <ResultGroup title={t('home.search.invoices')} total={data.invoices.total}>
              {data.invoices.items.map((invoice) => (
                <li key={invoice.id}>
                  <Link to="/contracts/$id" params={{ id: invoice.contractId }}>
                    {invoice.documentNumber}（{invoice.invoiceNumber}）
                  </Link>{' '}
                  <Amount value={invoice.total} />{' '}
                  <StatusBadge kind="invoice" status={invoice.status} />
                </li>
              ))}
            </ResultGroup>
          ) : null}
          {data?.vendors && data.vendors.total > 0 ? (
            <ResultGroup
              title={t('home.search.vendors')}
              total={data.vendors.total}
              moreTo="/vendors"
              moreSearch={{ q }}
            >
              {data.vendors.items.map((vendor) => (
                <li key={vendor.id}>
                  <Link to="/vendors/$id" params={{ id: vendor.id }}>
                    {vendor.name}
                  </Link>{' '}
                  <span className="ui-muted ui-small">{vendor.nameKana}</span>
                </li>
              ))}
            </ResultGroup>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

function ResultGroup({
  title,
  total,
  moreTo,
  moreSearch,
  children,
}: {
  title: string;
  total: number;
  moreTo?: string;
  moreSearch?: Record<string, string>;
  children: React.ReactNode;
}) {
  return (
    <div className="ui-stack">
      <h4 className="home-results__title">
        {title}（{total.toLocaleString('ja-JP')}）
      </h4>
      <ul className="ui-links">{children}</ul>
      {moreTo && total > PREVIEW ? (
        <Link to={moreTo} search={moreSearch ?? {}}>
          {t('home.search.more', { count: (total - PREVIEW).toLocaleString('ja-JP') })}
        </Link>
      ) : null}
    </div>
  );
}
