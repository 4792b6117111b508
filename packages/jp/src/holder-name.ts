import { abbreviateCorporateKinds } from './corporate-abbreviation';
import { KanaError, fitZenginField } from './kana';

// The account holder's name as stored and written to the transfer file (受取人名). Pure (no bank
// list), so the browser previews it with the very rule the services store it with.

/** The 受取人名 field of a Zengin data record is 30 single-byte characters. */
export const ZENGIN_HOLDER_NAME_BYTES = 30;

export type HolderNameResult =
  | {
      ok: true;
      /** Zengin kana, at most ZENGIN_HOLDER_NAME_BYTES. */
      value: string;
      /** Whether the name was longer than the field and was cut to it. */
      cut: boolean;
    }
  | { ok: false; reason: 'blank'; message: string }
  | { ok: false; reason: 'character'; character: string; message: string };

/**
 * A holder name as the transfer file carries it: Zengin kana with the 略語 of corporate kinds
 * (abbreviateCorporateKinds), trimmed, and cut to the 30 bytes of the field the way banks do
 * (never between a kana and its voiced mark: ﾃﾞ is two bytes, kept or dropped together). Refused
 * only when a character cannot be written in Zengin kana (naming it) or nothing is left.
 */
export function zenginHolderName(input: string): HolderNameResult {
  let kana: string;
  try {
    kana = abbreviateCorporateKinds(input).trim();
  } catch (error) {
    if (error instanceof KanaError) {
      return { ok: false, reason: 'character', character: error.character, message: error.message };
    }
    throw error;
  }
  if (kana === '') return { ok: false, reason: 'blank', message: 'must not be blank' };
  const value = fitZenginField(kana, ZENGIN_HOLDER_NAME_BYTES).trimEnd();
  return { ok: true, value, cut: value !== kana };
}
