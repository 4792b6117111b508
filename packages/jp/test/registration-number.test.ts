import fc from 'fast-check';
import {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  isValidRegistrationNumber,
} from '../src';

// Published corporate numbers: 国税庁, 経済産業省, トヨタ自動車株式会社, 株式会社三菱ＵＦＪ銀行.
const REAL_CORPORATE_NUMBERS = ['7000012050002', '4000012090001', '1180301018771', '5010001008846'];

describe('corporate and registration numbers', () => {
  it.each(REAL_CORPORATE_NUMBERS)('accepts the real corporate number %s', (number) => {
    expect(corporateNumberCheckDigit(number.slice(1))).toBe(Number(number[0]));
    expect(isValidCorporateNumber(number)).toBe(true);
    expect(isValidRegistrationNumber(`T${number}`)).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500021')).toBe(false);
    expect(isValidCorporateNumber('700001205000A')).toBe(false);
    expect(isValidRegistrationNumber('7000012050002')).toBe(false);
    expect(isValidRegistrationNumber('t7000012050002')).toBe(false);
    expect(isValidRegistrationNumber('T 7000012050002')).toBe(false);
    expect(() => corporateNumberCheckDigit('12345')).toThrow(RangeError);
  });

  const twelveDigits = fc.string({
    unit: fc.constantFrom(...'0123456789'),
    minLength: 12,
    maxLength: 12,
  });
  const validNumber = twelveDigits.map((body) => `${corporateNumberCheckDigit(body)}${body}`);

  it('the check digit is always 1–9 and makes the number valid', () => {
    fc.assert(
      fc.property(validNumber, (number) => {
        expect(number[0]).not.toBe('0');
        expect(isValidCorporateNumber(number)).toBe(true);
      }),
    );
  });

  it('changing one digit invalidates the number, except swapping 0 and 9 in the body', () => {
    // A 0↔9 swap changes the weighted sum by 9 or 18, which the mod-9 check cannot see.
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (number, position, shift) => {
          const original = Number(number[position]);
          const changed = (original + shift) % 10;
          const mutated = number.slice(0, position) + changed + number.slice(position + 1);
          const undetectable = position > 0 && original + changed === 9 && original * changed === 0;
          expect(isValidCorporateNumber(mutated)).toBe(undetectable);
        },
      ),
    );
  });
});
