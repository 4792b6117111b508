// 事業者の登録: the vendor and its bank account. 法人番号 and the T-number are checked as they are
// typed with the services' own schemas; the account holder is previewed in Zengin kana.
import {
  CorporateNumberSchema,
  RegistrationNumberSchema,
  VendorCreateRequestSchema,
} from '@denpyo/schemas';
import { previewZenginHolderName } from '@denpyo/jp';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { api } from '../../api';
import {
  liveNumberCheck,
  normalizeNumberInput,
  REGISTRATION_NUMBER_SHAPE,
  useForm,
  validate,
} from '../../forms';
import { t } from '../../i18n';
import './procurement.css';
import { Button, PageHeader, Progress, Section, SelectField, TextField, useToast } from '../../ui';
import { BankBranchPicker } from '../../shared/BankPicker';
import { FormProblems } from '../../shared/FormProblems';

const ACCOUNT_TYPES = ['ordinary', 'current', 'savings'] as const;
const VENDOR_KINDS = ['corporation', 'individual'] as const;
const CORPORATE = { length: 13, prefix: /^\d{0,13}$/ };

export function VendorNew() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    kind: 'corporation',
    name: '',
    nameKana: '',
    corporateNumber: '',
    invoiceRegistrationNumber: '',
    email: '',
    'bankAccount.bankCode': '',
    'bankAccount.branchCode': '',
    'bankAccount.type': 'ordinary',
    'bankAccount.number': '',
    'bankAccount.holderKana': '',
  });
  const v = form.values;

  const corporate = liveNumberCheck(v.corporateNumber, CORPORATE, (value) =>
    validate(CorporateNumberSchema, value),
  );
  const registration = liveNumberCheck(
    v.invoiceRegistrationNumber,
    REGISTRATION_NUMBER_SHAPE,
    (value) => validate(RegistrationNumberSchema, value),
  );
  const suggestedT =
    corporate.state === 'valid' && v.invoiceRegistrationNumber === ''
      ? `T${v.corporateNumber.trim()}`
      : undefined;

  const holder = v['bankAccount.holderKana'].trim()
    ? previewZenginHolderName(v['bankAccount.holderKana'])
    : undefined;
  const holderLiveError =
    holder && !holder.ok && holder.reason === 'character'
      ? t('error.kana', { character: holder.character })
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const body = {
      kind: v.kind,
      name: v.name.trim(),
      nameKana: v.nameKana.trim(),
      corporateNumber: optional(v.corporateNumber),
      invoiceRegistrationNumber: optional(v.invoiceRegistrationNumber),
      email: optional(v.email),
      bankAccount: {
        bankCode: v['bankAccount.bankCode'],
        branchCode: v['bankAccount.branchCode'],
        type: v['bankAccount.type'],
        number: v['bankAccount.number'].trim(),
        holderKana: v['bankAccount.holderKana'].trim(),
      },
    };
    const vendor = await form.submit(VendorCreateRequestSchema, body, (parsed, idempotencyKey) =>
      api.vendors.register(parsed, { idempotencyKey }),
    );
    if (!vendor) return;
    await queryClient.invalidateQueries({ queryKey: ['vendors'] });
    toast.success(t('vendorNew.done', { name: vendor.name }));
    await navigate({ to: '/vendors/$id', params: { id: vendor.id } });
  };

  return (
    <>
      <PageHeader
        title={t('vendorNew.title')}
        lead={t('vendorNew.lead')}
        back={{ to: '/vendors', label: t('vendors.title') }}
      />
      <form className="ui-form" onSubmit={(event) => void submit(event)} noValidate>
        <Section title={t('vendorNew.section.basic')}>
          <div className="ui-stack">
            <SelectField
              label={t('procurement.vendor.kind')}
              hint={t('procurement.vendor.kind.hint')}
              isRequired
              width="narrow"
              options={VENDOR_KINDS.map((kind) => ({
                id: kind,
                label: t(`procurement.vendor.kind.${kind}`),
              }))}
              {...form.field('kind')}
            />
            <TextField
              label={t('vendorNew.name')}
              hint={t('vendorNew.name.hint')}
              isRequired
              width="medium"
              {...form.field('name')}
            />
            <TextField
              label={t('vendorNew.nameKana')}
              hint={t('vendorNew.nameKana.hint')}
              isRequired
              width="medium"
              {...form.field('nameKana')}
            />
            <TextField
              label={t('vendorNew.corporateNumber')}
              hint={t('vendorNew.corporateNumber.hint')}
              showOptional
              inputMode="numeric"
              maxLength={13}
              width="narrow"
              {...form.field('corporateNumber')}
              onChange={(value) => form.set('corporateNumber', normalizeNumberInput(value))}
              error={form.errors.corporateNumber ?? corporate.error}
              ok={corporate.state === 'valid' ? t('vendorNew.corporateNumber.ok') : undefined}
            />
            <div className="ui-stack">
              <TextField
                label={t('vendorNew.registrationNumber')}
                hint={t('procurement.vendor.registrationNumber.hint')}
                showOptional
                maxLength={14}
                width="narrow"
                {...form.field('invoiceRegistrationNumber')}
                onChange={(value) =>
                  form.set('invoiceRegistrationNumber', normalizeNumberInput(value))
                }
                error={form.errors.invoiceRegistrationNumber ?? registration.error}
                ok={
                  registration.state === 'valid' ? t('vendorNew.registrationNumber.ok') : undefined
                }
              />
              {suggestedT ? (
                <div>
                  <Button
                    size="small"
                    onPress={() => form.set('invoiceRegistrationNumber', suggestedT)}
                  >
                    {t('vendorNew.registrationNumber.fromCorporate', { value: suggestedT })}
                  </Button>
                </div>
              ) : null}
            </div>
            <TextField
              label={t('vendorNew.email')}
              hint={t('vendorNew.email.hint')}
              type="email"
              width="medium"
              maxLength={254}
              {...form.field('email')}
            />
          </div>
        </Section>

        <Section title={t('vendorNew.section.bank')}>
          <div className="ui-stack">
            <BankBranchPicker
              value={{
                bankCode: v['bankAccount.bankCode'],
                branchCode: v['bankAccount.branchCode'],
              }}
              onChange={(choice) =>
                form.setMany({
                  'bankAccount.bankCode': choice.bankCode,
                  'bankAccount.branchCode': choice.branchCode,
                })
              }
              bankError={form.errors['bankAccount.bankCode']}
              branchError={form.errors['bankAccount.branchCode']}
            />
            <SelectField
              label={t('vendorNew.accountType')}
              isRequired
              width="narrow"
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
              width="narrow"
              {...form.field('bankAccount.number')}
            />
            <TextField
              label={t('vendorNew.holderKana')}
              hint={t('vendorNew.holderKana.hint')}
              isRequired
              width="medium"
              {...form.field('bankAccount.holderKana')}
              error={form.errors['bankAccount.holderKana'] ?? holderLiveError}
            />
            {holder?.ok ? (
              <div className="vendor-holder-preview" aria-live="polite">
                <span className="ui-field__hint">{t('vendorNew.holderKana.previewLabel')}</span>
                <output className="ui-mono vendor-holder-preview__value">{holder.value}</output>
                {holder.cut ? (
                  <span className="ui-field__hint">{t('vendorNew.holderKana.cut')}</span>
                ) : null}
              </div>
            ) : null}
          </div>
        </Section>

        <FormProblems form={form} />
        {form.submitting ? <Progress label={t('app.saving')} /> : null}
        <div className="ui-row">
          <Button type="submit" variant="primary" isDisabled={form.submitting}>
            {t('vendorNew.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
