// The vendor's own transfer account as the city has it, and its account changes: the one waiting
// for the city's second person, and those approved or rejected. A vendor cannot change the
// account here: it files a change notice (口座変更届) and the city enters it under four eyes.
import type { Vendor } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { api, detailQuery } from '../../api';
import { t } from '../../i18n';
import {
  Alert,
  DateText,
  DateTimeText,
  ProblemAlert,
  Section,
  StatusBadge,
  type Tone,
} from '../../ui';
import { pendingChange } from '../../shared/bank-change';
import { BankAccountDetails, BankAccountLine } from '../../shared/BankAccountText';
import { japanDate } from '../../format';

const TONES: Record<string, Tone> = {
  requested: 'warning',
  approved: 'success',
  rejected: 'danger',
};

export function VendorBankAccount({ vendor }: { vendor: Vendor }) {
  const changes = useQuery(
    detailQuery(
      'vendors',
      vendor.id,
      (signal) => api.vendors.bankAccountChanges(vendor.id, signal),
      'bank-account-changes',
    ),
  );
  const pending = changes.data ? pendingChange(changes.data) : undefined;
  return (
    <Section title={t('vendorPortal.bank.title')}>
      <div className="ui-stack">
        <p className="ui-small ui-muted">{t('vendorPortal.bank.lead')}</p>
        <BankAccountDetails account={vendor.bankAccount} />
        {pending ? (
          <Alert tone="warning" title={t('vendorPortal.bank.pending')}>
            <BankAccountLine account={pending.bankAccount} />
            <br />
            {t('vendorPortal.bank.pendingSince')}:
            <DateText value={japanDate(pending.requestedAt)} style="seireki" />
          </Alert>
        ) : null}
        {changes.isError ? <ProblemAlert error={changes.error} /> : null}
        {changes.data && changes.data.length > 0 ? (
          <>
            <h3>{t('vendorPortal.bank.history')}</h3>
            <ul className="ui-links vendor-bank-history">
              {changes.data.map((change) => (
                <li key={change.id}>
                  <StatusBadge
                    kind="vendor"
                    status={change.status}
                    tone={TONES[change.status]}
                    label={t(`vendorPortal.bank.status.${change.status}`)}
                  />{' '}
                  <DateTimeText value={change.decidedAt ?? change.requestedAt} />{' '}
                  <BankAccountLine account={change.bankAccount} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Section>
  );
}
