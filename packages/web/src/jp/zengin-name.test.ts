import { previewZenginHolderName } from './zengin-name';
import { zenginHolderName } from '../../../jp/src/bank-account';

describe('the account holder in Zengin kana', () => {
  it('folds what people type into half-width Zengin kana', () => {
    expect(previewZenginHolderName('カ）デンピョウショウジ')).toEqual({
      ok: true,
      value: 'ｶ)ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ',
    });
    expect(previewZenginHolderName('  ｶﾌﾞｼｷｶﾞｲｼｬ ')).toEqual({ ok: true, value: 'ｶﾌﾞｼｷｶﾞｲｼﾔ' });
  });

  it('names the character that has no Zengin form, and refuses blank or long names', () => {
    expect(previewZenginHolderName('株式会社')).toEqual({
      ok: false,
      reason: 'character',
      character: '株',
    });
    expect(previewZenginHolderName('   ')).toEqual({ ok: false, reason: 'blank' });
    const long = previewZenginHolderName('ア'.repeat(31));
    expect(long).toMatchObject({ ok: false, reason: 'length', length: 31 });
  });

  it('agrees with @denpyo/jp, which the service checks with', () => {
    for (const input of [
      'カ）デンピョウショウジ',
      'やまだ　たろう',
      'ＡＢＣ商事',
      'ア'.repeat(31),
      'ｶ-ﾄﾞ',
    ]) {
      const ours = previewZenginHolderName(input);
      const theirs = zenginHolderName(input);
      expect(ours.ok).toBe(theirs.ok);
      if (ours.ok && theirs.ok) expect(ours.value).toBe(theirs.value);
    }
  });
});
