// 口座変更 under four eyes, on the vendor's page: procurement requests a new account (picked from
// the Zengin code data, the holder previewed in Zengin kana); the pending change is shown beside
// the current account with approve / reject for a second person (procurement or accounting, not
// the requester — for the requester the buttons stay visible, disabled, with the reason); then
// the history of every change.
import {
  BankAccountChangeRequestSchema,
  type BankAccountChange,
  type Vendor,
} from '@denpyo/schemas';
import { previewZenginHolderName } from '@denpyo/jp';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, detailQuery } from '../../api';
import { useHasRole, useUser } from '../../app/session';
import { useForm } from '../../forms';
import { t } from '../../i18n';
import {
  Alert,
  Button,
  ConfirmButton,
  DateTimeText,
  Loading,
  ProblemAlert,
  Section,
  SelectField,
  StatusBadge,
  TextField,
  useToast,
  type Tone,
} from '../../ui';
import { bankChangeBlocker, pendingChange } from '../../shared/bank-change';
import { BankAccountDetails, BankAccountLine } from '../../shared/BankAccountText';
import { BankBranchPicker } from '../../shared/BankPicker';
import { FormDialog } from '../../shared/FormDialog';
import { RejectButton } from '../../shared/RejectButton';
import { SignatureText } from '../../shared/SignatureText';

const ACCOUNT_TYPES = ['ordinary', 'current', 'savings'] as const;
const STATUS_TONES: Record<BankAccountChange['status'], Tone> = {
  requested: 'warning',
  approved: 'success',
  rejected: 'danger',
};

export function useBankAccountChanges(vendorId: string) {
  return useQuery(
    detailQuery(
      'vendors',
      vendorId,
      (signal) => api.vendors.bankAccountChanges(vendorId, signal),
      'bank-account-changes',
    ),
  );
}

export function BankChangeStatus({ change }: { change: BankAccountChange }) {
  return (
    <StatusBadge
      kind="vendor"
      status={change.status}
      tone={STATUS_TONES[change.status]}
      label={t(`procurement.bankChange.status.${change.status}`)}
    />
  );
}

/** The current account, the pending change with its decision, and the request button. */
export function VendorBankSection({ vendor }: { vendor: Vendor }) {
  const isProcurement = useHasRole('procurement');
  const changes = useBankAccountChanges(vendor.id);
  const [requesting, setRequesting] = useState(false);
  const pending = changes.data ? pendingChange(changes.data) : undefined;
  return (
    <Section
      title={t('vendorDetail.bank')}
      actions={
        isProcurement ? (
          <Button
            size="small"
            onPress={() => setRequesting(true)}
            isDisabled={!changes.data || pending !== undefined}
          >
            {t('procurement.bankChange.request')}
          </Button>
        ) : null
      }
    >
      <div className="ui-stack">
        <BankAccountDetails account={vendor.bankAccount} />
        {isProcurement && pending ? (
          <p className="ui-small ui-muted">{t('procurement.bankChange.pendingExists')}</p>
        ) : null}
        {pending ? <PendingChange vendor={vendor} change={pending} /> : null}
      </div>
      {requesting ? <RequestDialog vendor={vendor} onClose={() => setRequesting(false)} /> : null}
    </Section>
  );
}

function PendingChange({ vendor, change }: { vendor: Vendor; change: BankAccountChange }) {
  const user = useUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const blocker = bankChangeBlocker(change, user);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['vendors'] });
  const facts = {
    name: vendor.name,
    account: `${change.bankAccount.bankCode}-${change.bankAccount.branchCode} ${change.bankAccount.number}`,
  };
  return (
    <div className="bank-change bank-change--pending ui-stack" aria-live="polite">
      <h3>{t('procurement.bankChange.pending')}</h3>
      <BankAccountDetails account={change.bankAccount} />
      <p className="ui-small">
        {t('procurement.bankChange.requestedBy')}: <SignatureText signature={change.requestedBy} />{' '}
        <DateTimeText value={change.requestedAt} />
        {change.reason ? ` ・ ${t('procurement.bankChange.reason')}: ${change.reason}` : ''}
      </p>
      <p className="ui-small ui-muted">{t('procurement.bankChange.pendingNote')}</p>
      {blocker === 'requester' || blocker === 'role' ? (
        <Alert tone="info" title={t(`procurement.bankChange.blocker.${blocker}`)} />
      ) : null}
      <div className="ui-row">
        <ConfirmButton
          label={t('procurement.bankChange.approve')}
          isDisabled={blocker !== undefined}
          title={t('procurement.bankChange.approve.confirmTitle')}
          body={t('procurement.bankChange.approve.confirmBody', facts)}
          onConfirm={async () => {
            await api.vendors.approveBankAccountChange(vendor.id, change.id);
            await refresh();
            toast.success(t('procurement.bankChange.approve.done'));
          }}
        />
        <RejectButton
          label={t('procurement.bankChange.reject')}
          isDisabled={blocker !== undefined}
          buttonVariant="danger"
          title={t('procurement.bankChange.reject.confirmTitle')}
          body={t('procurement.bankChange.reject.confirmBody', facts)}
          reasonLabel={t('procurement.bankChange.reject.reason')}
          onReject={async (reason) => {
            await api.vendors.rejectBankAccountChange(vendor.id, change.id, { reason });
            await refresh();
            toast.success(t('procurement.bankChange.reject.done'));
          }}
        />
      </div>
    </div>
  );
}

/** Every change of the vendor's account, newest first. */
export function BankChangeHistory({ vendorId }: { vendorId: string }) {
  const changes = useBankAccountChanges(vendorId);
  return (
    <Section title={t('procurement.bankChange.history')}>
      {changes.isPending ? <Loading /> : null}
      {changes.isError ? <ProblemAlert error={changes.error} /> : null}
      {changes.data && changes.data.length === 0 ? (
        <p className="ui-muted">{t('procurement.bankChange.history.empty')}</p>
      ) : null}
      {changes.data && changes.data.length > 0 ? (
        <ol className="bank-change-history">
          {changes.data.map((change) => (
            <li key={change.id} className="bank-change">
              <div className="ui-row">
                <BankChangeStatus change={change} />
                <DateTimeText value={change.requestedAt} />
              </div>
              <div className="ui-small">
                {t('procurement.bankChange.current')}:{' '}
                <BankAccountLine account={change.previousBankAccount} />
              </div>
              <div className="ui-small">
                {t('procurement.bankChange.requested')}:{' '}
                <BankAccountLine account={change.bankAccount} />
              </div>
              <div className="ui-small ui-muted">
                {t('procurement.bankChange.requestedBy')}:{' '}
                <SignatureText signature={change.requestedBy} />
                {change.decidedBy ? (
                  <>
                    {' ・ '}
                    {t(
                      change.status === 'rejected'
                        ? 'procurement.bankChange.rejectedBy'
                        : 'procurement.bankChange.approvedBy',
                    )}
                    : <SignatureText signature={change.decidedBy} />{' '}
                    {change.decidedAt ? <DateTimeText value={change.decidedAt} /> : null}
                  </>
                ) : null}
                {change.rejectionReason
                  ? ` ・ ${t('procurement.bankChange.reason')}: ${change.rejectionReason}`
                  : change.reason
                    ? ` ・ ${t('procurement.bankChange.reason')}: ${change.reason}`
                    : ''}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </Section>
  );
}

function RequestDialog({ vendor, onClose }: { vendor: Vendor; onClose: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({
    'bankAccount.bankCode': '',
    'bankAccount.branchCode': '',
    'bankAccount.type': 'ordinary',
    'bankAccount.number': '',
    'bankAccount.holderKana': '',
    reason: '',
  });
  const v = form.values;
  const holder = v['bankAccount.holderKana'].trim()
    ? previewZenginHolderName(v['bankAccount.holderKana'])
    : undefined;

  const submit = async () => {
    const body = {
      bankAccount: {
        bankCode: v['bankAccount.bankCode'],
        branchCode: v['bankAccount.branchCode'],
        type: v['bankAccount.type'],
        number: v['bankAccount.number'].trim(),
        holderKana: v['bankAccount.holderKana'].trim(),
      },
      ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
    };
    const change = await form.submit(BankAccountChangeRequestSchema, body, (parsed, key) =>
      api.vendors.requestBankAccountChange(vendor.id, parsed, { idempotencyKey: key }),
    );
    if (!change) return;
    await queryClient.invalidateQueries({ queryKey: ['vendors'] });
    toast.success(t('procurement.bankChange.request.done'));
    onClose();
  };

  return (
    <FormDialog
      onClose={onClose}
      title={t('procurement.bankChange.request')}
      submitLabel={t('procurement.bankChange.request.submit')}
      form={form}
      onSubmit={submit}
      wide
    >
      <p className="ui-small">{t('procurement.bankChange.lead')}</p>
      <BankBranchPicker
        value={{ bankCode: v['bankAccount.bankCode'], branchCode: v['bankAccount.branchCode'] }}
        onChange={(choice) =>
          form.setMany({
            'bankAccount.bankCode': choice.bankCode,
            'bankAccount.branchCode': choice.branchCode,
          })
        }
        bankError={form.errors['bankAccount.bankCode']}
        branchError={form.errors['bankAccount.branchCode']}
      />
      <div className="ui-grid-2">
        <SelectField
          label={t('vendorNew.accountType')}
          isRequired
          options={ACCOUNT_TYPES.map((type) => ({
            id: type,
            label: t(`word.accountType.${type}`),
          }))}
          {...form.field('bankAccount.type')}
        />
        <TextField
          label={t('vendorNew.accountNumber')}
          hint={t('vendorNew.accountNumber.hint')}
          isRequired
          inputMode="numeric"
          maxLength={7}
          {...form.field('bankAccount.number')}
        />
      </div>
      <TextField
        label={t('vendorNew.holderKana')}
        hint={
          holder?.ok
            ? t('vendorNew.holderKana.preview', { value: holder.value })
            : t('vendorNew.holderKana.hint')
        }
        isRequired
        {...form.field('bankAccount.holderKana')}
      />
      <TextField
        label={t('procurement.bankChange.request.reason')}
        hint={t('procurement.bankChange.request.reason.hint')}
        showOptional
        multiline
        maxLength={500}
        {...form.field('reason')}
      />
    </FormDialog>
  );
}
