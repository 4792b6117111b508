import { KanaError, toZenginKana } from './kana';

// 受取人名 (account holder names) in Zengin files write the kind of a corporation, office or
// business as the banks' standard abbreviation (略語), marked by its position in the name:
//   front  株式会社デンピョウ        → ｶ)ﾃﾞﾝﾋﾟﾖｳ
//   middle デンピョウ株式会社支店    → ﾃﾞﾝﾋﾟﾖｳ(ｶ)ｼﾃﾝ
//   end    デンピョウ株式会社        → ﾃﾞﾝﾋﾟﾖｳ(ｶ
// The table is the banks' 略語一覧 (法人略語, 営業所略語, 事業略語) as published, e.g. by 京葉銀行
// (https://www.keiyobank.co.jp/alpha_dbank/internet/typing.html) and in the 別表 (第5条関係) of
// the 全銀 受取人名 rules (https://expydoc.com/doc/7181036); 農業協同組合 ﾉｳｷﾖｳ is the form of
// 農業協同組合連合会 ﾉｳｷﾖｳﾚﾝ without the 連合会.

export interface CorporateAbbreviation {
  /** The kind as written in kanji, e.g. 株式会社. */
  kind: string;
  /** Its reading in Zengin kana, e.g. ｶﾌﾞｼｷｶﾞｲｼﾔ. */
  reading: string;
  /** The 略語, e.g. ｶ. */
  abbreviation: string;
}

// prettier-ignore
export const CORPORATE_ABBREVIATIONS: readonly CorporateAbbreviation[] = [
  // 法人略語
  { kind: '株式会社', reading: 'ｶﾌﾞｼｷｶﾞｲｼﾔ', abbreviation: 'ｶ' },
  { kind: '有限会社', reading: 'ﾕｳｹﾞﾝｶﾞｲｼﾔ', abbreviation: 'ﾕ' },
  { kind: '合名会社', reading: 'ｺﾞｳﾒｲｶﾞｲｼﾔ', abbreviation: 'ﾒ' },
  { kind: '合資会社', reading: 'ｺﾞｳｼｶﾞｲｼﾔ', abbreviation: 'ｼ' },
  { kind: '合同会社', reading: 'ｺﾞｳﾄﾞｳｶﾞｲｼﾔ', abbreviation: 'ﾄﾞ' },
  { kind: '相互会社', reading: 'ｿｳｺﾞｶﾞｲｼﾔ', abbreviation: 'ｿ' },
  { kind: '医療法人', reading: 'ｲﾘﾖｳﾎｳｼﾞﾝ', abbreviation: 'ｲ' },
  { kind: '医療法人社団', reading: 'ｲﾘﾖｳﾎｳｼﾞﾝｼﾔﾀﾞﾝ', abbreviation: 'ｲ' },
  { kind: '医療法人財団', reading: 'ｲﾘﾖｳﾎｳｼﾞﾝｻﾞｲﾀﾞﾝ', abbreviation: 'ｲ' },
  { kind: '社会医療法人', reading: 'ｼﾔｶｲｲﾘﾖｳﾎｳｼﾞﾝ', abbreviation: 'ｲ' },
  { kind: '財団法人', reading: 'ｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｻﾞｲ' },
  { kind: '一般財団法人', reading: 'ｲﾂﾊﾟﾝｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｻﾞｲ' },
  { kind: '公益財団法人', reading: 'ｺｳｴｷｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｻﾞｲ' },
  { kind: '社団法人', reading: 'ｼﾔﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｼﾔ' },
  { kind: '一般社団法人', reading: 'ｲﾂﾊﾟﾝｼﾔﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｼﾔ' },
  { kind: '公益社団法人', reading: 'ｺｳｴｷｼﾔﾀﾞﾝﾎｳｼﾞﾝ', abbreviation: 'ｼﾔ' },
  { kind: '宗教法人', reading: 'ｼﾕｳｷﾖｳﾎｳｼﾞﾝ', abbreviation: 'ｼﾕｳ' },
  { kind: '学校法人', reading: 'ｶﾞﾂｺｳﾎｳｼﾞﾝ', abbreviation: 'ｶﾞｸ' },
  { kind: '社会福祉法人', reading: 'ｼﾔｶｲﾌｸｼﾎｳｼﾞﾝ', abbreviation: 'ﾌｸ' },
  { kind: '更生保護法人', reading: 'ｺｳｾｲﾎｺﾞﾎｳｼﾞﾝ', abbreviation: 'ﾎｺﾞ' },
  { kind: '特定非営利活動法人', reading: 'ﾄｸﾃｲﾋｴｲﾘｶﾂﾄﾞｳﾎｳｼﾞﾝ', abbreviation: 'ﾄｸﾋ' },
  { kind: '独立行政法人', reading: 'ﾄﾞｸﾘﾂｷﾞﾖｳｾｲﾎｳｼﾞﾝ', abbreviation: 'ﾄﾞｸ' },
  { kind: '地方独立行政法人', reading: 'ﾁﾎｳﾄﾞｸﾘﾂｷﾞﾖｳｾｲﾎｳｼﾞﾝ', abbreviation: 'ﾁﾄﾞｸ' },
  { kind: '弁護士法人', reading: 'ﾍﾞﾝｺﾞｼﾎｳｼﾞﾝ', abbreviation: 'ﾍﾞﾝ' },
  { kind: '有限責任中間法人', reading: 'ﾕｳｹﾞﾝｾｷﾆﾝﾁﾕｳｶﾝﾎｳｼﾞﾝ', abbreviation: 'ﾁﾕｳ' },
  { kind: '無限責任中間法人', reading: 'ﾑｹﾞﾝｾｷﾆﾝﾁﾕｳｶﾝﾎｳｼﾞﾝ', abbreviation: 'ﾁﾕｳ' },
  { kind: '行政書士法人', reading: 'ｷﾞﾖｳｾｲｼﾖｼﾎｳｼﾞﾝ', abbreviation: 'ｷﾞﾖ' },
  { kind: '司法書士法人', reading: 'ｼﾎｳｼﾖｼﾎｳｼﾞﾝ', abbreviation: 'ｼﾎｳ' },
  { kind: '税理士法人', reading: 'ｾﾞｲﾘｼﾎｳｼﾞﾝ', abbreviation: 'ｾﾞｲ' },
  { kind: '国立大学法人', reading: 'ｺｸﾘﾂﾀﾞｲｶﾞｸﾎｳｼﾞﾝ', abbreviation: 'ﾀﾞｲ' },
  { kind: '公立大学法人', reading: 'ｺｳﾘﾂﾀﾞｲｶﾞｸﾎｳｼﾞﾝ', abbreviation: 'ﾀﾞｲ' },
  { kind: '農事組合法人', reading: 'ﾉｳｼﾞｸﾐｱｲﾎｳｼﾞﾝ', abbreviation: 'ﾉｳ' },
  { kind: '管理組合法人', reading: 'ｶﾝﾘｸﾐｱｲﾎｳｼﾞﾝ', abbreviation: 'ｶﾝﾘ' },
  { kind: '社会保険労務士法人', reading: 'ｼﾔｶｲﾎｹﾝﾛｳﾑｼﾎｳｼﾞﾝ', abbreviation: 'ﾛｳﾑ' },
  // 営業所略語
  { kind: '営業所', reading: 'ｴｲｷﾞﾖｳｼﾖ', abbreviation: 'ｴｲ' },
  { kind: '出張所', reading: 'ｼﾕﾂﾁﾖｳｼﾞﾖ', abbreviation: 'ｼﾕﾂ' },
  // 事業略語
  { kind: '連合会', reading: 'ﾚﾝｺﾞｳｶｲ', abbreviation: 'ﾚﾝ' },
  { kind: '協同組合', reading: 'ｷﾖｳﾄﾞｳｸﾐｱｲ', abbreviation: 'ｷﾖｳｸﾐ' },
  { kind: '農業協同組合', reading: 'ﾉｳｷﾞﾖｳｷﾖｳﾄﾞｳｸﾐｱｲ', abbreviation: 'ﾉｳｷﾖｳ' },
  { kind: '農業協同組合連合会', reading: 'ﾉｳｷﾞﾖｳｷﾖｳﾄﾞｳｸﾐｱｲﾚﾝｺﾞｳｶｲ', abbreviation: 'ﾉｳｷﾖｳﾚﾝ' },
  { kind: '共済農業協同組合連合会', reading: 'ｷﾖｳｻｲﾉｳｷﾞﾖｳｷﾖｳﾄﾞｳｸﾐｱｲﾚﾝｺﾞｳｶｲ', abbreviation: 'ｷﾖｳｻｲﾚﾝ' },
  { kind: '漁業協同組合連合会', reading: 'ｷﾞﾖｷﾞﾖｳｷﾖｳﾄﾞｳｸﾐｱｲﾚﾝｺﾞｳｶｲ', abbreviation: 'ｷﾞﾖﾚﾝ' },
  { kind: '食糧販売協同組合', reading: 'ｼﾖｸﾘﾖｳﾊﾝﾊﾞｲｷﾖｳﾄﾞｳｸﾐｱｲ', abbreviation: 'ｼﾖｸﾊﾝｷﾖｳ' },
  { kind: '社会福祉協議会', reading: 'ｼﾔｶｲﾌｸｼｷﾖｳｷﾞｶｲ', abbreviation: 'ｼﾔｷﾖｳ' },
  { kind: '共済組合', reading: 'ｷﾖｳｻｲｸﾐｱｲ', abbreviation: 'ｷﾖｳｻｲ' },
  { kind: '労働組合', reading: 'ﾛｳﾄﾞｳｸﾐｱｲ', abbreviation: 'ﾛｳｸﾐ' },
  { kind: '生命保険', reading: 'ｾｲﾒｲﾎｹﾝ', abbreviation: 'ｾｲﾒｲ' },
  { kind: '海上火災保険', reading: 'ｶｲｼﾞﾖｳｶｻｲﾎｹﾝ', abbreviation: 'ｶｲｼﾞﾖｳ' },
  { kind: '火災海上保険', reading: 'ｶｻｲｶｲｼﾞﾖｳﾎｹﾝ', abbreviation: 'ｶｻｲ' },
  { kind: '健康保険組合', reading: 'ｹﾝｺｳﾎｹﾝｸﾐｱｲ', abbreviation: 'ｹﾝﾎﾟ' },
  { kind: '国民健康保険組合', reading: 'ｺｸﾐﾝｹﾝｺｳﾎｹﾝｸﾐｱｲ', abbreviation: 'ｺｸﾎ' },
  { kind: '国民健康保険団体連合会', reading: 'ｺｸﾐﾝｹﾝｺｳﾎｹﾝﾀﾞﾝﾀｲﾚﾝｺﾞｳｶｲ', abbreviation: 'ｺｸﾎﾚﾝ' },
  { kind: '社会保険診療報酬支払基金', reading: 'ｼﾔｶｲﾎｹﾝｼﾝﾘﾖｳﾎｳｼﾕｳｼﾊﾗｲｷｷﾝ', abbreviation: 'ｼﾔﾎ' },
  { kind: '厚生年金基金', reading: 'ｺｳｾｲﾈﾝｷﾝｷｷﾝ', abbreviation: 'ｺｳﾈﾝ' },
];

// Longest first, so 一般社団法人 is one kind rather than 一般 + 社団法人.
function longestFirst(form: (entry: CorporateAbbreviation) => string) {
  return [...CORPORATE_ABBREVIATIONS].sort((a, b) => form(b).length - form(a).length);
}
const KANJI_FORMS = longestFirst((entry) => entry.kind);
const READING_FORMS = longestFirst((entry) => entry.reading);

/** A piece of a name: text (with where it starts in what was split), or a kind's 略語. */
type Piece = { text: string; start: number } | { abbreviation: string };

/** Splits `text` at every kind found in its `form`, the earliest (then longest) first. */
function splitAtKinds(
  text: string,
  entries: readonly CorporateAbbreviation[],
  form: (entry: CorporateAbbreviation) => string,
): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  for (;;) {
    let found: { index: number; entry: CorporateAbbreviation } | undefined;
    for (const entry of entries) {
      const index = text.indexOf(form(entry), position);
      if (index >= 0 && (found === undefined || index < found.index)) found = { index, entry };
    }
    if (!found) break;
    pieces.push({ text: text.slice(position, found.index), start: position });
    pieces.push({ abbreviation: found.entry.abbreviation });
    position = found.index + form(found.entry).length;
  }
  pieces.push({ text: text.slice(position), start: position });
  return pieces;
}

/** Zengin kana of a piece of the input; a KanaError names the position in the whole input. */
function foldPiece(text: string, start: number): string {
  try {
    return toZenginKana(text);
  } catch (error) {
    if (error instanceof KanaError) throw new KanaError(error.character, start + error.index);
    throw error;
  }
}

/**
 * A name in Zengin kana with each kind of corporation, office or business it names (in kanji, or
 * in kana as its reading) written as its 略語 by position: front ｶ)…, middle …(ｶ)…, end …(ｶ.
 * Spaces around a kind are dropped. Throws KanaError naming the first character that has no
 * Zengin form.
 */
export function abbreviateCorporateKinds(input: string): string {
  const pieces = splitAtKinds(input, KANJI_FORMS, (entry) => entry.kind).flatMap((piece) =>
    'text' in piece
      ? splitAtKinds(foldPiece(piece.text, piece.start), READING_FORMS, (entry) => entry.reading)
      : [piece],
  );
  const isKind = (piece: Piece | undefined) => piece !== undefined && 'abbreviation' in piece;
  // Text beside a kind loses the spaces that face it; then only text that is left counts.
  const parts = pieces
    .map((piece, i) => {
      if (!('text' in piece)) return piece;
      let text = piece.text;
      if (isKind(pieces[i - 1])) text = text.trimStart();
      if (isKind(pieces[i + 1])) text = text.trimEnd();
      return { ...piece, text };
    })
    .filter((piece) => !('text' in piece) || piece.text !== '');
  return parts
    .map((piece, i) => {
      if ('text' in piece) return piece.text;
      const front = parts.slice(0, i).every(isKind);
      const end = parts.slice(i + 1).every(isKind) && !front;
      return `${front ? '' : '('}${piece.abbreviation}${end ? '' : ')'}`;
    })
    .join('');
}
