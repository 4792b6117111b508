import fc from 'fast-check';
import {
  ZENGIN_HOLDER_NAME_BYTES,
  bankAccountProblems,
  isZenginKana,
  toZenginName,
  zenginHolderName,
} from '../src';

const ACCOUNT = { bankCode: '0001', branchCode: '001', holderKana: 'ｶ)ﾃｽﾄ' };

describe('bankAccountProblems', () => {
  it('accepts a real bank and branch with a Zengin kana holder', () => {
    expect(bankAccountProblems(ACCOUNT)).toEqual([]);
  });

  it('accepts a holder name that folds into Zengin kana', () => {
    expect(bankAccountProblems({ ...ACCOUNT, holderKana: 'かぶしきがいしゃ　テスト' })).toEqual([]);
  });

  it('names an unknown bank, and does not also blame the branch', () => {
    expect(bankAccountProblems({ ...ACCOUNT, bankCode: '9998' })).toEqual([
      { path: 'bankCode', message: 'unknown bank code 9998: not in the Zengin code list' },
    ]);
  });

  it('names an unknown branch of a known bank', () => {
    expect(bankAccountProblems({ ...ACCOUNT, branchCode: '998' })).toEqual([
      { path: 'branchCode', message: 'unknown branch 998 at みずほ (0001)' },
    ]);
  });

  it.each([
    ['kanji', '山田商店', 'character "山" at position 0 cannot be written in Zengin kana'],
    ['a compatibility character', 'デンピョウⅡ', 'character "Ⅱ" at position 5'],
    ['a blank name', '　 ', 'must not be blank'],
  ])('refuses a holder name with %s', (_label, holderKana, message) => {
    expect(bankAccountProblems({ ...ACCOUNT, holderKana })).toEqual([
      { path: 'holderKana', message: expect.stringContaining(message) },
    ]);
  });

  it('accepts a name too long for the field: it is cut, not refused', () => {
    expect(bankAccountProblems({ ...ACCOUNT, holderKana: 'ガ'.repeat(16) })).toEqual([]);
  });

  it('reports every field at fault', () => {
    const problems = bankAccountProblems({ bankCode: '9998', branchCode: '998', holderKana: '' });
    expect(problems.map((problem) => problem.path)).toEqual(['bankCode', 'holderKana']);
  });
});

describe('toZenginName', () => {
  it('returns trimmed Zengin kana for any name it accepts', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = toZenginName(input);
        if (result.ok) {
          expect(isZenginKana(result.value)).toBe(true);
          expect(result.value).toBe(result.value.trim());
          expect(result.value).not.toBe('');
        }
      }),
    );
  });

  it('is idempotent: a stored name is accepted unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const first = toZenginName(input);
        if (first.ok) expect(toZenginName(first.value)).toEqual(first);
      }),
    );
  });

  it('has no length limit (the holder name is cut, see zenginHolderName)', () => {
    expect(toZenginName('ｱ'.repeat(100))).toEqual({ ok: true, value: 'ｱ'.repeat(100) });
  });

  it('cuts holder names to the 30-byte 受取人名 field rather than refusing them', () => {
    expect(zenginHolderName('ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES))).toEqual({
      ok: true,
      value: 'ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES),
      cut: false,
    });
    expect(zenginHolderName('ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES + 1))).toEqual({
      ok: true,
      value: 'ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES),
      cut: true,
    });
  });
});
