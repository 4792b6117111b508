import { z } from 'zod';

/** The invoice service's own settings, beside the platform's. */
export const invoiceEnvSchema = z.object({
  /**
   * The city's paying bank (指定金融機関), the same setting as the payment service's: a payment
   * order to an account at this bank prints 口座振替, any other 振込. Unset: 振込.
   */
  ZENGIN_BANK_CODE: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .optional(),
});
