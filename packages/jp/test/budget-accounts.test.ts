import {
  accountTypeName,
  budgetAccountLabel,
  formalBankName,
  formalBranchName,
  formatGuardedYen,
  SETSU_NAMES,
} from '../src';

describe('budgetAccountLabel', () => {
  it('prints the city names of 款・項・目 and the national 節', () => {
    expect(
      budgetAccountLabel('03.01.01.12', {
        kan: '民生費',
        kou: '社会福祉費',
        moku: '社会福祉総務費',
      }),
    ).toBe('03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料');
  });

  it('falls back to the national 款 and prints unnamed 項・目 by number', () => {
    expect(budgetAccountLabel('08.02.01.14')).toBe('08款 土木費 02項 01目 14節 工事請負費');
  });

  it('knows the 27 節 since 令和2年度', () => {
    expect(Object.keys(SETSU_NAMES)).toHaveLength(27);
    expect(SETSU_NAMES[10]).toBe('需用費');
    expect(SETSU_NAMES[27]).toBe('繰出金');
    expect(budgetAccountLabel('02.01.01.28')).toBe('02款 総務費 01項 01目 28節');
  });

  it('refuses what is not a budget code', () => {
    expect(() => budgetAccountLabel('08-02-01-14')).toThrow(RangeError);
  });
});

describe('formatGuardedYen', () => {
  it('guards the figure with ￥ and －', () => {
    expect(formatGuardedYen(1_234_567)).toBe('￥1,234,567－');
    expect(formatGuardedYen(0)).toBe('￥0－');
  });

  it('refuses negative and fractional amounts', () => {
    expect(() => formatGuardedYen(-1)).toThrow(RangeError);
    expect(() => formatGuardedYen(1.5)).toThrow(RangeError);
  });
});

describe('formal bank and branch names', () => {
  it('adds 銀行 to a bank, spells out 信金, and keeps an unknown code undefined', () => {
    expect(formalBankName('0138')).toBe('横浜銀行');
    expect(formalBankName('9900')).toBe('ゆうちょ銀行');
    expect(formalBankName('1310')).toBe('さわやか信用金庫');
    expect(formalBankName('0000')).toBeUndefined();
  });

  it('adds 支店 unless the name already says what it is', () => {
    expect(formalBranchName('0138', '310')).toBe('関内支店');
    expect(formalBranchName('0138', '200')).toBe('本店営業部');
    expect(formalBranchName('0138', '999')).toBeUndefined();
  });

  it('names account types as forms do', () => {
    expect((['ordinary', 'current', 'savings'] as const).map(accountTypeName)).toEqual([
      '普通',
      '当座',
      '貯蓄',
    ]);
  });
});
