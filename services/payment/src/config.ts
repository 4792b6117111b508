import {
  DEFAULT_LATE_INTEREST_RATES,
  lookupBranch,
  percentToScaled,
  toZenginKana,
  toZenginName,
  type Requester,
} from '@denpyo/jp';
import { jsonSetting } from '@denpyo/platform';
import { z } from 'zod';

/**
 * The dated table of late-payment interest rates (支払遅延防止法 Art. 8: the rate the Minister of
 * Finance sets, 昭和24年大蔵省告示第991号 as amended), as JSON `[{"from":"YYYY-MM-DD","percent":"2.5"}]`.
 * Default: @denpyo/jp's DEFAULT_LATE_INTEREST_RATES (2.5% from 2021-04-01, 令和3年財務省告示第49号,
 * and the two rates before it). A new 告示 is a new row here; old rows stay, because a payment's
 * rate is the one in force when its contract was concluded. The default is a prefault, parsed
 * and checked like a configured table.
 */
const LateInterestRatesSchema = jsonSetting(
  z
    .array(
      z.strictObject({
        from: z.iso.date(),
        percent: z.string().refine((percent) => {
          try {
            percentToScaled(percent);
            return true;
          } catch {
            return false;
          }
        }, 'must be a percentage such as "2.5" (up to 4 decimals)'),
      }),
    )
    .min(1)
    .refine(
      (rates) => new Set(rates.map((rate) => rate.from)).size === rates.length,
      'two rates start on the same day',
    )
    .transform((rates) => [...rates].sort((a, b) => a.from.localeCompare(b.from))),
).prefault(JSON.stringify(DEFAULT_LATE_INTEREST_RATES));

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
    LATE_INTEREST_RATES: LateInterestRatesSchema,
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
