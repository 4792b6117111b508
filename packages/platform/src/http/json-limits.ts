/**
 * What a JSON body may hold before it is parsed. Every body of the API is a few levels deep; a
 * settlement of 10,000 failed payments (the most a batch holds) is about 30,000 values. Deeper
 * or larger bodies are refused before JSON.parse, so no later step (re-serialising, hashing,
 * validating, storing) can overflow the stack or spend seconds on them.
 */
export const JSON_LIMITS = { maxDepth: 32, maxValues: 50_000 } as const;

export interface JsonLimits {
  maxDepth: number;
  maxValues: number;
}

/**
 * Why a UTF-8 JSON text must be refused before parsing, or undefined when it may be parsed: it
 * nests deeper than `maxDepth`, holds more than `maxValues` values (array elements and object
 * members together), or a string holds a character PostgreSQL cannot store — NUL (`\u0000`) or
 * half of a surrogate pair (`\ud800`), which text columns and jsonb refuse.
 *
 * One pass over the bytes, without recursion: syntax errors are left to JSON.parse. In UTF-8 the
 * bytes of a multi-byte character are never ASCII, so the structural characters are found by
 * their bytes alone.
 */
export function jsonLimitViolation(
  raw: Uint8Array,
  limits: JsonLimits = JSON_LIMITS,
): string | undefined {
  let depth = 0;
  let values = 0;
  let inString = false;
  /** A high surrogate escape was just read: the next escape must be its low half. */
  let pendingHigh = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) {
        const escaped = raw[i + 1];
        if (escaped === LETTER_U) {
          const unit = hexUnit(raw, i + 2);
          if (unit === 0) return 'The body contains a NUL character (\\u0000)';
          const high = unit >= 0xd800 && unit <= 0xdbff;
          const low = unit >= 0xdc00 && unit <= 0xdfff;
          if (pendingHigh !== low) return LONE_SURROGATE;
          pendingHigh = high;
          i += 5;
        } else {
          if (pendingHigh) return LONE_SURROGATE;
          i += 1;
        }
        continue;
      }
      if (pendingHigh) return LONE_SURROGATE;
      if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        depth += 1;
        values += 1;
        if (depth > limits.maxDepth) {
          return `The body nests deeper than ${limits.maxDepth} levels`;
        }
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth -= 1;
        break;
      case COMMA:
        values += 1;
        break;
    }
    if (values > limits.maxValues) {
      return `The body holds more than ${limits.maxValues} values`;
    }
  }
  return undefined;
}

const LONE_SURROGATE = 'The body contains half of a surrogate pair (\\ud800–\\udfff alone)';

const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** The code unit of the four hex digits at `start`, or -1 when they are not four hex digits. */
function hexUnit(raw: Uint8Array, start: number): number {
  let unit = 0;
  for (let i = start; i < start + 4; i++) {
    const byte = raw[i];
    if (byte === undefined) return -1;
    const digit =
      byte >= 0x30 && byte <= 0x39
        ? byte - 0x30
        : byte >= 0x61 && byte <= 0x66
          ? byte - 0x57
          : byte >= 0x41 && byte <= 0x46
            ? byte - 0x37
            : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}
