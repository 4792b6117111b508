// 請求書の登録（紙）: a paper invoice against an approved contract, as the vendor wrote it: the day
// it arrived (受付日, today unless entered), 税抜 or 税込, the tax stated per rate, discounts, and
// 源泉徴収 for an individual's fees — with the live preview the invoice service agrees with.
import type { Contract } from '@denpyo/schemas';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, detailQuery, queryKeys } from '../../api';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import { ComboField, PageHeader, Section, TextField, useToast, type Option } from '../../ui';
import { InvoiceForm } from '../../shared/InvoiceForm';
import { useDebounced } from '../../shared/useDebounced';
import { useInvoiceForm } from '../../shared/useInvoiceForm';
import { useVendor, VendorName } from '../../shared/VendorName';

export function InvoiceNew() {
  const search = useSearch({ strict: false }) as { contractId?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [contractId, setContractId] = useState(search.contractId ?? '');
  const contract = useQuery({
    ...detailQuery('contracts', contractId, (signal) => api.contracts.get(contractId, signal)),
    enabled: contractId !== '',
  }).data;
  const vendor = useVendor(contract?.vendorId).data;
  const invoice = useInvoiceForm(search.contractId ?? '', { staff: true, vendor });
  const { form } = invoice;
  const v = form.values;

  const chooseContract = async (chosen: Contract | undefined) => {
    // The picked contract is known already: no fetch (and no flicker) for its details.
    if (chosen) queryClient.setQueryData(queryKeys.detail('contracts', chosen.id), chosen);
    invoice.chooseContract(chosen);
    setContractId(chosen?.id ?? '');
    if (!chosen) return;
    // The vendor's T-number as a starting point (the clerk checks it against the paper).
    const chosenVendor = await queryClient
      .fetchQuery({
        queryKey: queryKeys.detail('vendors', chosen.vendorId),
        queryFn: ({ signal }) => api.vendors.get(chosen.vendorId, signal),
        staleTime: 5 * 60_000,
      })
      .catch(() => undefined);
    if (chosenVendor?.invoiceRegistrationNumber) {
      form.setMany({ registrationNumber: chosenVendor.invoiceRegistrationNumber });
    }
  };

  const submit = async () => {
    const received = await invoice.submit();
    if (!received) return;
    toast.success(
      t('invoiceNew.done', {
        documentNumber: received.documentNumber,
        dueDate: formatReiwa(received.dueDate),
      }),
    );
    await navigate({ to: '/contracts/$id', params: { id: received.contractId } });
  };

  return (
    <>
      <PageHeader
        title={t('invoiceNew.title')}
        lead={t('invoiceNew.lead')}
        back={{ to: '/inspections', label: t('inspections.title') }}
      />
      <InvoiceForm
        invoice={invoice}
        contract={contract}
        submitLabel={t('invoiceNew.submit')}
        onSubmit={submit}
      >
        <Section title={t('contractDetail.terms')}>
          <div className="ui-stack">
            <ContractPicker
              key={contract?.id ?? 'none'}
              value={v.contractId}
              chosen={contract}
              onChange={(chosen) => void chooseContract(chosen)}
              error={form.errors.contractId}
            />
            {contract ? (
              <p className="ui-small">
                <VendorName id={contract.vendorId} />
                {' ・ '}
                {t('invoiceNew.contract.remaining', {
                  remaining: formatYen(contract.remainingAmount),
                })}
              </p>
            ) : null}
            <div className="ui-grid-2">
              <TextField
                label={t('invoiceNew.invoiceNumber')}
                hint={t('invoiceNew.invoiceNumber.hint')}
                isRequired
                {...form.field('invoiceNumber')}
              />
              <TextField
                label={t('invoiceNew.issueDate')}
                type="date"
                isRequired
                {...form.field('issueDate')}
              />
            </div>
          </div>
        </Section>
      </InvoiceForm>
    </>
  );
}

/** An approved contract with something left to invoice, by title or document number. */
function ContractPicker({
  value,
  chosen,
  onChange,
  error,
}: {
  value: string;
  chosen: Contract | undefined;
  onChange: (contract: Contract | undefined) => void;
  error?: string | undefined;
}) {
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const q = useDebounced((typed ?? '').trim());
  const contracts = useQuery({
    queryKey: ['contracts', 'picker', q],
    queryFn: ({ signal }) =>
      api.contracts.list(
        { status: 'approved', q, pageSize: 20, sort: 'documentNumber', order: 'desc' },
        signal,
      ),
    staleTime: 15_000,
  });
  const items = contracts.data?.items ?? [];
  const listed = chosen && !items.some((c) => c.id === chosen.id) ? [chosen, ...items] : items;
  const label = (contract: Contract) => `${contract.documentNumber} ${contract.title}`;
  const options: Option[] = listed.map((contract) => ({
    id: contract.id,
    label: label(contract),
    description: t('invoiceNew.contract.remaining', {
      remaining: formatYen(contract.remainingAmount),
    }),
  }));
  return (
    <ComboField
      label={t('invoiceNew.contract')}
      hint={t('invoiceNew.contract.hint')}
      name="contractId"
      isRequired
      selectedId={value}
      onSelect={(option) => {
        // The field then shows the chosen contract's number and title, not what was typed.
        setTyped(undefined);
        onChange(listed.find((c) => c.id === option?.id));
      }}
      inputValue={typed ?? (chosen ? label(chosen) : '')}
      onInputChange={setTyped}
      options={options}
      isLoading={contracts.isFetching}
      emptyText={t('invoiceNew.contract.none')}
      error={error && value === '' ? t('error.choose') : error}
      width="medium"
    />
  );
}
