import {
  CorporateNumberSchema,
  RegistrationNumberSchema,
  VendorCreateRequestSchema,
} from '@denpyo/schemas';
import { validate } from '../forms/useForm';
import { zodIssueMessage } from '../forms/zod-ja';
import { fieldMessage } from './errors';
import { hasMessage, t } from './index';
import { ja } from './ja';

describe('the catalogue', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(t('home.queue.count', { count: 3 })).toBe('3件');
    expect(t('app.signedInAs', { name: 'procurement' })).toBe('procurement（{role}）');
  });

  it('has Japanese text for every key', () => {
    for (const [key, message] of Object.entries(ja)) {
      expect(`${key}: ${message.trim() === '' ? 'empty' : 'ok'}`).toBe(`${key}: ok`);
    }
    expect(hasMessage('status.vendor.active')).toBe(true);
    expect(hasMessage('status.vendor.nope')).toBe(false);
  });
});

describe('field messages in Japanese', () => {
  it('translates the schemas’ and the services’ messages', () => {
    expect(fieldMessage('check digit does not match')).toBe(t('error.checkDigit'));
    expect(fieldMessage('unknown bank code 9999: not in the Zengin code list')).toBe(
      t('error.unknownBank'),
    );
    expect(fieldMessage('character "漢" at position 0 cannot be written in Zengin kana')).toBe(
      t('error.kana', { character: '漢' }),
    );
    expect(fieldMessage('入力してください')).toBe('入力してください');
    expect(fieldMessage('something new')).toBe(
      t('error.invalidWithDetail', { detail: 'something new' }),
    );
  });

  it("checks 法人番号 and T-numbers with the services' own schemas", () => {
    expect(validate(CorporateNumberSchema, '7000012050002')).toEqual({
      ok: true,
      value: '7000012050002',
    });
    expect(validate(CorporateNumberSchema, '1000012050002')).toEqual({
      ok: false,
      errors: { '': t('error.checkDigit') },
    });
    expect(validate(CorporateNumberSchema, '123')).toEqual({
      ok: false,
      errors: { '': t('error.digits13') },
    });
    expect(validate(RegistrationNumberSchema, 'T7000012050002').ok).toBe(true);
    expect(validate(RegistrationNumberSchema, '7000012050002')).toEqual({
      ok: false,
      errors: { '': t('error.tNumber') },
    });
  });

  it("puts zod's own messages into Japanese, under the body's paths", () => {
    const result = validate(VendorCreateRequestSchema, {
      name: '',
      nameKana: 'カ',
      bankAccount: {
        bankCode: '12',
        branchCode: '001',
        type: 'ordinary',
        number: '1',
        holderKana: 'カ',
      },
    });
    expect(result).toEqual({
      ok: false,
      errors: { name: t('error.required'), 'bankAccount.bankCode': t('error.digits4') },
    });
    expect(zodIssueMessage({ code: 'too_big', origin: 'string', maximum: 200 })).toBe(
      t('error.tooLong', { max: 200 }),
    );
  });
});
