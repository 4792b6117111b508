import iconv from 'iconv-lite';
import {
  ediReference,
  isZenginKana,
  writeZenginTransferFile,
  zenginHolderName,
  type ZenginFileOptions,
  type ZenginTransferInput,
} from '../src';

// The 総合振込 record layout of the 全銀協制定ファイルフォーマット, as banks publish it
// (https://expydoc.com/doc/11700435, SMBC Web21 https://happylibus.com/doc/455113): every field
// with its 1-based start byte, its length and its type (N digits, right-aligned and zero-filled;
// C single-byte characters, left-aligned and space-filled). Written once here and read back
// against every record of the files below.
type FieldType = 'N' | 'C';
type Layout = readonly (readonly [name: string, start: number, length: number, type: FieldType])[];

const HEADER: Layout = [
  ['データ区分', 1, 1, 'N'],
  ['種別コード', 2, 2, 'N'],
  ['コード区分', 4, 1, 'N'],
  ['振込依頼人コード', 5, 10, 'N'],
  ['振込依頼人名', 15, 40, 'C'],
  ['振込指定日', 55, 4, 'N'],
  ['仕向銀行番号', 59, 4, 'N'],
  ['仕向銀行名', 63, 15, 'C'],
  ['仕向支店番号', 78, 3, 'N'],
  ['仕向支店名', 81, 15, 'C'],
  ['預金種目', 96, 1, 'N'],
  ['口座番号', 97, 7, 'N'],
  ['ダミー', 104, 17, 'C'],
];
const DATA: Layout = [
  ['データ区分', 1, 1, 'N'],
  ['被仕向銀行番号', 2, 4, 'N'],
  ['被仕向銀行名', 6, 15, 'C'],
  ['被仕向支店番号', 21, 3, 'N'],
  ['被仕向支店名', 24, 15, 'C'],
  ['手形交換所番号', 39, 4, 'N'],
  ['預金種目', 43, 1, 'N'],
  ['口座番号', 44, 7, 'N'],
  ['受取人名', 51, 30, 'C'],
  ['振込金額', 81, 10, 'N'],
  ['新規コード', 91, 1, 'N'],
  ['顧客コード1', 92, 10, 'N'],
  ['顧客コード2', 102, 10, 'N'],
  ['振込指定区分', 112, 1, 'N'],
  ['識別表示', 113, 1, 'C'],
  ['ダミー', 114, 7, 'C'],
];
// With 識別表示 Y, the two customer codes are one EDI情報 field of 20 characters.
const DATA_EDI: Layout = [...DATA.slice(0, 11), ['EDI情報', 92, 20, 'C'], ...DATA.slice(13)];
const TRAILER: Layout = [
  ['データ区分', 1, 1, 'N'],
  ['合計件数', 2, 6, 'N'],
  ['合計金額', 8, 12, 'N'],
  ['ダミー', 20, 101, 'C'],
];
const END: Layout = [
  ['データ区分', 1, 1, 'N'],
  ['ダミー', 2, 119, 'C'],
];

const RECORD_BYTES = 120;

/** Every field of a record, by name, checked against its type. */
function readRecord(record: string, layout: Layout): Record<string, string> {
  expect(record).toHaveLength(RECORD_BYTES);
  const fields: Record<string, string> = {};
  for (const [name, start, length, type] of layout) {
    const value = record.slice(start - 1, start - 1 + length);
    if (type === 'N') expect(value).toMatch(/^\d+$/);
    else expect(isZenginKana(value)).toBe(true);
    fields[name] = value;
  }
  return fields;
}

/** Decodes a file and splits it into records, checking the bytes on the way. */
function recordsOf(file: Buffer, lineEnding: 'crlf' | 'none'): string[] {
  // JIS X 0201 in Shift_JIS: one byte a character, ASCII or half-width katakana (0xA1-0xDF).
  for (const byte of file) expect(byte < 0x80 || (byte >= 0xa1 && byte <= 0xdf)).toBe(true);
  const text = iconv.decode(file, 'Shift_JIS');
  expect(text).toHaveLength(file.length);
  if (lineEnding === 'none') {
    expect(text).not.toMatch(/[\r\n]/);
    expect(text.length % RECORD_BYTES).toBe(0);
    return text.match(new RegExp(`.{${RECORD_BYTES}}`, 'gs')) ?? [];
  }
  expect(file.length % (RECORD_BYTES + 2)).toBe(0);
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

const cutName = zenginHolderName('デンピョウショウジ株式会社トウキョウシテンエイギョウブ');
const abbreviated = zenginHolderName('株式会社デンピョウ');
if (!cutName.ok || !abbreviated.ok) throw new Error('the test names must be valid');

const input: ZenginTransferInput = {
  requester: {
    code: '123456789',
    nameKana: 'ﾃﾞﾝﾋﾟﾖｳｼ',
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber: '1234567',
  },
  transferDate: '2026-12-04',
  transfers: [
    {
      // A 略語 name, paid with EDI情報 (the invoice number) to a bank that takes it.
      bankCode: '0009',
      branchCode: '001',
      accountType: 'current',
      accountNumber: '7654321',
      holderKana: abbreviated.value,
      amount: 1_234_567,
      ediInfo: ediReference('inv-2026-0001')!,
    },
    {
      // A name cut at 30 bytes, paid with customer codes to a bank without EDI.
      bankCode: '0001',
      branchCode: '015',
      accountType: 'ordinary',
      accountNumber: '89',
      holderKana: cutName.value,
      amount: 500,
      customerCode1: '42',
    },
    {
      // Longer than the field when it reaches the writer: cut, its last ﾃﾞ dropped whole.
      bankCode: '0005',
      branchCode: '001',
      accountType: 'savings',
      accountNumber: '1',
      holderKana: `${'ｱ'.repeat(29)}ﾃﾞ`,
      amount: 9_999_999_999,
    },
  ],
};

const HEADER_FIELDS = {
  データ区分: '1',
  種別コード: '21',
  コード区分: '0',
  振込依頼人コード: '0123456789',
  振込依頼人名: 'ﾃﾞﾝﾋﾟﾖｳｼ'.padEnd(40),
  振込指定日: '1204',
  仕向銀行番号: '0001',
  仕向銀行名: 'ﾐｽﾞﾎ'.padEnd(15),
  仕向支店番号: '001',
  仕向支店名: 'ﾄｳｷﾖｳ'.padEnd(15),
  預金種目: '1',
  口座番号: '1234567',
  ダミー: ' '.repeat(17),
};

function expectedData(designation: string) {
  return [
    {
      データ区分: '2',
      被仕向銀行番号: '0009',
      被仕向銀行名: 'ﾐﾂｲｽﾐﾄﾓ'.padEnd(15),
      被仕向支店番号: '001',
      被仕向支店名: 'ｼﾞﾝﾎﾞｳﾁﾖｳ'.padEnd(15),
      手形交換所番号: '0000',
      預金種目: '2',
      口座番号: '7654321',
      受取人名: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ'.padEnd(30),
      振込金額: '0001234567',
      新規コード: '0',
      EDI情報: 'INV-2026-0001'.padEnd(20),
      振込指定区分: designation,
      識別表示: 'Y',
      ダミー: ' '.repeat(7),
    },
    {
      データ区分: '2',
      被仕向銀行番号: '0001',
      被仕向銀行名: 'ﾐｽﾞﾎ'.padEnd(15),
      被仕向支店番号: '015',
      被仕向支店名: 'ﾂｷﾁﾞ'.padEnd(15),
      手形交換所番号: '0000',
      預金種目: '1',
      口座番号: '0000089',
      受取人名: 'ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝｴｲｷﾞﾖｳ ',
      振込金額: '0000000500',
      新規コード: '0',
      顧客コード1: '0000000042',
      顧客コード2: '0000000000',
      振込指定区分: designation,
      識別表示: ' ',
      ダミー: ' '.repeat(7),
    },
    {
      データ区分: '2',
      被仕向銀行番号: '0005',
      被仕向銀行名: 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ'.padEnd(15),
      被仕向支店番号: '001',
      被仕向支店名: 'ﾎﾝﾃﾝ'.padEnd(15),
      手形交換所番号: '0000',
      預金種目: '4',
      口座番号: '0000001',
      受取人名: `${'ｱ'.repeat(29)} `,
      振込金額: '9999999999',
      新規コード: '0',
      顧客コード1: '0000000000',
      顧客コード2: '0000000000',
      振込指定区分: designation,
      識別表示: ' ',
      ダミー: ' '.repeat(7),
    },
  ];
}

describe('the 総合振込 file read back by the specification layout', () => {
  it('has layouts that cover each 120-byte record exactly, field after field', () => {
    for (const layout of [HEADER, DATA, DATA_EDI, TRAILER, END]) {
      let next = 1;
      for (const [, start, length] of layout) {
        expect(start).toBe(next);
        next = start + length;
      }
      expect(next).toBe(RECORD_BYTES + 1);
    }
  });

  it.each<[string, ZenginFileOptions, 'crlf' | 'none', string]>([
    ['CRLF and 電信 by default', {}, 'crlf', '7'],
    ['no line endings, 文書', { lineEnding: 'none', transferDesignation: '8' }, 'none', '8'],
    ['CRLF, 電信 when asked', { lineEnding: 'crlf', transferDesignation: '7' }, 'crlf', '7'],
  ])('writes every field of every record: %s', (_label, options, lineEnding, designation) => {
    const records = recordsOf(writeZenginTransferFile(input, options), lineEnding);
    expect(records).toHaveLength(1 + input.transfers.length + 2);
    const [first, ...rest] = records;
    const end = rest.pop()!;
    const trailer = rest.pop()!;

    expect(readRecord(first, HEADER)).toEqual(HEADER_FIELDS);
    const data = rest.map((record) => readRecord(record, record[112] === 'Y' ? DATA_EDI : DATA));
    expect(data).toEqual(expectedData(designation));
    expect(readRecord(trailer, TRAILER)).toEqual({
      データ区分: '8',
      合計件数: '000003',
      合計金額: String(1_234_567 + 500 + 9_999_999_999).padStart(12, '0'),
      ダミー: ' '.repeat(101),
    });
    expect(readRecord(end, END)).toEqual({ データ区分: '9', ダミー: ' '.repeat(119) });
  });

  it('writes a voiced kana as its base and ﾞ (0xDE), each one Shift_JIS byte', () => {
    const file = writeZenginTransferFile(input);
    const holder = file.subarray(122 + 50, 122 + 80); // the first data record's 受取人名
    expect([...holder.subarray(0, 4)]).toEqual([0xb6, 0x29, 0xc3, 0xde]); // ｶ ) ﾃ ﾞ
  });
});

describe('ediReference', () => {
  it('is the reference in Zengin kana, its last 20 bytes when longer', () => {
    expect(ediReference('inv-2026-0001')).toBe('INV-2026-0001');
    expect(ediReference('SEIKYU-2026-12-000000123')).toBe('YU-2026-12-000000123');
    expect(ediReference('ガ'.repeat(10) + 'ｱ')).toBe('ｶﾞ'.repeat(9) + 'ｱ');
  });

  it('is undefined for a reference Zengin cannot carry', () => {
    expect(ediReference('請求-001')).toBeUndefined();
    expect(ediReference('  ')).toBeUndefined();
  });
});
