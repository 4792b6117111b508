import { CorporateNumberSchema, RegistrationNumberSchema } from '@denpyo/schemas';
import { validate } from './useForm';
import { t } from '../i18n';
import { liveNumberCheck, normalizeNumberInput } from './live-checks';

const corporate = (value: string) =>
  liveNumberCheck(value, { length: 13, prefix: /^\d{0,13}$/ }, (v) =>
    validate(CorporateNumberSchema, v),
  );
const registration = (value: string) =>
  liveNumberCheck(value, { length: 14, prefix: /^(T\d{0,13})?$/ }, (v) =>
    validate(RegistrationNumberSchema, v),
  );

describe('法人番号 and T-number as typed', () => {
  it('stays quiet while the number can still become valid', () => {
    expect(corporate('')).toEqual({ state: 'empty' });
    expect(corporate('70000')).toEqual({ state: 'typing' });
    expect(registration('T')).toEqual({ state: 'typing' });
    expect(registration('T700001205000')).toEqual({ state: 'typing' });
  });

  it('accepts a complete number whose check digit matches', () => {
    expect(corporate('7000012050002')).toEqual({ state: 'valid' });
    expect(registration('T7000012050002')).toEqual({ state: 'valid' });
  });

  it('says what is wrong as soon as it is wrong', () => {
    expect(corporate('1000012050002')).toEqual({ state: 'invalid', error: t('error.checkDigit') });
    expect(corporate('70000a')).toEqual({ state: 'invalid', error: t('error.digits13') });
    expect(registration('7000012050002')).toEqual({ state: 'invalid', error: t('error.tNumber') });
    expect(registration('T1000012050002')).toEqual({
      state: 'invalid',
      error: t('error.checkDigit'),
    });
  });

  it('takes full-width digits and a lower-case t as typed on a Japanese keyboard', () => {
    expect(normalizeNumberInput('ｔ７０００ ０１２-０５０００２')).toBe('T7000012050002');
  });
});
