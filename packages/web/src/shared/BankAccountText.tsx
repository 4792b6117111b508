// A bank account as staff and vendors read it: bank and branch by code and name (from the
// Zengin code data), type, number and the holder in Zengin kana.
import type { BankAccount } from '@denpyo/schemas';
import { t } from '../i18n';
import { Details } from '../ui';
import { useBankNames } from './useBankNames';

export function BankAccountDetails({ account }: { account: BankAccount }) {
  const names = useBankNames(account.bankCode, account.branchCode);
  return (
    <Details
      items={[
        [
          t('vendorNew.bank'),
          <>
            <span className="ui-mono">{account.bankCode}</span> {names.bank?.name ?? ''}
          </>,
        ],
        [
          t('vendorNew.branch'),
          <>
            <span className="ui-mono">{account.branchCode}</span> {names.branch?.name ?? ''}
          </>,
        ],
        [t('vendorNew.accountType'), t(`word.accountType.${account.type}`)],
        [t('vendorNew.accountNumber'), <span className="ui-mono">{account.number}</span>],
        [t('vendorNew.holderKana'), <span className="ui-mono">{account.holderKana}</span>],
      ]}
    />
  );
}

/** One line: 0001 みずほ銀行 001 東京営業部 普通 1234567 ｶ)ﾃﾞﾝﾋﾟｮｳ. */
export function BankAccountLine({ account }: { account: BankAccount }) {
  const names = useBankNames(account.bankCode, account.branchCode);
  return (
    <span>
      <span className="ui-mono">{account.bankCode}</span> {names.bank?.name ?? ''}{' '}
      <span className="ui-mono">{account.branchCode}</span> {names.branch?.name ?? ''}{' '}
      {t(`word.accountType.${account.type}`)} <span className="ui-mono">{account.number}</span>{' '}
      <span className="ui-mono">{account.holderKana}</span>
    </span>
  );
}
