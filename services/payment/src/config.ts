import { lookupBranch, toZenginKana, toZenginName, type Requester } from '@denpyo/jp';
import { z } from 'zod';

// The city's own account that transfers are paid from (依頼人). The defaults are a demo account
// at みずほ銀行 東京営業部 so a demo install writes a file any Zengin reader accepts.
export const paymentEnvSchema = z
  .object({
    ZENGIN_REQUESTER_CODE: z
      .string()
      .regex(/^\d{10}$/, 'must be the 10-digit 委託者コード')
      .default('0000000001'),
    ZENGIN_REQUESTER_NAME: z
      .string()
      .min(1)
      .default('ﾃﾞﾝﾋﾟﾖｳｼ')
      .refine((name) => toZenginName(name).ok, 'must be kana that Zengin can carry'),
    ZENGIN_BANK_CODE: z
      .string()
      .regex(/^\d{4}$/, 'must be 4 digits')
      .default('0001'),
    ZENGIN_BRANCH_CODE: z
      .string()
      .regex(/^\d{3}$/, 'must be 3 digits')
      .default('001'),
    ZENGIN_ACCOUNT_TYPE: z.enum(['ordinary', 'current']).default('ordinary'),
    ZENGIN_ACCOUNT_NUMBER: z
      .string()
      .regex(/^\d{1,7}$/, 'must be 1 to 7 digits')
      .default('1234567'),
  })
  .refine((env) => lookupBranch(env.ZENGIN_BANK_CODE, env.ZENGIN_BRANCH_CODE) !== undefined, {
    error: 'no such bank and branch in the zengin-code data',
    path: ['ZENGIN_BRANCH_CODE'],
  });
export type PaymentEnv = z.infer<typeof paymentEnvSchema>;

export function requesterFromEnv(env: PaymentEnv): Requester {
  return {
    code: env.ZENGIN_REQUESTER_CODE,
    nameKana: toZenginKana(env.ZENGIN_REQUESTER_NAME),
    bankCode: env.ZENGIN_BANK_CODE,
    branchCode: env.ZENGIN_BRANCH_CODE,
    accountType: env.ZENGIN_ACCOUNT_TYPE,
    accountNumber: env.ZENGIN_ACCOUNT_NUMBER,
  };
}
