import { useQuery } from '@tanstack/react-query';
import { api, type BankEntry } from '../api';

/** The names (and kana) of a bank and branch by their codes, from GET /api/banks. */
export function useBankNames(
  bankCode: string,
  branchCode: string,
): { bank?: BankEntry | undefined; branch?: BankEntry | undefined } {
  const bank = useQuery({
    queryKey: ['banks', 'code', bankCode],
    queryFn: async ({ signal }) =>
      (await api.banks.search(bankCode, signal)).find((entry) => entry.code === bankCode) ?? null,
    staleTime: Infinity,
    enabled: /^\d{4}$/.test(bankCode),
  });
  const branch = useQuery({
    queryKey: ['banks', 'code', bankCode, branchCode],
    queryFn: async ({ signal }) =>
      (await api.banks.branches(bankCode, branchCode, signal)).find(
        (entry) => entry.code === branchCode,
      ) ?? null,
    staleTime: Infinity,
    enabled: /^\d{4}$/.test(bankCode) && /^\d{3}$/.test(branchCode),
  });
  return { bank: bank.data ?? undefined, branch: branch.data ?? undefined };
}
