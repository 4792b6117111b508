// Every user-facing text is read through t(key, params) from the one catalogue (ja.ts), so another
// language is one more catalogue with the same keys.
import { ja } from './ja';

export type MessageKey = keyof typeof ja;
export type MessageParams = Record<string, string | number>;

const catalogue: Record<MessageKey, string> = ja;

/** The message for `key` with each `{name}` replaced by params.name ('{name}' stays if absent). */
export function t(key: MessageKey, params?: MessageParams): string {
  const message = catalogue[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** True when `key` names a message (for keys built from data, e.g. a status word). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}
