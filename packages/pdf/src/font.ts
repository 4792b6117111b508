import { readFileSync } from 'node:fs';

export interface JapaneseFonts {
  regular: Buffer;
  bold: Buffer;
}

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-jp';

let cached: JapaneseFonts | undefined;

/**
 * Noto Sans JP (regular and bold), read from the npm package once per process: the files are
 * ~5 MB each, so reading them per document would dominate rendering time. pdfkit embeds only
 * the glyphs a document uses.
 */
export function japaneseFonts(): JapaneseFonts {
  cached ??= {
    regular: readFileSync(require.resolve(`${FONT_PACKAGE}/400Regular/NotoSansJP_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_PACKAGE}/700Bold/NotoSansJP_700Bold.ttf`)),
  };
  return cached;
}
