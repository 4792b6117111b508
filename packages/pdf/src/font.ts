import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

export interface JapaneseFonts {
  regular: Font;
  bold: Font;
}

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-jp';

let cached: JapaneseFonts | undefined;

function parseFont(file: string): Font {
  const path = require.resolve(`${FONT_PACKAGE}/${file}`);
  const font = create(readFileSync(path));
  if ('fonts' in font) throw new Error(`${path} is a font collection`);
  return font;
}

/**
 * Noto Sans JP (regular and bold), read and parsed once per process. The files are ~5 MB each:
 * parsing them per document took ~400 ms, sharing the parsed fonts leaves ~40 ms. pdfkit embeds
 * only the glyphs each document uses.
 */
export function japaneseFonts(): JapaneseFonts {
  cached ??= {
    regular: parseFont('400Regular/NotoSansJP_400Regular.ttf'),
    bold: parseFont('700Bold/NotoSansJP_700Bold.ttf'),
  };
  return cached;
}
