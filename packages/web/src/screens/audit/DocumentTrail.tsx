// 文書の履歴: every audit entry about one document, gathered from the four trails — a contract's
// or an invoice's own entries, and for an invoice those of its payments — oldest first.
import type { AuditEntry } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type AuditTrail } from '../../api';
import { t } from '../../i18n';
import {
  Alert,
  Amount,
  Button,
  DateTimeText,
  EmptyState,
  Loading,
  PageHeader,
  ProblemAlert,
  Section,
  TextField,
  ScrollTable,
} from '../../ui';
import { VendorName } from '../../shared/VendorName';
import { auditActionLabel, entityTypeLabel, looksLikeId, mergeEntries } from './audit-words';
import { AuditTabs, EntryChanges } from './AuditParts';
import { TRAILS } from './routes';
import '../accounting/accounting.css';
import './audit.css';

type Kind = 'contract' | 'invoice';
interface DocumentSearch {
  q?: string;
  id?: string;
  kind?: Kind;
  name?: string;
}

/** The most entries read per trail for one document. */
const PER_TRAIL = 1000;

async function documentEntries(id: string, kind: Kind | undefined, signal: AbortSignal) {
  const ids = [id];
  let relatedPayments = 0;
  if (kind === 'invoice') {
    const payments = await api.payments.list({ invoiceId: id, pageSize: 100 }, signal);
    ids.push(...payments.items.map((p) => p.id));
    relatedPayments = payments.items.length;
  }
  const pages = await Promise.all(
    ids.flatMap((entityId) =>
      (TRAILS as readonly AuditTrail[]).map((trail) =>
        api.audit
          .trail(trail)
          .list({ entityId, page: 1, pageSize: PER_TRAIL, sort: 'id', order: 'asc' }, signal),
      ),
    ),
  );
  return {
    entries: mergeEntries(pages.map((page) => page.items)),
    truncated: pages.some((page) => page.total > page.items.length),
    relatedPayments,
  };
}

function Candidates({ q }: { q: string }) {
  const query = useQuery({
    queryKey: ['audit', 'document-candidates', q],
    queryFn: async ({ signal }) => {
      const [contracts, invoices] = await Promise.all([
        api.contracts.list({ q, pageSize: 10 }, signal),
        api.invoices.list({ q, pageSize: 10 }, signal),
      ]);
      return [
        ...contracts.items.map((c) => ({
          kind: 'contract' as const,
          id: c.id,
          number: c.documentNumber,
          label: c.title,
        })),
        ...invoices.items.map((i) => ({
          kind: 'invoice' as const,
          id: i.id,
          number: i.documentNumber,
          label: i.invoiceNumber,
        })),
      ];
    },
  });
  if (query.error) return <ProblemAlert error={query.error} />;
  if (!query.data) return <Loading />;
  if (query.data.length === 0) return <EmptyState title={t('audit.document.none')} />;
  return (
    <Section title={t('audit.document.candidates')}>
      <ul className="audit-candidates">
        {query.data.map((c) => (
          <li key={c.id}>
            <Link to="/audit/document" search={{ q, id: c.id, kind: c.kind, name: c.number }}>
              {t('audit.document.pick', { kind: t(`audit.entity.${c.kind}`), number: c.number })}
            </Link>{' '}
            <span className="ui-muted">{c.label}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Trail({
  id,
  kind,
  name,
}: {
  id: string;
  kind: Kind | undefined;
  name: string | undefined;
}) {
  const query = useQuery({
    queryKey: ['audit', 'document', id, kind],
    queryFn: ({ signal }) => documentEntries(id, kind, signal),
  });
  const title = name ? t('audit.document.title', { name }) : t('audit.document.idTitle', { id });
  return (
    <Section title={title}>
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {!query.data && !query.error ? <Loading /> : null}
      {query.data ? (
        <>
          {query.data.relatedPayments > 0 ? (
            <p className="ui-muted">
              {t('audit.document.related', { count: query.data.relatedPayments })}
            </p>
          ) : null}
          {query.data.truncated ? (
            <Alert tone="warning" title={t('audit.document.truncated')} />
          ) : null}
          {query.data.entries.length === 0 ? (
            <EmptyState title={t('audit.document.empty')} />
          ) : (
            <ScrollTable caption={title}>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.at')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.entity')}</th>
                  <th scope="col" className="ui-cell--end">
                    {t('audit.col.amount')}
                  </th>
                  <th scope="col">{t('audit.col.counterparty')}</th>
                  <th scope="col">{t('audit.col.actor')}</th>
                  <th scope="col">{t('audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.entries.map((entry: AuditEntry) => (
                  <tr key={`${entry.entityType}:${entry.id}:${entry.at}`}>
                    <th scope="row" className="ui-cell--nowrap">
                      <DateTimeText value={entry.at} />
                    </th>
                    <td className="ui-cell--nowrap">{auditActionLabel(entry)}</td>
                    <td className="ui-cell--nowrap">{entityTypeLabel(entry.entityType)}</td>
                    <td className="ui-cell--end ui-cell--nowrap">
                      {entry.amount === undefined ? '—' : <Amount value={entry.amount} />}
                    </td>
                    <td>
                      {entry.counterparty ? (
                        <span className="acc-vendor">
                          <VendorName id={entry.counterparty} />
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="ui-cell--nowrap">{entry.actor}</td>
                    <td>
                      <EntryChanges entry={entry} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </>
      ) : null}
    </Section>
  );
}

export function DocumentTrail() {
  const search = useSearch({ strict: false }) as DocumentSearch;
  const navigate = useNavigate();
  const [q, setQ] = useState(search.q ?? '');
  const submit = () => {
    const text = q.trim();
    if (!text) return;
    void navigate({
      to: '/audit/document',
      search: looksLikeId(text) ? { q: text, id: text } : { q: text },
    });
  };
  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <AuditTabs current="document" />
      <div className="ui-stack-lg">
        <form
          role="search"
          aria-label={t('audit.tab.document')}
          className="ui-filters"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <TextField
            label={t('audit.document.label')}
            hint={t('audit.document.hint')}
            type="search"
            value={q}
            onChange={setQ}
            className="ui-field--wide"
          />
          <div className="ui-filters__actions">
            <Button type="submit" variant="primary">
              {t('audit.document.submit')}
            </Button>
          </div>
        </form>
        {search.id ? (
          <Trail id={search.id} kind={search.kind} name={search.name} />
        ) : search.q ? (
          <Candidates q={search.q} />
        ) : (
          <p className="ui-muted">{t('audit.document.start')}</p>
        )}
      </div>
    </>
  );
}
