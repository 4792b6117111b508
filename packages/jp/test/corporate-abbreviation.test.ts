import {
  CORPORATE_ABBREVIATIONS,
  KanaError,
  ZENGIN_HOLDER_NAME_BYTES,
  abbreviateCorporateKinds,
  isZenginKana,
  zenginHolderName,
} from '../src';

describe('abbreviateCorporateKinds', () => {
  it.each([
    ['front, in kanji', '株式会社デンピョウ', 'ｶ)ﾃﾞﾝﾋﾟﾖｳ'],
    ['middle, in kanji', 'デンピョウ株式会社シテン', 'ﾃﾞﾝﾋﾟﾖｳ(ｶ)ｼﾃﾝ'],
    ['end, in kanji', 'デンピョウ株式会社', 'ﾃﾞﾝﾋﾟﾖｳ(ｶ'],
    ['front, as its reading', 'カブシキガイシャデンピョウ', 'ｶ)ﾃﾞﾝﾋﾟﾖｳ'],
    ['middle, in half-width kana', 'ﾃﾞﾝﾋﾟﾖｳｶﾌﾞｼｷｶﾞｲｼｬｼﾃﾝ', 'ﾃﾞﾝﾋﾟﾖｳ(ｶ)ｼﾃﾝ'],
    ['end, in hiragana', 'でんぴょうかぶしきがいしゃ', 'ﾃﾞﾝﾋﾟﾖｳ(ｶ'],
    ['with spaces around the kind', '株式会社　デンピョウ', 'ｶ)ﾃﾞﾝﾋﾟﾖｳ'],
    ['two kinds', 'デンピョウ株式会社トウキョウ営業所', 'ﾃﾞﾝﾋﾟﾖｳ(ｶ)ﾄｳｷﾖｳ(ｴｲ'],
    ['the longest kind', '一般社団法人デンピョウ', 'ｼﾔ)ﾃﾞﾝﾋﾟﾖｳ'],
    ['a kind inside a longer one', '医療法人社団デンピョウカイ', 'ｲ)ﾃﾞﾝﾋﾟﾖｳｶｲ'],
    ['an abbreviation already typed', 'カ）デンピョウ', 'ｶ)ﾃﾞﾝﾋﾟﾖｳ'],
    ['no kind at all', 'ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
  ])('%s: %s → %s', (_label, input, expected) => {
    expect(abbreviateCorporateKinds(input)).toBe(expected);
  });

  describe.each(CORPORATE_ABBREVIATIONS.map((entry) => [entry.kind, entry] as const))(
    '%s',
    (_kind, { kind, reading, abbreviation }) => {
      it(`is ${abbreviation}) in front, (${abbreviation}) in the middle, (${abbreviation} at the end`, () => {
        expect(abbreviateCorporateKinds(`${kind}ﾃｽﾄ`)).toBe(`${abbreviation})ﾃｽﾄ`);
        expect(abbreviateCorporateKinds(`ﾃｽﾄ${kind}ｼﾃﾝ`)).toBe(`ﾃｽﾄ(${abbreviation})ｼﾃﾝ`);
        expect(abbreviateCorporateKinds(`ﾃｽﾄ${kind}`)).toBe(`ﾃｽﾄ(${abbreviation}`);
      });

      it(`reads ${reading} as the same kind`, () => {
        expect(abbreviateCorporateKinds(`${reading}ﾃｽﾄ`)).toBe(`${abbreviation})ﾃｽﾄ`);
        expect(abbreviateCorporateKinds(`ﾃｽﾄ${reading}`)).toBe(`ﾃｽﾄ(${abbreviation}`);
      });

      it('is written in Zengin kana', () => {
        expect(isZenginKana(reading)).toBe(true);
        expect(isZenginKana(abbreviation)).toBe(true);
      });
    },
  );

  it('names a character it cannot write, where the input has it', () => {
    expect(() => abbreviateCorporateKinds('株式会社デンピョウⅡ')).toThrow(KanaError);
    try {
      abbreviateCorporateKinds('株式会社デンピョウⅡ');
    } catch (error) {
      expect(error).toMatchObject({ character: 'Ⅱ', index: 9 });
    }
  });
});

describe('zenginHolderName', () => {
  it('writes the 略語 of the kind', () => {
    expect(zenginHolderName('株式会社デンピョウ')).toEqual({
      ok: true,
      value: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
      cut: false,
    });
  });

  it('cuts at 30 bytes, never between a kana and its voiced mark', () => {
    // ﾃﾞ is two bytes: 28 bytes of ｱ leave room for ﾃﾞ (bytes 29-30) but not for ﾃﾞｽ.
    expect(zenginHolderName(`${'ｱ'.repeat(28)}ﾃﾞｽ`)).toEqual({
      ok: true,
      value: `${'ｱ'.repeat(28)}ﾃﾞ`,
      cut: true,
    });
    // 29 bytes of ｱ leave one byte: ﾃ would be split from its ﾞ, so both go.
    expect(zenginHolderName(`${'ｱ'.repeat(29)}ﾃﾞ`)).toEqual({
      ok: true,
      value: 'ｱ'.repeat(29),
      cut: true,
    });
    // 29 bytes, then ﾌﾞ (bytes 30-31) does not fit whole.
    const long = zenginHolderName('デンピョウショウジ株式会社トウキョウシテンエイギョウブ');
    expect(long).toEqual({ ok: true, value: 'ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝｴｲｷﾞﾖｳ', cut: true });
    if (long.ok) expect(long.value.length).toBeLessThanOrEqual(ZENGIN_HOLDER_NAME_BYTES);
  });

  it('refuses, naming it, a character banks do not take', () => {
    expect(zenginHolderName('デンピョウⅡ')).toEqual({
      ok: false,
      reason: 'character',
      character: 'Ⅱ',
      message: expect.stringContaining('"Ⅱ"'),
    });
    expect(zenginHolderName('　')).toMatchObject({ ok: false, reason: 'blank' });
  });
});
