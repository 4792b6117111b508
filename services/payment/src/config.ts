import {
  DEFAULT_LATE_INTEREST_RATES,
  lookupBank,
  lookupBranch,
  percentToScaled,
  toZenginKana,
  toZenginName,
  type Requester,
} from '@denpyo/jp';
import {
  commaSeparated,
  demoModeSetting,
  jsonSetting,
  mailSettings,
  mailSettingsProblem,
} from '@denpyo/platform';
import { z } from 'zod';
import { DEFAULT_ORDER_WAIT_SECONDS, type ZenginFileSettings } from './application/deps';

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

/**
 * The demo 依頼人 account: みずほ銀行 東京営業部, so a demo install writes a file any Zengin
 * reader accepts. Only demo mode (DEMO_MODE=1) falls back to it: a city paying from a made-up
 * account would have its transfer file refused by the bank, or worse, accepted.
 */
export const DEMO_REQUESTER_ENV = {
  ZENGIN_REQUESTER_CODE: '0000000001',
  ZENGIN_REQUESTER_NAME: 'ﾃﾞﾝﾋﾟﾖｳｼ',
  ZENGIN_BANK_CODE: '0001',
  ZENGIN_BRANCH_CODE: '001',
  ZENGIN_ACCOUNT_TYPE: 'ordinary',
  ZENGIN_ACCOUNT_NUMBER: '1234567',
} as const satisfies Record<string, string>;

type RequesterSetting = keyof typeof DEMO_REQUESTER_ENV;

// The city's own account that transfers are paid from (依頼人): required outside demo mode.
const requesterSettings = {
  ZENGIN_REQUESTER_CODE: z
    .string()
    .regex(/^\d{10}$/, 'must be the 10-digit 委託者コード')
    .optional(),
  ZENGIN_REQUESTER_NAME: z
    .string()
    .min(1)
    .refine((name) => toZenginName(name).ok, 'must be kana that Zengin can carry')
    .optional(),
  ZENGIN_BANK_CODE: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .optional(),
  ZENGIN_BRANCH_CODE: z
    .string()
    .regex(/^\d{3}$/, 'must be 3 digits')
    .optional(),
  ZENGIN_ACCOUNT_TYPE: z.enum(['ordinary', 'current']).optional(),
  ZENGIN_ACCOUNT_NUMBER: z
    .string()
    .regex(/^\d{1,7}$/, 'must be 1 to 7 digits')
    .optional(),
} satisfies Record<RequesterSetting, z.ZodType>;

// How the paying bank takes the 総合振込 file.
const zenginFileSettings = {
  /** 振込指定区分 of every transfer: 7 電信 or 8 文書 (0 is not a value the format defines). */
  ZENGIN_TRANSFER_DESIGNATION: z.enum(['7', '8']).default('7'),
  /** What ends each 120-byte record: crlf, or none for banks that take records back to back. */
  ZENGIN_LINE_ENDING: z.enum(['crlf', 'none']).default('crlf'),
  /** Receiving banks (comma-separated codes) whose 振込情報開示 shows EDI情報. */
  ZENGIN_EDI_BANKS: commaSeparated(
    z
      .string()
      .regex(/^\d{4}$/, 'must be 4-digit bank codes')
      .refine((code) => lookupBank(code) !== undefined, 'no such bank in the zengin-code data'),
  ).optional(),
};

export const paymentEnvSchema = z
  .object({
    DEMO_MODE: demoModeSetting,
    LATE_INTEREST_RATES: LateInterestRatesSchema,
    /** How long a payment order may wait for its contract's events before it is refused. */
    PAYMENT_ORDER_WAIT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(604_800)
      .default(DEFAULT_ORDER_WAIT_SECONDS),
    ...requesterSettings,
    ...zenginFileSettings,
    // 振込通知書 mails (MAIL_SMTP_URL unset: not mailed, still downloadable).
    ...mailSettings,
    /** How often queued 振込通知書 mails are sent (and refused ones retried once due). */
    REMITTANCE_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(15),
  })
  .superRefine((env, context) => {
    const mailProblem = mailSettingsProblem(env);
    if (mailProblem)
      context.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: mailProblem });
    if (env.DEMO_MODE) return;
    for (const key of Object.keys(DEMO_REQUESTER_ENV) as RequesterSetting[]) {
      if (env[key] === undefined)
        context.addIssue({
          code: 'custom',
          path: [key],
          message:
            "is not set: outside demo mode (DEMO_MODE=1) the city's own 依頼人 account is required",
        });
    }
  })
  // Demo mode fills what is not set with the demo account (elsewhere everything is set). DEMO_MODE
  // itself stays the common settings' (a parsed PaymentEnv spread over a service's env keeps it).
  .transform(({ DEMO_MODE: _demoMode, ...env }) => ({
    ...env,
    ...(Object.fromEntries(
      (Object.keys(DEMO_REQUESTER_ENV) as RequesterSetting[]).map((key) => [
        key,
        env[key] ?? DEMO_REQUESTER_ENV[key],
      ]),
    ) as Required<Pick<typeof env, RequesterSetting>>),
  }))
  .refine((env) => lookupBranch(env.ZENGIN_BANK_CODE, env.ZENGIN_BRANCH_CODE) !== undefined, {
    error: 'no such bank and branch in the zengin-code data',
    path: ['ZENGIN_BRANCH_CODE'],
  });
export type PaymentEnv = z.infer<typeof paymentEnvSchema>;

export function zenginFileFromEnv(env: PaymentEnv): ZenginFileSettings {
  return {
    transferDesignation: env.ZENGIN_TRANSFER_DESIGNATION,
    lineEnding: env.ZENGIN_LINE_ENDING,
    ediBanks: env.ZENGIN_EDI_BANKS ?? [],
  };
}

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
