import { readFileSync } from 'node:fs';
import { create, type Font, type Glyph, type GlyphRun } from 'fontkit';
import { LRUCache } from 'lru-cache';

export interface JapaneseFonts {
  regular: Font;
  bold: Font;
}

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-jp';

/**
 * Shaped runs and decoded glyphs each font keeps for the worker's life: a voucher uses a few
 * hundred of each, a month of vouchers a few thousand (~2 MB a font at most).
 */
const REMEMBERED_RUNS = 4000;
const REMEMBERED_GLYPHS = 4000;

let cached: JapaneseFonts | undefined;

function parseFont(file: string): Font {
  const path = require.resolve(`${FONT_PACKAGE}/${file}`);
  const font = create(readFileSync(path));
  if ('fonts' in font) throw new Error(`${path} is a font collection`);
  rememberRuns(font);
  rememberDecodedGlyphs(font);
  return font;
}

/**
 * Shaping text (fontkit's layout) gives the same glyphs and positions for the same text every
 * time, and was a fifth of a voucher's render: the labels, headings and most words recur on every
 * voucher, so each font remembers its shaped runs across documents. pdfkit scales the positions
 * it gets in place, so every caller gets its own copy of them (the glyphs are fontkit's shared
 * objects already).
 */
function rememberRuns(font: Font): void {
  const layout = font.layout.bind(font);
  const runs = new LRUCache<string, GlyphRun>({ max: REMEMBERED_RUNS });
  font.layout = (text, ...options) => {
    if (options.some((option) => option !== undefined)) return layout(text, ...options);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      runs.set(text, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run, {
      positions: run.positions.map((position) => ({ ...position })),
    });
  };
}

/** fontkit's TrueType glyph, as its subsetter reads it (a method fontkit's types do not declare). */
type DecodableGlyph = Glyph & { _decode(): unknown };

/**
 * The subset a document embeds is built anew for each document, and fontkit decodes the whole
 * outline of each glyph in it only to find the parts of composite glyphs: that was another eighth
 * of a render. The outline of a glyph of a static font never changes, so each font keeps the
 * decoded outlines of the glyphs it used last (fontkit itself keeps every Glyph object it made).
 */
function rememberDecodedGlyphs(font: Font): void {
  // A variable font's outlines depend on its variation: nothing to remember then.
  if (Object.keys(font.variationAxes).length > 0) return;
  const getGlyph = font.getGlyph.bind(font);
  const decoded = new LRUCache<number, { outline: unknown }>({ max: REMEMBERED_GLYPHS });
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints) as DecodableGlyph;
    if (Object.hasOwn(glyph, '_decode')) return glyph;
    const decode = glyph._decode.bind(glyph);
    glyph._decode = () => {
      let entry = decoded.get(glyph.id);
      if (!entry) {
        entry = { outline: decode() };
        decoded.set(glyph.id, entry);
      }
      return entry.outline;
    };
    return glyph;
  };
}

/**
 * Noto Sans JP (regular and bold), read and parsed once per process (each render worker's, see
 * render-worker.ts). The files are ~5 MB each: parsing them per document took ~400 ms. pdfkit
 * embeds only the glyphs each document uses.
 */
export function japaneseFonts(): JapaneseFonts {
  cached ??= {
    regular: parseFont('400Regular/NotoSansJP_400Regular.ttf'),
    bold: parseFont('700Bold/NotoSansJP_700Bold.ttf'),
  };
  return cached;
}
