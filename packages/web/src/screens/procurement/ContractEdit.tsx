// 下書きの修正: a draft's terms edited with the same form as a new draft (PATCH /api/contracts/{id},
// checked with ContractUpdateRequestSchema); only a draft can be edited.
import { ContractUpdateRequestSchema, type Contract } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, detailQuery } from '../../api';
import { t } from '../../i18n';
import { Alert, Loading, PageHeader, ProblemAlert, statusLabel, useToast } from '../../ui';
import { ContractForm, contractFormValues, useContractForm } from './ContractForm';

export function ContractEdit() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery(detailQuery('contracts', id, (signal) => api.contracts.get(id, signal)));
  const back = { to: `/contracts/${id}`, label: t('procurement.contract.backToDetail') };
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('procurement.contract.edit.title')} back={back} />
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const contract = query.data;
  if (contract.status !== 'draft') {
    return (
      <>
        <PageHeader title={t('procurement.contract.edit.title')} back={back} />
        <Alert
          tone="info"
          title={t('procurement.contract.edit.notDraft', {
            status: statusLabel('contract', contract.status),
          })}
        />
      </>
    );
  }
  return <EditForm contract={contract} />;
}

function EditForm({ contract }: { contract: Contract }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const state = useContractForm(contractFormValues(contract.fiscalYear, '', contract), contract);

  const submit = async () => {
    const edited = await state.form.submit(ContractUpdateRequestSchema, state.body(), (parsed) =>
      api.contracts.update(contract.id, parsed),
    );
    if (!edited) return;
    queryClient.setQueryData(
      detailQuery('contracts', contract.id, () => api.contracts.get(contract.id)).queryKey,
      edited,
    );
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    toast.success(t('procurement.contract.edit.done', { documentNumber: edited.documentNumber }));
    await navigate({ to: '/contracts/$id', params: { id: contract.id } });
  };

  return (
    <>
      <PageHeader
        title={t('procurement.contract.edit.title')}
        lead={`${contract.documentNumber} ${contract.title}`}
        back={{ to: `/contracts/${contract.id}`, label: t('procurement.contract.backToDetail') }}
      />
      <ContractForm
        state={state}
        fiscalYears={[contract.fiscalYear - 1, contract.fiscalYear, contract.fiscalYear + 1]}
        submitLabel={t('procurement.contract.edit.submit')}
        onSubmit={submit}
      />
    </>
  );
}
