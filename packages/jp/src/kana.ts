// Names in Zengin files are written in the Zengin character set: digits, upper-case A–Z,
// half-width katakana ｱ–ﾝ with the separate voiced marks ﾞ ﾟ, space and ( ) - . / ¥ ,
// Every one of these is a single byte in JIS X 0201 / Shift_JIS.
const ZENGIN_KANA = /^[0-9A-Z\uFF71-\uFF9F ()\-./¥,]*$/u;

const VOICED_MARK = 'ﾞ';
const SEMI_VOICED_MARK = 'ﾟ';

const FULL_WIDTH_KATAKANA =
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const HALF_WIDTH_KATAKANA = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ';

// Kana that Zengin has no glyph for, written as the character banks expect instead.
// prettier-ignore
const KANA_SUBSTITUTES: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ',
  ヵ: 'カ', ヶ: 'ケ', ヰ: 'イ', ヱ: 'エ', ヲ: 'オ',
  ー: '-', '‐': '-', '‑': '-', '−': '-', '\\': '¥',
  '\u3099': VOICED_MARK, // combining marks, as left by NFD
  '\u309A': SEMI_VOICED_MARK,
};

// ゛゜ are spacing marks whose NFKC form is a space plus the combining mark; map them first.
const SPACING_TO_COMBINING_MARK: Record<string, string> = { '゛': '\u3099', '゜': '\u309A' };

const HIRAGANA_TO_KATAKANA_OFFSET = 0x60;

/** A character that has no Zengin equivalent; `character` is the offending input character. */
export class KanaError extends Error {
  constructor(
    readonly character: string,
    readonly index: number,
  ) {
    super(
      `character ${JSON.stringify(character)} at position ${index} cannot be written in Zengin kana`,
    );
    this.name = 'KanaError';
  }
}

export function isZenginKana(s: string): boolean {
  return ZENGIN_KANA.test(s);
}

function assertZenginKana(s: string): void {
  let index = 0;
  for (const ch of s) {
    if (!isZenginKana(ch)) throw new KanaError(ch, index);
    index += ch.length;
  }
}

function isHiragana(ch: string): boolean {
  return ch >= '\u3041' && ch <= '\u3096';
}

function toKatakana(ch: string): string {
  return isHiragana(ch) ? String.fromCharCode(ch.charCodeAt(0) + HIRAGANA_TO_KATAKANA_OFFSET) : ch;
}

// Only a–z: toUpperCase would also turn e.g. ß into SS, which is not the same name.
function toUpperAscii(ch: string): string {
  return ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
}

/** One normalised character (after NFKC/NFD) to its Zengin form, or undefined if it has none. */
function zenginFormOf(ch: string): string | undefined {
  const katakana = toKatakana(ch);
  const substituted = KANA_SUBSTITUTES[katakana] ?? katakana;
  const halfWidthIndex = FULL_WIDTH_KATAKANA.indexOf(substituted);
  const result =
    halfWidthIndex >= 0 ? HALF_WIDTH_KATAKANA[halfWidthIndex] : toUpperAscii(substituted);
  return isZenginKana(result) ? result : undefined;
}

/**
 * NFKC for the width variants only (U+FF00–U+FFEF and the ideographic space). Other
 * compatibility characters are not what the holder's bank registered: NFKC would write Ⅱ as II,
 * ① as 1 and ㈱ as (株), so they stay as typed and are refused, named.
 */
function foldWidth(ch: string): string {
  return /^[\u3000\uFF00-\uFFEF]$/u.test(ch) ? ch.normalize('NFKC') : ch;
}

/**
 * Folds a kana name (hiragana, full- or half-width katakana, full-width ASCII) into the Zengin
 * character set. Throws KanaError naming the first character that has no Zengin form.
 */
export function toZenginKana(input: string): string {
  let output = '';
  let index = 0;
  for (const original of input) {
    const spacingMarkFree = SPACING_TO_COMBINING_MARK[original] ?? original;
    // NFKC folds width (Ａ→A, ｶ→カ, －→-, ￥→¥); NFD then splits ガ into カ + combining mark.
    for (const ch of foldWidth(spacingMarkFree).normalize('NFD')) {
      const zengin = zenginFormOf(ch);
      if (zengin === undefined) throw new KanaError(original, index);
      output += zengin;
    }
    index += original.length;
  }
  return output;
}

function isVoicingMark(ch: string | undefined): boolean {
  return ch === VOICED_MARK || ch === SEMI_VOICED_MARK;
}

/**
 * Fits Zengin kana into a fixed field of `bytes` bytes: pads with spaces, and truncates so a
 * voiced mark is never separated from its base (the base is dropped with it and padded over).
 */
export function fitZenginField(s: string, bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`field width must be a non-negative integer, got ${bytes}`);
  }
  assertZenginKana(s);
  let end = Math.min(s.length, bytes);
  while (end > 0 && isVoicingMark(s[end])) end--;
  return s.slice(0, end).padEnd(bytes, ' ');
}
