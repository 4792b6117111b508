// 契約の起案: a draft contract, checked with ContractCreateRequestSchema before it is sent (the
// form itself is ContractForm, shared with the edit of a draft).
import { ContractCreateRequestSchema } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { api } from '../../api';
import { fiscalYearOf } from '../../format';
import { t } from '../../i18n';
import { PageHeader, useToast } from '../../ui';
import { useToday } from '../../app/session';
import { ContractForm, contractFormValues, useContractForm } from './ContractForm';

export function ContractNew() {
  const search = useSearch({ strict: false }) as { vendorId?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const thisYear = fiscalYearOf(useToday());
  const state = useContractForm(contractFormValues(thisYear, search.vendorId ?? ''));

  const submit = async () => {
    const contract = await state.form.submit(
      ContractCreateRequestSchema,
      state.body(),
      (parsed, idempotencyKey) => api.contracts.draft(parsed, { idempotencyKey }),
    );
    if (!contract) return;
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    await queryClient.invalidateQueries({ queryKey: ['counts'] });
    toast.success(t('contractNew.done', { documentNumber: contract.documentNumber }));
    await navigate({ to: '/contracts/$id', params: { id: contract.id } });
  };

  return (
    <>
      <PageHeader
        title={t('contractNew.title')}
        lead={t('contractNew.lead')}
        back={{ to: '/contracts', label: t('contracts.title') }}
      />
      <ContractForm
        state={state}
        fiscalYears={[thisYear - 1, thisYear, thisYear + 1]}
        submitLabel={t('contractNew.submit')}
        onSubmit={submit}
      />
    </>
  );
}
