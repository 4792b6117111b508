// 事業者の詳細: the vendor (法人/個人, the T-number or 免税事業者), its bank account (names from the
// Zengin data) with the four-eyes account change, the change history, its portal users (create
// one) and its contracts.
import { PortalUserCreateRequestSchema, type AuthUser, type Vendor } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, detailQuery, listQuery } from '../../api';
import { useHasRole } from '../../app/session';
import { useForm } from '../../forms';
import { t } from '../../i18n';
import './procurement.css';
import {
  Amount,
  Button,
  DateTimeText,
  Details,
  LinkButton,
  Loading,
  PageHeader,
  ProblemAlert,
  Progress,
  Section,
  StatusBadge,
  TextField,
  useToast,
} from '../../ui';
import { FormProblems } from '../../shared/FormProblems';
import { BankChangeHistory, VendorBankSection } from './BankAccountChanges';

export function VendorDetail() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery(detailQuery('vendors', id, (signal) => api.vendors.get(id, signal)));
  const isProcurement = useHasRole('procurement');

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('vendorDetail.title')}
          back={{ to: '/vendors', label: t('vendors.title') }}
        />
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const vendor = query.data;
  return (
    <>
      <PageHeader
        title={vendor.name}
        lead={vendor.nameKana}
        back={{ to: '/vendors', label: t('vendors.title') }}
        meta={<StatusBadge kind="vendor" status={vendor.status} />}
        actions={
          isProcurement ? (
            <LinkButton to="/contracts/new" search={{ vendorId: vendor.id }} variant="primary">
              {t('vendorDetail.newContract')}
            </LinkButton>
          ) : null
        }
      />
      <div className="ui-stack-lg">
        <div className="ui-grid-2">
          <Section title={t('vendorDetail.basic')}>
            <Details
              items={[
                [t('procurement.vendor.kind'), t(`procurement.vendor.kind.${vendor.kind}`)],
                [t('vendorNew.name'), vendor.name],
                [t('vendorNew.nameKana'), vendor.nameKana],
                [
                  t('vendorNew.corporateNumber'),
                  <span className="ui-mono">{vendor.corporateNumber ?? t('ui.none')}</span>,
                ],
                [
                  t('vendors.col.registrationNumber'),
                  vendor.invoiceRegistrationNumber ? (
                    <span className="ui-mono">{vendor.invoiceRegistrationNumber}</span>
                  ) : (
                    t('procurement.vendor.registrationNumber.none')
                  ),
                ],
                [t('word.createdAt'), <DateTimeText value={vendor.createdAt} />],
              ]}
            />
          </Section>
          <VendorBankSection vendor={vendor} />
        </div>
        <BankChangeHistory vendorId={vendor.id} />
        {isProcurement ? <PortalUsers vendor={vendor} /> : null}
        <VendorContracts vendorId={vendor.id} />
      </div>
    </>
  );
}

function PortalUsers({ vendor }: { vendor: Vendor }) {
  const toast = useToast();
  const [created, setCreated] = useState<AuthUser[]>([]);
  const form = useForm({ username: '', password: '' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const user = await form.submit(
      PortalUserCreateRequestSchema,
      { username: form.values.username.trim(), password: form.values.password },
      (parsed, idempotencyKey) =>
        api.vendors.createPortalUser(vendor.id, parsed, { idempotencyKey }),
    );
    if (!user) return;
    setCreated((current) => [...current, user]);
    toast.success(t('vendorDetail.portalUsers.created', { username: user.username }));
    form.reset();
  };

  return (
    <Section title={t('vendorDetail.portalUsers')}>
      <div className="ui-stack">
        <p className="ui-muted">{t('vendorDetail.portalUsers.lead')}</p>
        <form
          className="vendor-portal-user-form"
          onSubmit={(event) => void submit(event)}
          noValidate
        >
          <TextField
            label={t('vendorDetail.portalUsers.username')}
            hint={t('vendorDetail.portalUsers.username.hint')}
            isRequired
            autoComplete="off"
            {...form.field('username')}
          />
          <TextField
            label={t('vendorDetail.portalUsers.password')}
            hint={t('vendorDetail.portalUsers.password.hint')}
            type="password"
            isRequired
            autoComplete="new-password"
            {...form.field('password')}
          />
          <div className="vendor-portal-user-form__submit">
            <Button type="submit" variant="primary" isDisabled={form.submitting}>
              {t('vendorDetail.portalUsers.create')}
            </Button>
          </div>
        </form>
        {form.submitting ? <Progress label={t('app.saving')} /> : null}
        <FormProblems form={form} />
        {created.length > 0 ? (
          <div className="ui-stack">
            <h3>{t('vendorDetail.portalUsers.createdList')}</h3>
            <ul className="ui-links">
              {created.map((user) => (
                <li key={user.username} className="ui-mono">
                  {user.username}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="ui-small ui-muted">{t('vendorDetail.portalUsers.listUnavailable')}</p>
      </div>
    </Section>
  );
}

const CONTRACTS_SHOWN = 10;

function VendorContracts({ vendorId }: { vendorId: string }) {
  const filters = {
    vendorId,
    pageSize: CONTRACTS_SHOWN,
    sort: 'startDate',
    order: 'desc' as const,
  };
  const query = useQuery(
    listQuery('contracts', filters, (signal) => api.contracts.list(filters, signal)),
  );
  return (
    <Section
      title={t('vendorDetail.contracts')}
      actions={
        query.data && query.data.total > CONTRACTS_SHOWN ? (
          <Link to="/contracts" search={{ vendorId }}>
            {t('home.search.more', { count: query.data.total - CONTRACTS_SHOWN })}
          </Link>
        ) : null
      }
    >
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ProblemAlert error={query.error} /> : null}
      {query.data && query.data.items.length === 0 ? (
        <p className="ui-muted">{t('vendorDetail.contracts.empty')}</p>
      ) : null}
      {query.data && query.data.items.length > 0 ? (
        <ul className="ui-links">
          {query.data.items.map((contract) => (
            <li key={contract.id} className="ui-row">
              <Link to="/contracts/$id" params={{ id: contract.id }}>
                {contract.documentNumber} {contract.title}
              </Link>
              <Amount value={contract.amount} />
              <StatusBadge kind="contract" status={contract.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
