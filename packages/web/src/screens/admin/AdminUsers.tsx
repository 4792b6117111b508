// 利用者: who is signed in and with which roles, what each role may do, and a plain statement
// that managing users comes with the v2 API (POST/GET /api/users are not there yet).
import type { Role } from '@denpyo/schemas';
import { useUser } from '../../app/session';
import { t } from '../../i18n';
import { Alert, Details, LinkButton, PageHeader, Section } from '../../ui';

const ROLES: readonly Role[] = [
  'procurement',
  'approver',
  'accountant',
  'auditor',
  'admin',
  'vendor',
];

export function AdminUsers() {
  const user = useUser();
  return (
    <>
      <PageHeader
        title={t('admin.title')}
        lead={t('admin.lead')}
        actions={<LinkButton to="/audit">{t('admin.goAudit')}</LinkButton>}
      />
      <div className="ui-stack-lg">
        <Alert tone="info" title={t('admin.notice.title')}>
          {t('admin.notice.body')}
        </Alert>
        <Section title={t('admin.me.title')}>
          <Details
            items={[
              [
                t('admin.me.username'),
                <span key="u" className="ui-mono">
                  {user.username}
                </span>,
              ],
              [t('admin.me.roles'), user.roles.map((role) => t(`role.${role}`)).join('、')],
            ]}
          />
        </Section>
        <Section title={t('admin.roles.title')}>
          <div className="ui-table-scroll">
            <table className="ui-table">
              <caption className="ui-visually-hidden">{t('admin.roles.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.roles.col.role')}</th>
                  <th scope="col">{t('admin.roles.col.can')}</th>
                </tr>
              </thead>
              <tbody>
                {ROLES.map((role) => (
                  <tr key={role}>
                    <th scope="row" className="ui-cell--nowrap">
                      {t(`role.${role}`)}
                    </th>
                    <td>{t(`admin.role.${role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      </div>
    </>
  );
}
