import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  ZenginError,
  lookupBank,
  lookupBranch,
  writeZenginTransferFile,
  type Transfer,
  type ZenginFileOptions,
  type ZenginTransferInput,
} from '../src';

const requester: ZenginTransferInput['requester'] = {
  code: '123456789',
  nameKana: 'デンピョウシ カイケイカンリシャ',
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber: '1234567',
};

const twoTransfers: Transfer[] = [
  {
    bankCode: '0009',
    branchCode: '001',
    accountType: 'current',
    accountNumber: '7654321',
    holderKana: 'カ）ダイヤモンドケンセツ',
    amount: 1_234_567,
    customerCode1: '42',
    customerCode2: '9876543210',
  },
  {
    bankCode: '0001',
    branchCode: '015',
    accountType: 'savings',
    accountNumber: '89',
    holderKana: 'ｻﾄｳ ﾊﾅｺ',
    amount: 500,
  },
];

/** Splits a file into its records (without CRLF); every byte is one character. */
function records(file: Buffer): string[] {
  const text = iconv.decode(file, 'Shift_JIS');
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

/** Bytes from..to of a record, 1-based and inclusive, as in the Zengin specification. */
function at(record: string, from: number, to: number): string {
  return record.slice(from - 1, to);
}

describe('lookupBank / lookupBranch', () => {
  it('finds banks and branches with half-width kana names', () => {
    expect(lookupBank('0009')).toEqual({ code: '0009', name: '三井住友', kana: 'ﾐﾂｲｽﾐﾄﾓ' });
    expect(lookupBranch('0001', '015')).toEqual({ code: '015', name: '築地', kana: 'ﾂｷﾁﾞ' });
  });

  it('converts every bank and branch name in the data to Zengin kana', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the raw data, to enumerate codes
    const data = require('zengin-code') as Record<string, { branches: Record<string, unknown> }>;
    let branchCount = 0;
    for (const [bankCode, bank] of Object.entries(data)) {
      expect(lookupBank(bankCode)?.kana).toMatch(/^[^ ]/);
      for (const branchCode of Object.keys(bank.branches)) {
        expect(lookupBranch(bankCode, branchCode)?.code).toBe(branchCode);
        branchCount++;
      }
    }
    expect(branchCount).toBeGreaterThan(10_000);
  });

  it('returns undefined for unknown codes', () => {
    expect(lookupBank('0002')).toBeUndefined();
    expect(lookupBank('toString')).toBeUndefined();
    expect(lookupBranch('0001', '999')).toBeUndefined();
    expect(lookupBranch('0002', '001')).toBeUndefined();
  });
});

describe('writeZenginTransferFile', () => {
  const file = writeZenginTransferFile({
    requester,
    transferDate: '2026-11-25',
    transfers: twoTransfers,
  });
  const [header, first, second, trailer, end] = records(file);

  it('writes 120-byte records, each followed by CRLF', () => {
    expect(file.length).toBe(5 * 122);
    for (let i = 0; i < 5; i++) {
      expect(file[i * 122 + 120]).toBe(0x0d);
      expect(file[i * 122 + 121]).toBe(0x0a);
    }
    expect(records(file)).toHaveLength(5);
  });

  it('writes the header fields at their positions', () => {
    expect(at(header, 1, 1)).toBe('1');
    expect(at(header, 2, 3)).toBe('21');
    expect(at(header, 4, 4)).toBe('0');
    expect(at(header, 5, 14)).toBe('0123456789');
    expect(at(header, 15, 54)).toBe('ﾃﾞﾝﾋﾟﾖｳｼ ｶｲｹｲｶﾝﾘｼﾔ'.padEnd(40));
    expect(at(header, 55, 58)).toBe('1125');
    expect(at(header, 59, 62)).toBe('0001');
    expect(at(header, 63, 77)).toBe('ﾐｽﾞﾎ'.padEnd(15));
    expect(at(header, 78, 80)).toBe('001');
    expect(at(header, 81, 95)).toBe('ﾄｳｷﾖｳ'.padEnd(15));
    expect(at(header, 96, 96)).toBe('1');
    expect(at(header, 97, 103)).toBe('1234567');
    expect(at(header, 104, 120)).toBe(' '.repeat(17));
  });

  it('writes the data fields at their positions', () => {
    expect(at(first, 1, 1)).toBe('2');
    expect(at(first, 2, 5)).toBe('0009');
    expect(at(first, 6, 20)).toBe('ﾐﾂｲｽﾐﾄﾓ'.padEnd(15));
    expect(at(first, 21, 23)).toBe('001');
    expect(at(first, 24, 38)).toBe('ｼﾞﾝﾎﾞｳﾁﾖｳ'.padEnd(15));
    expect(at(first, 39, 42)).toBe('0000');
    expect(at(first, 43, 43)).toBe('2');
    expect(at(first, 44, 50)).toBe('7654321');
    expect(at(first, 51, 80)).toBe('ｶ)ﾀﾞｲﾔﾓﾝﾄﾞｹﾝｾﾂ'.padEnd(30));
    expect(at(first, 81, 90)).toBe('0001234567');
    expect(at(first, 91, 91)).toBe('0');
    expect(at(first, 92, 101)).toBe('0000000042');
    expect(at(first, 102, 111)).toBe('9876543210');
    expect(at(first, 112, 112)).toBe('7');
    expect(at(first, 113, 120)).toBe(' '.repeat(8));

    expect(at(second, 24, 38)).toBe('ﾂｷﾁﾞ'.padEnd(15));
    expect(at(second, 43, 43)).toBe('4');
    expect(at(second, 44, 50)).toBe('0000089');
    expect(at(second, 51, 80)).toBe('ｻﾄｳ ﾊﾅｺ'.padEnd(30));
    expect(at(second, 81, 90)).toBe('0000000500');
    expect(at(second, 92, 111)).toBe('0'.repeat(20));
  });

  it('writes the trailer and end records', () => {
    expect(at(trailer, 1, 1)).toBe('8');
    expect(at(trailer, 2, 7)).toBe('000002');
    expect(at(trailer, 8, 19)).toBe('000001235067');
    expect(at(trailer, 20, 120)).toBe(' '.repeat(101));
    expect(end).toBe('9'.padEnd(120));
  });

  it('writes a voiced kana as two single bytes: base then ﾞ (0xDE)', () => {
    const dakutenAt = header.indexOf('ﾞ');
    expect(header[dakutenAt - 1]).toBe('ﾃ');
    expect(file[dakutenAt - 1]).toBe(0xc3); // ﾃ
    expect(file[dakutenAt]).toBe(0xde); // ﾞ
  });

  it('keeps a voiced kana whole when the holder name is cut at 30 bytes', () => {
    const longName = 'ア'.repeat(29) + 'ガ'; // ｶﾞ would straddle bytes 30–31
    const [, data] = records(
      writeZenginTransferFile({
        requester,
        transferDate: '2026-11-25',
        transfers: [{ ...twoTransfers[1], holderKana: longName }],
      }),
    );
    expect(at(data, 51, 80)).toBe('ｱ'.repeat(29) + ' ');
  });

  describe('validation', () => {
    const write = (change: Partial<Transfer>, extra: Partial<ZenginTransferInput> = {}) =>
      writeZenginTransferFile({
        requester,
        transferDate: '2026-11-25',
        transfers: [{ ...twoTransfers[0], ...change }],
        ...extra,
      });

    it.each<[string, Partial<Transfer>, RegExp]>([
      ['unknown bank', { bankCode: '0002' }, /transfers\[0\]\.bankCode: unknown bank/],
      ['unknown branch', { branchCode: '999' }, /transfers\[0\]\.branchCode: unknown branch/],
      ['bank code not 4 digits', { bankCode: '1' }, /bankCode: must be exactly 4 digits/],
      ['zero amount', { amount: 0 }, /amount: must be a positive integer/],
      ['fractional amount', { amount: 10.5 }, /amount/],
      ['amount over N10', { amount: 10_000_000_000 }, /amount/],
      ['account number too long', { accountNumber: '12345678' }, /accountNumber/],
      ['account number not digits', { accountNumber: '12-34' }, /accountNumber/],
      ['holder name with kanji', { holderKana: '山田' }, /holderKana: character "山"/],
      ['empty holder name', { holderKana: '  ' }, /holderKana: must not be empty/],
      ['customer code too long', { customerCode1: '12345678901' }, /customerCode1/],
      ['EDI over 20 bytes', { ediInfo: 'A'.repeat(21) }, /ediInfo: must be at most 20 bytes/],
      ['EDI with kanji', { ediInfo: '請求1' }, /ediInfo: character "請"/],
    ])('rejects %s', (_, change, message) => {
      expect(() => write(change)).toThrow(ZenginError);
      expect(() => write(change)).toThrow(message);
    });

    it('rejects bad files as a whole', () => {
      expect(() => write({}, { transfers: [] })).toThrow(/transfers: must contain at least one/);
      expect(() => write({}, { transferDate: '2026-02-30' })).toThrow(/transferDate/);
      expect(() => write({}, { requester: { ...requester, code: '12345678901' } })).toThrow(
        /requester\.code/,
      );
      const huge = { ...twoTransfers[0], amount: 9_999_999_999 };
      expect(() => write({}, { transfers: Array(101).fill(huge) })).toThrow(/total .* exceeds/);
    });

    it('rejects a 振込指定区分 the format does not define', () => {
      const input = { requester, transferDate: '2026-11-25', transfers: twoTransfers };
      const zero = { transferDesignation: '0' } as unknown as ZenginFileOptions;
      expect(() => writeZenginTransferFile(input, zero)).toThrow(/transferDesignation: must be 7/);
    });
  });

  it('any valid transfers: every record is 120 bytes and the trailer carries count and total', () => {
    const branches: [string, string][] = [
      ['0001', '001'],
      ['0005', '001'],
      ['0009', '001'],
      ['9900', '019'],
    ];
    const transfer = fc.record({
      branch: fc.constantFrom(...branches),
      accountType: fc.constantFrom('ordinary' as const, 'current' as const, 'savings' as const),
      accountNumber: fc.stringMatching(/^\d{1,7}$/),
      holderKana: fc
        .string({ unit: fc.constantFrom(...'アガパッーｶﾞＡ1（） '), minLength: 1 })
        .filter((name) => name.trim() !== ''),
      amount: fc.integer({ min: 1, max: 9_999_999_999 }),
    });
    fc.assert(
      fc.property(fc.array(transfer, { minLength: 1, maxLength: 20 }), (generated) => {
        const transfers = generated.map(({ branch: [bankCode, branchCode], ...rest }) => ({
          bankCode,
          branchCode,
          ...rest,
        }));
        const file = writeZenginTransferFile({ requester, transferDate: '2027-01-04', transfers });
        expect(file.length).toBe((transfers.length + 3) * 122);
        const lines = records(file);
        for (const line of lines)
          expect(Buffer.byteLength(iconv.encode(line, 'Shift_JIS'))).toBe(120);
        const trailer = lines[lines.length - 2];
        expect(Number(at(trailer, 2, 7))).toBe(transfers.length);
        expect(Number(at(trailer, 8, 19))).toBe(transfers.reduce((s, t) => s + t.amount, 0));
      }),
      { numRuns: 50 },
    );
  });

  it('writes 10,000 transfers in well under a second', () => {
    const transfers = Array.from({ length: 10_000 }, (_, i) => ({
      ...twoTransfers[i % 2],
      amount: i + 1,
    }));
    lookupBank('0001'); // load the bank data outside the timed section
    const started = performance.now();
    const file = writeZenginTransferFile({ requester, transferDate: '2026-11-25', transfers });
    const elapsedMs = performance.now() - started;
    process.stdout.write(`10,000 transfers written in ${elapsedMs.toFixed(0)} ms\n`);
    expect(file.length).toBe(10_003 * 122);
    expect(elapsedMs).toBeLessThan(5000);
  });
});
