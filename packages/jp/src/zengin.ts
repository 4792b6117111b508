import iconv from 'iconv-lite';
import { parseIsoDate } from './iso-date';
import { KanaError, fitZenginField, toZenginKana } from './kana';
import { zenginBank, zenginBanks, zenginBranches, type ZenginCodeEntry } from './zengin-data';

// 総合振込 (bulk transfer) file in the format the 全銀協 set for it (全銀協制定ファイルフォーマット
// 【総合振込】, as banks publish it, e.g. https://expydoc.com/doc/11700435 and SMBC Web21's
// ファイルレイアウト https://happylibus.com/doc/455113): 120-byte records (header 1, data 2,
// trailer 8, end 9) of single-byte JIS X 0201 characters (written as Shift_JIS), each followed by
// CRLF (122 bytes a record) or by nothing, as the paying bank takes them.

export type AccountType = 'ordinary' | 'current' | 'savings';

export interface Requester {
  /** 委託者コード, assigned by the paying bank (up to 10 digits). */
  code: string;
  nameKana: string;
  bankCode: string;
  branchCode: string;
  accountType: 'ordinary' | 'current';
  accountNumber: string;
}

export interface Transfer {
  bankCode: string;
  branchCode: string;
  accountType: AccountType;
  accountNumber: string;
  holderKana: string;
  amount: number;
  customerCode1?: string;
  customerCode2?: string;
  /**
   * EDI情報 (Zengin kana, up to 20 bytes) told to the recipient with the transfer (振込情報開示):
   * written in place of the customer codes, with 識別表示 Y.
   */
  ediInfo?: string;
}

/** 振込指定区分: 7 電信 (by wire), 8 文書 (by document). */
export type TransferDesignation = '7' | '8';
export const DEFAULT_TRANSFER_DESIGNATION: TransferDesignation = '7';

export interface ZenginFileOptions {
  /** Default DEFAULT_TRANSFER_DESIGNATION (電信). */
  transferDesignation?: TransferDesignation;
  /** What follows each record: CRLF (the default) or nothing. */
  lineEnding?: 'crlf' | 'none';
}

export interface ZenginTransferInput {
  requester: Requester;
  /** YYYY-MM-DD */
  transferDate: string;
  transfers: Transfer[];
}

export interface BankInfo {
  code: string;
  name: string;
  /** Zengin (half-width) kana. */
  kana: string;
}

/** Invalid input to the Zengin writer; `field` is the path of the offending input field. */
export class ZenginError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ZenginError';
  }
}

function toBankInfo({ code, name, kana }: ZenginCodeEntry): BankInfo {
  return { code, name, kana: toZenginKana(kana) };
}

export function lookupBank(code: string): BankInfo | undefined {
  const bank = zenginBank(code);
  return bank && toBankInfo(bank);
}

export function lookupBranch(bankCode: string, branchCode: string): BankInfo | undefined {
  const branch = zenginBranches(bankCode)?.get(branchCode);
  return branch && toBankInfo(branch);
}

/** An entry with the forms a search compares against, built once per list. */
interface Searchable {
  info: BankInfo;
  name: string;
  kana: string;
  roma: string;
}

/** ヂ and ヅ are read as ジ and ズ (築地 is ﾂｷﾁﾞ in the data, typed つきじ). */
function kanaSearchKey(zenginKana: string): string {
  return zenginKana.replaceAll('ﾁﾞ', 'ｼﾞ').replaceAll('ﾂﾞ', 'ｽﾞ');
}

let bankIndex: Searchable[] | undefined;
const branchIndexes = new Map<string, Searchable[]>();

function searchable(entries: Iterable<ZenginCodeEntry>): Searchable[] {
  return [...entries]
    .map((entry) => ({
      info: toBankInfo(entry),
      name: entry.name.normalize('NFKC'),
      kana: kanaSearchKey(toZenginKana(entry.kana)),
      roma: (entry.roma ?? '').toLowerCase(),
    }))
    .sort((a, b) => (a.info.code < b.info.code ? -1 : a.info.code > b.info.code ? 1 : 0));
}

/**
 * What `q` matches: a code starting with it (digits), or a name containing it (compared after
 * NFKC, so full- and half-width forms agree), a Zengin kana containing its Zengin kana (so
 * hiragana, katakana of either width and small kana all find ﾐｽﾞﾎ; ヂ ヅ count as ジ ズ), or a
 * romanised reading.
 */
function matcher(q: string | undefined): (entry: Searchable) => boolean {
  const text = (q ?? '').normalize('NFKC').trim();
  if (text === '') return () => true;
  if (/^\d+$/.test(text)) return (entry) => entry.info.code.startsWith(text);
  let kana: string | undefined;
  try {
    kana = kanaSearchKey(toZenginKana(text.replace(/\s+/g, '')));
  } catch (error) {
    if (!(error instanceof KanaError)) throw error;
  }
  const roma = /^[a-z ]+$/i.test(text) ? text.toLowerCase().replace(/\s+/g, '') : undefined;
  return (entry) =>
    entry.name.includes(text) ||
    (kana !== undefined && kana !== '' && entry.kana.includes(kana)) ||
    (roma !== undefined && entry.roma.includes(roma));
}

/**
 * The banks of the Zengin code data that `q` matches (see `matcher`; every bank when it is
 * blank), in bank code order.
 */
export function searchBanks(q?: string): BankInfo[] {
  bankIndex ??= searchable(zenginBanks());
  return bankIndex.filter(matcher(q)).map((entry) => entry.info);
}

/**
 * The branches of one bank that `q` matches, in branch code order; undefined when there is no
 * such bank.
 */
export function searchBranches(bankCode: string, q?: string): BankInfo[] | undefined {
  const branches = zenginBranches(bankCode);
  if (!branches) return undefined;
  let index = branchIndexes.get(bankCode);
  if (!index) {
    index = searchable(branches.values());
    branchIndexes.set(bankCode, index);
  }
  return index.filter(matcher(q)).map((entry) => entry.info);
}

const RECORD_BYTES = 120;
const EDI_BYTES = 20;
const LINE_ENDINGS = { crlf: '\r\n', none: '' } as const;
/** The most one transfer can carry: the data record's amount field is N10. */
export const MAX_TRANSFER_AMOUNT = 9_999_999_999;
/** The most one file can carry: the trailer's total field is N12. */
export const MAX_FILE_TOTAL = 999_999_999_999;
const MAX_TRANSFERS = 999_999; // N6
const ACCOUNT_TYPE_CODES: Record<AccountType, string> = {
  ordinary: '1',
  current: '2',
  savings: '4',
};

/** A numeric (N) field: digits only, zero-padded on the left. */
function numeric(value: string | number, width: number, field: string): string {
  const digits = String(value);
  if (!/^\d+$/.test(digits) || digits.length > width) {
    throw new ZenginError(`must be 1 to ${width} digits, got ${JSON.stringify(value)}`, field);
  }
  return digits.padStart(width, '0');
}

/** A character (C) field: Zengin kana, left-aligned and space-padded. */
function kanaField(value: string, width: number, field: string): string {
  let kana: string;
  try {
    kana = toZenginKana(value);
  } catch (error) {
    if (error instanceof KanaError) throw new ZenginError(error.message, field);
    throw error;
  }
  if (kana.trim() === '') throw new ZenginError('must not be empty', field);
  return fitZenginField(kana, width);
}

function exactDigits(value: string, width: number, field: string): string {
  if (!new RegExp(`^\\d{${width}}$`).test(value)) {
    throw new ZenginError(`must be exactly ${width} digits, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

function accountNumber(value: string, field: string): string {
  if (!/^\d{1,7}$/.test(value)) {
    throw new ZenginError(`must be 1 to 7 digits, got ${JSON.stringify(value)}`, field);
  }
  return value.padStart(7, '0');
}

function accountTypeCode(
  value: AccountType,
  allowed: readonly AccountType[],
  field: string,
): string {
  if (!allowed.includes(value)) {
    throw new ZenginError(
      `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
      field,
    );
  }
  return ACCOUNT_TYPE_CODES[value];
}

/** Bank and branch fields: codes checked against the zengin-code data, names in kana. */
function bankAndBranch(bankCode: string, branchCode: string, field: string) {
  exactDigits(bankCode, 4, `${field}.bankCode`);
  exactDigits(branchCode, 3, `${field}.branchCode`);
  const bank = lookupBank(bankCode);
  if (!bank) throw new ZenginError(`unknown bank code ${bankCode}`, `${field}.bankCode`);
  const branch = lookupBranch(bankCode, branchCode);
  if (!branch) {
    throw new ZenginError(
      `unknown branch code ${branchCode} of bank ${bankCode}`,
      `${field}.branchCode`,
    );
  }
  return {
    bankCode,
    bankName: fitZenginField(bank.kana, 15),
    branchCode,
    branchName: fitZenginField(branch.kana, 15),
  };
}

function transferMonthDay(transferDate: string): string {
  try {
    const { month, day } = parseIsoDate(transferDate);
    return String(month).padStart(2, '0') + String(day).padStart(2, '0');
  } catch {
    throw new ZenginError(
      `must be a date YYYY-MM-DD, got ${JSON.stringify(transferDate)}`,
      'transferDate',
    );
  }
}

function headerRecord(requester: Requester, transferDate: string): string {
  const paying = bankAndBranch(requester.bankCode, requester.branchCode, 'requester');
  return [
    '1', // data type: header
    '21', // type code: 総合振込
    '0', // code division: Shift_JIS
    numeric(requester.code, 10, 'requester.code'),
    kanaField(requester.nameKana, 40, 'requester.nameKana'),
    transferMonthDay(transferDate),
    paying.bankCode,
    paying.bankName,
    paying.branchCode,
    paying.branchName,
    accountTypeCode(requester.accountType, ['ordinary', 'current'], 'requester.accountType'),
    accountNumber(requester.accountNumber, 'requester.accountNumber'),
    ' '.repeat(17),
  ].join('');
}

function checkAmount(amount: number, field: string): number {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_TRANSFER_AMOUNT) {
    throw new ZenginError(
      `must be a positive integer of at most ${MAX_TRANSFER_AMOUNT} yen, got ${amount}`,
      field,
    );
  }
  return amount;
}

/**
 * A reference (e.g. an invoice number) as EDI情報: in Zengin kana, its last 20 bytes (where
 * numbers tell documents apart), never starting with a voiced mark cut from its kana. Undefined
 * when it has a character Zengin cannot carry, or nothing is left.
 */
export function ediReference(reference: string): string | undefined {
  let kana: string;
  try {
    kana = toZenginKana(reference).trim();
  } catch (error) {
    if (error instanceof KanaError) return undefined;
    throw error;
  }
  let start = Math.max(0, kana.length - EDI_BYTES);
  while (kana[start] === 'ﾞ' || kana[start] === 'ﾟ') start++;
  const tail = kana.slice(start).trim();
  return tail === '' ? undefined : tail;
}

/** The 20 bytes at 顧客コード1・2 and the 識別表示 that says what they are. */
function customerOrEdi(transfer: Transfer, field: string): [string, string] {
  if (transfer.ediInfo === undefined) {
    return [
      numeric(transfer.customerCode1 ?? '0', 10, `${field}.customerCode1`) +
        numeric(transfer.customerCode2 ?? '0', 10, `${field}.customerCode2`),
      ' ',
    ];
  }
  const edi = kanaField(transfer.ediInfo, EDI_BYTES, `${field}.ediInfo`);
  if (toZenginKana(transfer.ediInfo).length > EDI_BYTES) {
    throw new ZenginError(`must be at most ${EDI_BYTES} bytes`, `${field}.ediInfo`);
  }
  return [edi, 'Y'];
}

function dataRecord(
  transfer: Transfer,
  field: string,
  transferDesignation: TransferDesignation,
): string {
  const [customerCodes, identification] = customerOrEdi(transfer, field);
  const receiving = bankAndBranch(transfer.bankCode, transfer.branchCode, field);
  return [
    '2', // data type: data
    receiving.bankCode,
    receiving.bankName,
    receiving.branchCode,
    receiving.branchName,
    '0000', // clearing house number: unused for electronic transfers
    accountTypeCode(
      transfer.accountType,
      ['ordinary', 'current', 'savings'],
      `${field}.accountType`,
    ),
    accountNumber(transfer.accountNumber, `${field}.accountNumber`),
    kanaField(transfer.holderKana, 30, `${field}.holderKana`),
    numeric(checkAmount(transfer.amount, `${field}.amount`), 10, `${field}.amount`),
    '0', // new code: not a new recipient
    customerCodes,
    transferDesignation,
    identification,
    ' '.repeat(7),
  ].join('');
}

function trailerRecord(count: number, total: number): string {
  return [
    '8',
    numeric(count, 6, 'transfers'),
    numeric(total, 12, 'transfers'),
    ' '.repeat(101),
  ].join('');
}

function endRecord(): string {
  return '9'.padEnd(RECORD_BYTES, ' ');
}

/** Writes a 総合振込 file. Throws ZenginError naming the field of any invalid input. */
export function writeZenginTransferFile(
  input: ZenginTransferInput,
  options: ZenginFileOptions = {},
): Buffer {
  const { transferDesignation = DEFAULT_TRANSFER_DESIGNATION, lineEnding = 'crlf' } = options;
  if (transferDesignation !== '7' && transferDesignation !== '8') {
    throw new ZenginError(
      `must be 7 (電信) or 8 (文書), got ${JSON.stringify(transferDesignation)}`,
      'transferDesignation',
    );
  }
  const { requester, transferDate, transfers } = input;
  if (transfers.length === 0) {
    throw new ZenginError('must contain at least one transfer', 'transfers');
  }
  if (transfers.length > MAX_TRANSFERS) {
    throw new ZenginError(`at most ${MAX_TRANSFERS} transfers fit in one file`, 'transfers');
  }
  const total = transfers.reduce(
    (sum, t, i) => sum + checkAmount(t.amount, `transfers[${i}].amount`),
    0,
  );
  if (total > MAX_FILE_TOTAL) {
    throw new ZenginError(
      `total ${total} exceeds the ${MAX_FILE_TOTAL} yen a file can carry`,
      'transfers',
    );
  }

  const records = [
    headerRecord(requester, transferDate),
    ...transfers.map((transfer, i) => dataRecord(transfer, `transfers[${i}]`, transferDesignation)),
    trailerRecord(transfers.length, total),
    endRecord(),
  ];
  // Every character is ASCII or half-width katakana, so each is exactly one Shift_JIS byte.
  return iconv.encode(
    records.map((record) => record + LINE_ENDINGS[lineEnding]).join(''),
    'Shift_JIS',
  );
}
