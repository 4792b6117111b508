import { corporateNumberCheckDigit } from '@denpyo/jp';
import fc from 'fast-check';
import {
  BankAccountSchema,
  BudgetCodeSchema,
  CorporateNumberSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  QueryYenSchema,
  RegistrationNumberSchema,
  TaxRateSchema,
  YenSchema,
} from '../src';

const twelveDigits = fc.string({
  unit: fc.constantFrom(...'0123456789'),
  minLength: 12,
  maxLength: 12,
});
const corporateNumber = twelveDigits.map((d) => `${corporateNumberCheckDigit(d)}${d}`);

describe('YenSchema', () => {
  it('accepts integers from 0 up to the largest safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(YenSchema.parse(n)).toBe(n);
      }),
    );
  });

  it.each([
    ['a float', 1.5],
    ['a negative amount', -1],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ['a numeric string', '100'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s', (_, value) => {
    expect(YenSchema.safeParse(value).success).toBe(false);
  });

  it('PositiveYenSchema rejects zero', () => {
    expect(PositiveYenSchema.safeParse(0).success).toBe(false);
    expect(PositiveYenSchema.parse(1)).toBe(1);
  });
});

describe('QueryYenSchema', () => {
  it('turns a digit string into a number', () => {
    expect(QueryYenSchema.parse('1000000')).toBe(1000000);
  });

  it.each(['', '1e3', '0x10', '-1', '1.5', ' 12', '99999999999999999'])('rejects %j', (value) => {
    expect(QueryYenSchema.safeParse(value).success).toBe(false);
  });
});

describe('IsoDateSchema', () => {
  it.each(['2026-04-01', '2024-02-29', '2027-03-31'])('accepts %s', (date) => {
    expect(IsoDateSchema.parse(date)).toBe(date);
  });

  it.each([
    '2026-02-30',
    '2023-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-4-1',
    '2026-04-01T00:00:00Z',
    '20260401',
  ])('rejects %s', (date) => {
    expect(IsoDateSchema.safeParse(date).success).toBe(false);
  });

  it('agrees with the calendar for every day of a range of years', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2019-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          expect(IsoDateSchema.safeParse(d.toISOString().slice(0, 10)).success).toBe(true);
        },
      ),
    );
  });
});

describe('IsoDateTimeSchema', () => {
  it('accepts toISOString output and explicit offsets', () => {
    expect(IsoDateTimeSchema.safeParse(new Date().toISOString()).success).toBe(true);
    expect(IsoDateTimeSchema.safeParse('2026-04-01T09:00:00+09:00').success).toBe(true);
  });

  it('rejects a time without a zone', () => {
    expect(IsoDateTimeSchema.safeParse('2026-04-01T09:00:00').success).toBe(false);
  });
});

describe('FiscalYearSchema and TaxRateSchema', () => {
  it('bounds the fiscal year to 2019..2100', () => {
    expect(FiscalYearSchema.safeParse(2019).success).toBe(true);
    expect(FiscalYearSchema.safeParse(2100).success).toBe(true);
    expect(FiscalYearSchema.safeParse(2018).success).toBe(false);
    expect(FiscalYearSchema.safeParse(2026.5).success).toBe(false);
  });

  it('allows only 10, 8 and 0 percent', () => {
    for (const rate of [10, 8, 0]) expect(TaxRateSchema.parse(rate)).toBe(rate);
    for (const rate of [5, 0.1, '10']) expect(TaxRateSchema.safeParse(rate).success).toBe(false);
  });
});

describe('RegistrationNumberSchema and CorporateNumberSchema', () => {
  it('accept any number whose check digit matches', () => {
    fc.assert(
      fc.property(corporateNumber, (n) => {
        expect(CorporateNumberSchema.safeParse(n).success).toBe(true);
        expect(RegistrationNumberSchema.safeParse(`T${n}`).success).toBe(true);
      }),
    );
  });

  it('reject a wrong check digit with one message', () => {
    fc.assert(
      fc.property(corporateNumber, fc.integer({ min: 1, max: 9 }), (n, shift) => {
        // The check digit is unique, so any other first digit must be refused.
        const wrong = `${(Number(n[0]) + shift) % 10}${n.slice(1)}`;
        const result = RegistrationNumberSchema.safeParse(`T${wrong}`);
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((i) => i.message)).toEqual(['check digit does not match']);
      }),
    );
  });

  it.each([
    '8000012010038',
    't8000012010038',
    'T800001201003',
    'T80000120100380',
    'TX000012010038',
  ])('rejects the malformed %s with a format message only', (value) => {
    const result = RegistrationNumberSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toMatch(/'T' followed by 13 digits/);
  });
});

describe('BankAccountSchema', () => {
  const account = {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '1234567',
    holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
  };

  it('accepts a well-formed account', () => {
    expect(BankAccountSchema.parse(account)).toEqual(account);
  });

  it.each([
    ['bankCode', '001'],
    ['branchCode', '0001'],
    ['type', 'checking'],
    ['number', '12345678'],
    ['number', ''],
    ['holderKana', ''],
    ['holderKana', 'ｱ'.repeat(31)],
  ])('rejects %s = %j', (field, value) => {
    const result = BankAccountSchema.safeParse({ ...account, [field]: value });
    expect(result.error?.issues.map((i) => i.path)).toEqual([[field]]);
  });

  it('rejects unknown fields', () => {
    expect(BankAccountSchema.safeParse({ ...account, swift: 'X' }).success).toBe(false);
  });
});

describe('BudgetCodeSchema', () => {
  it('accepts 款.項.目.節 as four two-digit groups', () => {
    expect(BudgetCodeSchema.parse('01.02.03.04')).toBe('01.02.03.04');
  });

  it.each(['01.02.03', '1.02.03.04', '01-02-03-04', '01.02.03.04.05'])('rejects %s', (code) => {
    expect(BudgetCodeSchema.safeParse(code).success).toBe(false);
  });
});
