// Value types shared by every wire format. Conventions: amounts are integer yen kept within
// JSON's safe integers; dates are 'YYYY-MM-DD' in Japan time; optional fields are omitted,
// never null (except where a schema says `nullable`).
import { isValidCorporateNumber, isValidRegistrationNumber } from '@denpyo/jp';
import { z } from './zod';

export const YenSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
export type Yen = z.infer<typeof YenSchema>;

export const PositiveYenSchema = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
export type PositiveYen = z.infer<typeof PositiveYenSchema>;

// zod's ISO date format already rejects impossible calendar dates (2026-02-30, 2023-02-29).
export const IsoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof IsoDateSchema>;

// An instant with an explicit zone ('Z' or an offset), as `Date#toISOString()` writes it.
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

// The year in which a fiscal year starts (FY2026 = 2026-04-01 .. 2027-03-31).
export const FiscalYearSchema = z.int().min(2019).max(2100);
export type FiscalYear = z.infer<typeof FiscalYearSchema>;

// Consumption tax rates in percent: standard, reduced, exempt. zod-to-openapi renders only the
// first value of a multi-value literal, hence the explicit enum.
const TAX_RATES = [10, 8, 0] as const;
export const TaxRateSchema = z
  .literal(TAX_RATES)
  .openapi({ type: 'integer', enum: [...TAX_RATES] });
export type TaxRate = z.infer<typeof TaxRateSchema>;

export const UuidSchema = z.uuid();
export type Uuid = z.infer<typeof UuidSchema>;

export const CorporateNumberSchema = z
  .string()
  .regex(/^\d{13}$/, { error: 'must be 13 digits', abort: true })
  .refine(isValidCorporateNumber, 'check digit does not match');
export type CorporateNumber = z.infer<typeof CorporateNumberSchema>;

export const RegistrationNumberSchema = z
  .string()
  .regex(/^T\d{13}$/, { error: "must be 'T' followed by 13 digits", abort: true })
  .refine(isValidRegistrationNumber, 'check digit does not match');
export type RegistrationNumber = z.infer<typeof RegistrationNumberSchema>;

export const BankAccountTypeSchema = z.enum(['ordinary', 'current', 'savings']);
export type BankAccountType = z.infer<typeof BankAccountTypeSchema>;

// Whether holderKana is valid Zengin kana is checked by the service with @denpyo/jp.
export const BankAccountSchema = z.strictObject({
  bankCode: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
  branchCode: z.string().regex(/^\d{3}$/, 'must be 3 digits'),
  type: BankAccountTypeSchema,
  number: z.string().regex(/^\d{1,7}$/, 'must be 1 to 7 digits'),
  holderKana: z.string().min(1).max(30),
});
export type BankAccount = z.infer<typeof BankAccountSchema>;

/**
 * An account as procurement types it: the holder name may be longer than the 30 bytes of the
 * transfer file's 受取人名 (株式会社… in full); the service stores it abbreviated and cut.
 */
export const BankAccountInputSchema = BankAccountSchema.extend({
  holderKana: z.string().min(1).max(100).openapi({
    description:
      'As typed (kana; 株式会社… may be written out): stored as the Zengin 受取人名, the 法人略語 applied and cut to 30 bytes',
  }),
});

export const RoleSchema = z.enum([
  'procurement',
  'approver',
  'accountant',
  'treasurer',
  'auditor',
  'admin',
  'vendor',
]);
export type Role = z.infer<typeof RoleSchema>;

/** Everyone who works for the city; vendors are outsiders who see only their own records. */
export const STAFF_ROLES = [
  'procurement',
  'approver',
  'accountant',
  'treasurer',
  'auditor',
  'admin',
] as const;

/**
 * An approver's rank (職位), lowest first: 係長 < 課長 < 部長 < 副市長 < 市長. The delegation
 * rules (専決規程) name the ranks that must sign; a higher rank may sign for a lower one.
 */
export const RANKS = ['kakaricho', 'kacho', 'bucho', 'fukushicho', 'shicho'] as const;
export const RankSchema = z.enum(RANKS);
export type Rank = z.infer<typeof RankSchema>;

/** Whether `rank` is at least `required` in the order of RANKS. */
export function rankAtLeast(rank: Rank, required: Rank): boolean {
  return RANKS.indexOf(rank) >= RANKS.indexOf(required);
}

/** 法人 or 個人: an individual's fees may be subject to withholding (所得税法 Art. 204). */
export const VendorKindSchema = z.enum(['corporation', 'individual']);
export type VendorKind = z.infer<typeof VendorKindSchema>;

/** 物品 / 役務 / 工事: works contracts have longer legal deadlines (支払遅延防止法 Art. 5, 6). */
export const ContractKindSchema = z.enum(['goods', 'services', 'works']);
export type ContractKind = z.infer<typeof ContractKindSchema>;

/** 契約方法: 一般競争入札 / 指名競争入札 / 随意契約 (地方自治法 Art. 234). */
export const ContractMethodSchema = z.enum(['open-tender', 'designated-tender', 'negotiated']);
export type ContractMethod = z.infer<typeof ContractMethodSchema>;

/** A payment of an invoice, or the late-payment interest on one (支払遅延防止法 Art. 8). */
export const PaymentKindSchema = z.enum(['invoice', 'late-interest']);
export type PaymentKind = z.infer<typeof PaymentKindSchema>;

/**
 * Who signed, as a voucher prints it: the display name and title (職名), never the username
 * alone. Recorded when the act is done, so a later change of title does not rewrite history.
 */
export const SignatureSchema = z.object({
  username: z.string().min(1),
  displayName: z.string().min(1),
  title: z.string(),
  rank: RankSchema.optional(),
  /** 所属, when the user has one: the 起案課 of a voucher. */
  department: z.string().optional(),
});
export type Signature = z.infer<typeof SignatureSchema>;

// 款・項・目・節 (kan, kou, moku, setsu): four two-digit levels joined by dots, e.g. '01.02.03.04'.
export const BudgetCodeSchema = z
  .string()
  .regex(/^\d{2}(\.\d{2}){3}$/, "must be 款.項.目.節 as four two-digit groups, e.g. '01.02.03.04'");
export type BudgetCode = z.infer<typeof BudgetCodeSchema>;

// RFC 9457 problem details; `errors` names each invalid field (path joined with '.').
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        rule: z.string().optional().openapi({
          description: "The specification's rule it breaks (e-invoices: e.g. jp-br-co-01)",
        }),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
