import { zenginBank, zenginBanks, zenginBranches } from '../src/zengin-data';

interface RawEntry {
  code: string;
  name: string;
  kana: string;
  roma?: string;
}
type RawData = Record<string, RawEntry & { branches: Record<string, RawEntry> }>;

const fields = ({ code, name, kana, roma }: RawEntry) => ({ code, name, kana, roma });
const byCode = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);

describe('the zengin-code data read by byte ranges', () => {
  it('never compiles the package as a module', () => {
    const compiled = jest.fn();
    jest.isolateModules(() => {
      jest.doMock('zengin-code', compiled);
      jest.doMock('zengin-code/lib/zengin-data', compiled);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module under the mocks
      const fresh = require('../src/zengin-data') as typeof import('../src/zengin-data');
      expect(fresh.zenginBank('0001')?.name).toBe('みずほ');
      expect(fresh.zenginBranches('0001')?.get('001')?.name).toBe('東京営業部');
    });
    jest.dontMock('zengin-code');
    jest.dontMock('zengin-code/lib/zengin-data');
    expect(compiled).not.toHaveBeenCalled();
  });

  it('holds every bank and branch of the package, field for field', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own reading, to compare with
    const data = require('zengin-code') as RawData;
    const codes = Object.keys(data).sort();
    expect(
      zenginBanks()
        .map((bank) => bank.code)
        .sort(),
    ).toEqual(codes);
    const read = codes.map((code) => ({
      bank: zenginBank(code),
      branches: [...(zenginBranches(code) ?? [])].sort(byCode),
    }));
    const expected = codes.map((code) => ({
      bank: fields(data[code]),
      branches: Object.entries(data[code].branches)
        .map(([branchCode, branch]): [string, RawEntry] => [branchCode, fields(branch)])
        .sort(byCode),
    }));
    expect(read).toEqual(expected);
    expect(expected.flatMap((bank) => bank.branches).length).toBeGreaterThan(20_000);
  });

  it('knows no bank by a code the data does not have', () => {
    expect(zenginBank('0002')).toBeUndefined();
    expect(zenginBank('toString')).toBeUndefined();
    expect(zenginBank('branches')).toBeUndefined();
    expect(zenginBranches('0002')).toBeUndefined();
  });
});
