import { lookupBank, searchBanks, searchBranches } from '../src';

const codes = (banks: { code: string }[] | undefined) => banks?.map((bank) => bank.code);

describe('searchBanks', () => {
  it('finds banks by code prefix, in code order', () => {
    expect(codes(searchBanks('0001'))).toEqual(['0001']);
    const prefixed = codes(searchBanks('000'));
    expect(prefixed).toContain('0001');
    expect(prefixed).toContain('0009');
    expect(prefixed?.every((code) => code.startsWith('000'))).toBe(true);
    expect(prefixed).toEqual([...(prefixed ?? [])].sort());
  });

  it('finds banks by name, by kana of any form and by romanised reading', () => {
    expect(codes(searchBanks('三井住友'))).toEqual(['0009', '0294']);
    expect(searchBanks('みずほ')[0]).toEqual(lookupBank('0001'));
    // Katakana, half-width katakana and hiragana all fold to the same Zengin kana.
    for (const q of ['ミツイスミトモ', 'ﾐﾂｲｽﾐﾄﾓ', 'みついすみとも']) {
      expect([q, codes(searchBanks(q))]).toEqual([q, ['0009', '0294']]);
    }
    // Small kana as people type them (チュウ) match the data's Zengin form (ﾁﾕｳ).
    expect(codes(searchBanks('しんきんちゅうおう'))).toContain('1000');
    expect(codes(searchBanks('Mizuho'))).toContain('0001');
    // Full-width digits are digits.
    expect(codes(searchBanks('０００９'))).toEqual(['0009']);
  });

  it('gives every bank for a blank query and none for a query nothing contains', () => {
    expect(searchBanks().length).toBeGreaterThan(1000);
    expect(searchBanks('  ')).toHaveLength(searchBanks().length);
    expect(searchBanks('該当なしの銀行名')).toEqual([]);
    expect(searchBanks('9999999')).toEqual([]);
  });
});

describe('searchBranches', () => {
  it("finds a bank's branches by code prefix or name", () => {
    expect(searchBranches('0001', '015')).toEqual([{ code: '015', name: '築地', kana: 'ﾂｷﾁﾞ' }]);
    expect(codes(searchBranches('0001', 'つきじ'))).toContain('015');
    expect(searchBranches('0001')?.length).toBeGreaterThan(100);
    const all = codes(searchBranches('0001')) ?? [];
    expect(all).toEqual([...all].sort());
  });

  it('is undefined for an unknown bank and empty when nothing matches', () => {
    expect(searchBranches('0002')).toBeUndefined();
    expect(searchBranches('toString')).toBeUndefined();
    expect(searchBranches('0001', '999')).toEqual([]);
  });
});
