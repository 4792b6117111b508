import { searchBanks, searchBranches } from '@denpyo/jp';
import { notFound, ok, pageOf, type ListPage, type Outcome } from '@denpyo/platform';
import type { Bank, BankListQuery } from '@denpyo/schemas';

/** The bank picker: banks of the Zengin code data by code prefix, name or kana; one page. */
export function makeSearchBanks() {
  return async (query: BankListQuery): Promise<Outcome<ListPage<Bank>>> =>
    ok(pageOf(searchBanks(query.q), query, ['code']));
}

/** The branch picker: one bank's branches by code prefix, name or kana; one page. */
export function makeListBranches() {
  return async (bankCode: string, query: BankListQuery): Promise<Outcome<ListPage<Bank>>> => {
    const branches = searchBranches(bankCode, query.q);
    return branches ? ok(pageOf(branches, query, ['code'])) : notFound('Bank', bankCode);
  };
}
