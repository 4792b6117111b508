// Bank and branch chosen from the Zengin code data by code or name (GET /api/banks?q=,
// /api/banks/{code}/branches?q=), each option with its kana. The data stays on the server.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type BankEntry } from '../api';
import { t } from '../i18n';
import { ComboField, type Option } from '../ui';
import { useDebounced } from './useDebounced';

function toOption(entry: BankEntry): Option {
  return { id: entry.code, label: `${entry.code} ${entry.name}`, description: entry.kana };
}

export interface BankChoice {
  bankCode: string;
  branchCode: string;
}

export function BankBranchPicker({
  value,
  onChange,
  bankError,
  branchError,
}: {
  value: BankChoice;
  onChange: (choice: BankChoice) => void;
  bankError?: string | undefined;
  branchError?: string | undefined;
}) {
  const [bankInput, setBankInput] = useState('');
  const [branchInput, setBranchInput] = useState('');
  const bankQ = useDebounced(bankInput.trim());
  const branchQ = useDebounced(branchInput.trim());

  const banks = useQuery({
    queryKey: ['banks', 'list', bankQ],
    queryFn: ({ signal }) => api.banks.search(bankQ, signal),
    staleTime: 10 * 60_000,
  });
  const branches = useQuery({
    queryKey: ['banks', value.bankCode, 'branches', branchQ],
    queryFn: ({ signal }) => api.banks.branches(value.bankCode, branchQ, signal),
    enabled: value.bankCode !== '',
    staleTime: 10 * 60_000,
  });

  // The chosen entry stays an option while the list shows other matches.
  const [chosenBank, setChosenBank] = useState<Option | undefined>(undefined);
  const [chosenBranch, setChosenBranch] = useState<Option | undefined>(undefined);
  const bankOptions = withChosen((banks.data ?? []).map(toOption), chosenBank);
  const branchOptions = withChosen((branches.data ?? []).map(toOption), chosenBranch);

  return (
    <>
      <ComboField
        label={t('vendorNew.bank')}
        hint={t('vendorNew.bank.hint')}
        name="bankAccount.bankCode"
        isRequired
        selectedId={value.bankCode}
        inputValue={bankInput}
        onInputChange={setBankInput}
        options={bankOptions}
        isLoading={banks.isFetching}
        emptyText={banks.isError ? t('problem.503') : t('vendorNew.bank.none')}
        error={bankError && value.bankCode === '' ? t('error.choose') : bankError}
        onSelect={(option) => {
          setChosenBank(option);
          setChosenBranch(undefined);
          setBranchInput('');
          if (option) setBankInput(option.label);
          onChange({ bankCode: option?.id ?? '', branchCode: '' });
        }}
        width="medium"
      />
      <ComboField
        label={t('vendorNew.branch')}
        hint={value.bankCode ? t('vendorNew.branch.hint') : t('vendorNew.branch.chooseBankFirst')}
        name="bankAccount.branchCode"
        isRequired
        isDisabled={value.bankCode === ''}
        selectedId={value.branchCode}
        inputValue={branchInput}
        onInputChange={setBranchInput}
        options={branchOptions}
        isLoading={branches.isFetching}
        emptyText={branches.isError ? t('problem.503') : t('vendorNew.branch.none')}
        error={branchError && value.branchCode === '' ? t('error.choose') : branchError}
        onSelect={(option) => {
          setChosenBranch(option);
          if (option) setBranchInput(option.label);
          onChange({ bankCode: value.bankCode, branchCode: option?.id ?? '' });
        }}
        width="medium"
      />
    </>
  );
}

function withChosen(options: Option[], chosen: Option | undefined): Option[] {
  if (!chosen || options.some((o) => o.id === chosen.id)) return options;
  return [chosen, ...options];
}
