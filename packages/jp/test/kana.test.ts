import fc from 'fast-check';
import { KanaError, fitZenginField, isZenginKana, toZenginKana } from '../src';

describe('toZenginKana', () => {
  it.each([
    ['カ）デンピョウショウジ', 'ｶ)ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ'],
    ['やまだ　たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['ｶﾞｯｺｳ', 'ｶﾞﾂｺｳ'],
    ['キャッシュ', 'ｷﾔﾂｼﾕ'],
    ['ヴァイオリン', 'ｳﾞｱｲｵﾘﾝ'],
    ['ヵヶゎヮ', 'ｶｹﾜﾜ'],
    ['ヰヱヲ', 'ｲｴｵ'],
    ['コーヒー－‐', 'ｺ-ﾋ---'],
    ['ＡＢＣ１２３abc', 'ABC123ABC'],
    ['（カ）．／，￥\\', '(ｶ)./,¥¥'],
    ['パ\u3099', 'ﾊﾟﾞ'],
    ['は゛', 'ﾊﾞ'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toZenginKana(input)).toBe(expected);
    expect(isZenginKana(toZenginKana(input))).toBe(true);
  });

  it.each([
    ['ヤマダ・タロウ', '・', 3],
    ['株式会社', '株', 0],
    ['ｶ)㈱', '㈱', 2],
    ['ﾃｽﾄ「ｶ」', '「', 3],
    ['café', 'é', 3],
    ['STRASSE ß', 'ß', 8],
    ['ｱ🙂', '🙂', 1],
  ])('rejects %s, naming %s at %d', (input, character, index) => {
    expect(() => toZenginKana(input)).toThrow(KanaError);
    try {
      toZenginKana(input);
    } catch (error) {
      expect(error).toMatchObject({ character, index });
      expect((error as Error).message).toContain(character);
    }
  });

  it('is idempotent and its output is always Zengin kana', () => {
    const kanaLike = fc.string({
      unit: fc.constantFrom(...'あいうがぱっゃアイウガパッャヴーｱｶﾞﾟ ＡａBz09（）．，／－￥'),
    });
    fc.assert(
      fc.property(kanaLike, (input) => {
        const zengin = toZenginKana(input);
        expect(isZenginKana(zengin)).toBe(true);
        expect(toZenginKana(zengin)).toBe(zengin);
      }),
    );
  });
});

describe('isZenginKana', () => {
  it('accepts exactly the Zengin set', () => {
    expect(isZenginKana('ｱｲｳ ABC 0123 ()-./¥, ﾞﾟ')).toBe(true);
    for (const bad of ['a', 'ア', 'ｧ', 'ｰ', '「', '*', '\\', '_'])
      expect(isZenginKana(bad)).toBe(false);
  });
});

describe('fitZenginField', () => {
  it('pads short values and truncates long ones', () => {
    expect(fitZenginField('ｱｲｳ', 5)).toBe('ｱｲｳ  ');
    expect(fitZenginField('ｱｲｳｴｵｶ', 5)).toBe('ｱｲｳｴｵ');
    expect(fitZenginField('', 3)).toBe('   ');
  });

  it('never separates a voiced mark from its base', () => {
    expect(fitZenginField('ｱｲｳｴｶﾞ', 5)).toBe('ｱｲｳｴ ');
    expect(fitZenginField('ｱｲｳｶﾞ', 5)).toBe('ｱｲｳｶﾞ');
    expect(fitZenginField('ｱｲｳｴﾊﾟ', 5)).toBe('ｱｲｳｴ ');
  });

  it('rejects non-Zengin input and bad widths', () => {
    expect(() => fitZenginField('ガ', 5)).toThrow(KanaError);
    expect(() => fitZenginField('ｱ', -1)).toThrow(RangeError);
  });

  // Well-formed names: a mark only ever follows the base it voices.
  const zenginText = fc
    .array(fc.constantFrom('ｱ', 'ｶﾞ', 'ﾊﾟ', 'ﾝ', ' ', 'A', '9', '(', ')', '-', '.', '/', '¥', ','))
    .map((tokens) => tokens.join(''));

  it('always yields exactly N one-byte Zengin characters, a prefix of the input', () => {
    fc.assert(
      fc.property(zenginText, fc.integer({ min: 0, max: 40 }), (s, bytes) => {
        const field = fitZenginField(s, bytes);
        expect(field).toHaveLength(bytes);
        expect(isZenginKana(field)).toBe(true);
        const kept = field.trimEnd();
        expect(s.startsWith(kept)).toBe(true);
        // The character after the kept prefix (if any) is never a mark cut from its base.
        expect(['ﾞ', 'ﾟ']).not.toContain(s[kept.length]);
      }),
    );
  });
});
