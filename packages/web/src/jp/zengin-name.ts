// The account holder's name as the Zengin transfer file will carry it (受取人名: Zengin kana, at
// most 30 single-byte characters). The same rule as @denpyo/jp's zenginHolderName, which lives
// beside the bank list in bank-account.ts and so cannot be imported into the browser.
import { KanaError, toZenginKana } from '../../../jp/src/kana';

export const ZENGIN_HOLDER_NAME_BYTES = 30;

export type ZenginNamePreview =
  | { ok: true; value: string }
  | { ok: false; reason: 'blank' }
  | { ok: false; reason: 'character'; character: string }
  | { ok: false; reason: 'length'; value: string; length: number };

export function previewZenginHolderName(input: string): ZenginNamePreview {
  let value: string;
  try {
    value = toZenginKana(input).trim();
  } catch (error) {
    if (error instanceof KanaError)
      return { ok: false, reason: 'character', character: error.character };
    throw error;
  }
  if (value.length === 0) return { ok: false, reason: 'blank' };
  if (value.length > ZENGIN_HOLDER_NAME_BYTES) {
    return { ok: false, reason: 'length', value, length: value.length };
  }
  return { ok: true, value };
}
