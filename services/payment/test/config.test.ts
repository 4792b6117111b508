import { writeZenginTransferFile } from '@denpyo/jp';
import { createMailer, parseConfig } from '@denpyo/platform';
import {
  DEMO_REQUESTER_ENV,
  paymentEnvSchema,
  requesterFromEnv,
  zenginFileFromEnv,
} from '../src/config';

const DEMO = { DEMO_MODE: '1' };
const REQUESTER_SETTINGS = Object.keys(DEMO_REQUESTER_ENV);

describe('the payment service environment', () => {
  test('in demo mode, defaults to a demo requester the Zengin writer accepts', () => {
    const requester = requesterFromEnv(parseConfig(paymentEnvSchema, DEMO));
    expect(requester).toMatchObject({
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
    });
    const file = writeZenginTransferFile({
      requester,
      transferDate: '2026-11-25',
      transfers: [
        {
          bankCode: '0001',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1',
          holderKana: 'ﾃｽﾄ',
          amount: 1,
        },
      ],
    });
    expect(file.length).toBe(4 * 122);
  });

  test('folds a full-width kana name into Zengin kana', () => {
    const env = parseConfig(paymentEnvSchema, { ...DEMO, ZENGIN_REQUESTER_NAME: 'デンピョウシ' });
    expect(requesterFromEnv(env).nameKana).toBe('ﾃﾞﾝﾋﾟﾖｳｼ');
  });

  test.each([
    [{ ZENGIN_REQUESTER_CODE: '123' }, 'ZENGIN_REQUESTER_CODE'],
    [{ ZENGIN_REQUESTER_NAME: '市役所' }, 'ZENGIN_REQUESTER_NAME'],
    [{ ZENGIN_ACCOUNT_TYPE: 'savings' }, 'ZENGIN_ACCOUNT_TYPE'],
    [{ ZENGIN_BRANCH_CODE: '999' }, 'ZENGIN_BRANCH_CODE'],
  ])('refuses %p, naming %s', (env, name) => {
    expect(() => parseConfig(paymentEnvSchema, { ...DEMO, ...env })).toThrow(name);
  });

  test.each([[{}], [{ DEMO_MODE: '0' }], [{ DEMO_MODE: 'false' }], [{ DEMO_MODE: '' }]])(
    'outside demo mode (%p) refuses to start without the city’s own account, naming each setting',
    (env) => {
      let message = '';
      try {
        parseConfig(paymentEnvSchema, env);
      } catch (error) {
        message = (error as Error).message;
      }
      for (const name of REQUESTER_SETTINGS)
        expect(message).toContain(`${name}: is not set: outside demo mode`);
      // One missing setting is enough to refuse: no half-demo account.
      const allButOne: Record<string, string> = { ...CITY };
      delete allButOne.ZENGIN_ACCOUNT_NUMBER;
      expect(() => parseConfig(paymentEnvSchema, { ...env, ...allButOne })).toThrow(
        /ZENGIN_ACCOUNT_NUMBER: is not set/,
      );
    },
  );

  test('outside demo mode, starts with the city’s own account and never the demo one', () => {
    const requester = requesterFromEnv(parseConfig(paymentEnvSchema, CITY));
    expect(requester).toEqual({
      code: '1234567890',
      nameKana: 'ﾃｽﾄｼ',
      bankCode: '0005',
      branchCode: '001',
      accountType: 'current',
      accountNumber: '7654321',
    });
  });

  test('writes files by wire (振込指定区分 7) with CRLF and no EDI unless told otherwise', () => {
    expect(zenginFileFromEnv(parseConfig(paymentEnvSchema, DEMO))).toEqual({
      transferDesignation: '7',
      lineEnding: 'crlf',
      ediBanks: [],
    });
    const told = parseConfig(paymentEnvSchema, {
      ...DEMO,
      ZENGIN_TRANSFER_DESIGNATION: '8',
      ZENGIN_LINE_ENDING: 'none',
      ZENGIN_EDI_BANKS: '0001, 0009',
    });
    expect(zenginFileFromEnv(told)).toEqual({
      transferDesignation: '8',
      lineEnding: 'none',
      ediBanks: ['0001', '0009'],
    });
  });

  test.each([
    [{ ZENGIN_TRANSFER_DESIGNATION: '0' }, 'ZENGIN_TRANSFER_DESIGNATION'],
    [{ ZENGIN_LINE_ENDING: 'lf' }, 'ZENGIN_LINE_ENDING'],
    [{ ZENGIN_EDI_BANKS: '0001,12' }, 'ZENGIN_EDI_BANKS'],
    [{ ZENGIN_EDI_BANKS: '9998' }, 'ZENGIN_EDI_BANKS'],
  ])('refuses the file setting %p, naming %s', (env, name) => {
    expect(() => parseConfig(paymentEnvSchema, { ...DEMO, ...env })).toThrow(name);
  });

  test('mails remittance notices only when an SMTP server and a sender are set', () => {
    expect(createMailer(parseConfig(paymentEnvSchema, DEMO))).toBeUndefined();
    const mail = parseConfig(paymentEnvSchema, {
      ...DEMO,
      MAIL_SMTP_URL: 'smtps://user:secret@mail.city.example.jp:465',
      MAIL_FROM: 'kaikei@city.example.jp',
    });
    expect(mail).toMatchObject({ MAIL_FROM: 'kaikei@city.example.jp' });
    createMailer(mail)?.close();
  });

  test.each([
    [{ MAIL_SMTP_URL: 'smtp://mail.city.example.jp' }, 'MAIL_FROM'],
    [{ MAIL_SMTP_URL: 'https://mail.city.example.jp', MAIL_FROM: 'a@b.jp' }, 'MAIL_SMTP_URL'],
    [{ MAIL_SMTP_URL: 'smtp://mail.city.example.jp', MAIL_FROM: 'kaikei' }, 'MAIL_FROM'],
  ])('refuses the mail settings %p, naming %s', (env, name) => {
    expect(() => parseConfig(paymentEnvSchema, { ...DEMO, ...env })).toThrow(name);
  });
});

/** A city's own 依頼人 account (三菱UFJ銀行 本店). */
const CITY = {
  ZENGIN_REQUESTER_CODE: '1234567890',
  ZENGIN_REQUESTER_NAME: 'ﾃｽﾄｼ',
  ZENGIN_BANK_CODE: '0005',
  ZENGIN_BRANCH_CODE: '001',
  ZENGIN_ACCOUNT_TYPE: 'current',
  ZENGIN_ACCOUNT_NUMBER: '7654321',
};
