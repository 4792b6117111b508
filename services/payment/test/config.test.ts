import { writeZenginTransferFile } from '@denpyo/jp';
import { parseConfig } from '@denpyo/platform';
import { paymentEnvSchema, requesterFromEnv } from '../src/config';

describe('the payment service environment', () => {
  test('defaults to a demo requester the Zengin writer accepts', () => {
    const requester = requesterFromEnv(parseConfig(paymentEnvSchema, {}));
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
    const env = parseConfig(paymentEnvSchema, { ZENGIN_REQUESTER_NAME: 'デンピョウシ' });
    expect(requesterFromEnv(env).nameKana).toBe('ﾃﾞﾝﾋﾟﾖｳｼ');
  });

  test.each([
    [{ ZENGIN_REQUESTER_CODE: '123' }, 'ZENGIN_REQUESTER_CODE'],
    [{ ZENGIN_REQUESTER_NAME: '市役所' }, 'ZENGIN_REQUESTER_NAME'],
    [{ ZENGIN_ACCOUNT_TYPE: 'savings' }, 'ZENGIN_ACCOUNT_TYPE'],
    [{ ZENGIN_BRANCH_CODE: '999' }, 'ZENGIN_BRANCH_CODE'],
  ])('refuses %p, naming %s', (env, name) => {
    expect(() => parseConfig(paymentEnvSchema, env)).toThrow(name);
  });
});
