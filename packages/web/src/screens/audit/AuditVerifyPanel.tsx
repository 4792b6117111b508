// 改ざんの検証: the auditor asks every service to re-compute its audit trail's hash chain
// (GET /api/audit/verify) and sees, per trail, whether it still holds and where it first breaks.
import type { AuditTrailVerification, AuditVerification } from '@denpyo/schemas';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { useHasRole } from '../../app/session';
import { t } from '../../i18n';
import { Alert, Button, DateTimeText, ProblemAlert, ScrollTable, Section } from '../../ui';
import { TRAILS } from './routes';

type Status = AuditVerification['status'];
type Row = Omit<AuditTrailVerification, 'owner' | 'anchoredThrough'> & { label: string };

const TONE: Record<Status, 'success' | 'danger' | 'warning'> = {
  intact: 'success',
  broken: 'danger',
  unavailable: 'warning',
};

/** Only for the roles the operation allows (auditor): others would only get a 403. */
export function AuditVerifyPanel() {
  const allowed = useHasRole('auditor');
  if (!allowed) return null;
  return <VerifyPanel />;
}

function VerifyPanel() {
  const verify = useMutation({ mutationFn: () => api.audit.verify() });
  const result = verify.data;
  return (
    <Section
      title={t('audit.verify.title')}
      actions={
        <Button variant="secondary" onPress={() => verify.mutate()} isDisabled={verify.isPending}>
          {verify.isPending ? t('audit.verify.running') : t('audit.verify.button')}
        </Button>
      }
    >
      <p className="ui-small ui-muted">{t('audit.verify.lead')}</p>
      {verify.error ? <ProblemAlert error={verify.error} /> : null}
      {result ? <VerifyResult result={result} /> : null}
    </Section>
  );
}

function VerifyResult({ result }: { result: AuditVerification }) {
  // In the order of the search tabs, whatever order the services answered in.
  const rows: Row[] = [...result.trails]
    .sort((a, b) => TRAILS.indexOf(a.owner) - TRAILS.indexOf(b.owner))
    .map(({ owner, anchoredThrough: _, ...rest }) => ({
      ...rest,
      label: t(`audit.trail.${owner}`),
    }));
  if (result.anchors) rows.push({ ...result.anchors, label: t('audit.verify.anchors') });
  return (
    <div className="audit-verify">
      <Alert tone={TONE[result.status]} title={t(`audit.verify.${result.status}`)} live>
        {t('audit.verify.at')}
        <DateTimeText value={result.verifiedAt} />
      </Alert>
      <ScrollTable caption={t('audit.verify.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('audit.verify.col.trail')}</th>
            <th scope="col" className="ui-cell--end">
              {t('audit.verify.col.entries')}
            </th>
            <th scope="col">{t('audit.verify.col.status')}</th>
            <th scope="col">{t('audit.verify.col.firstBroken')}</th>
            <th scope="col">{t('audit.verify.col.head')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="ui-cell--nowrap">
                {row.label}
              </th>
              <td className="ui-cell--end">{row.entries.toLocaleString('ja-JP')}</td>
              <td>
                <span className={`ui-badge ui-badge--${TONE[row.status]}`}>
                  {t(`audit.verify.status.${row.status}`)}
                </span>
              </td>
              <td>
                {row.firstBroken ? (
                  <span className="acc-cell-stack">
                    <span>{t(`audit.verify.reason.${row.firstBroken.reason}`)}</span>
                    <span className="ui-mono ui-small" title={row.firstBroken.id || undefined}>
                      #{row.firstBroken.sequence}
                      {row.firstBroken.id ? ` ${row.firstBroken.id.slice(0, 8)}…` : ''}
                    </span>
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {row.head ? (
                  <code
                    className="ui-mono"
                    title={t('audit.verify.headTitle', {
                      sequence: row.head.sequence,
                      hash: row.head.hash,
                    })}
                  >
                    {row.head.hash.slice(0, 12)}
                  </code>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </div>
  );
}
