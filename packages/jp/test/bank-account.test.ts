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
    ['kanji', '株式会社', 'cannot be written in Zengin kana'],
    ['a blank name', '　 ', 'must not be blank'],
    ['a name too long once written', 'ガ'.repeat(16), 'is 32 characters in Zengin kana'],
  ])('refuses a holder name with %s', (_label, holderKana, message) => {
    expect(bankAccountProblems({ ...ACCOUNT, holderKana })).toEqual([
      { path: 'holderKana', message: expect.stringContaining(message) },
    ]);
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

  it('has no length limit unless given one', () => {
    expect(toZenginName('ｱ'.repeat(100)).ok).toBe(true);
    expect(toZenginName('ｱ'.repeat(4), 3)).toEqual({
      ok: false,
      message: 'is 4 characters in Zengin kana; the transfer file allows 3',
    });
  });

  it('limits holder names to the 30-byte 受取人名 field', () => {
    expect(zenginHolderName('ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES)).ok).toBe(true);
    expect(zenginHolderName('ｱ'.repeat(ZENGIN_HOLDER_NAME_BYTES + 1)).ok).toBe(false);
  });
});
