// Builds the web application into dist/ (the portal serves it at /). The workspace packages are
// compiled from their TypeScript sources so the bundler keeps only what the browser uses:
// - @denpyo/jp resolves to src/jp, its browser-safe subset (no Zengin bank list, no iconv);
// - @denpyo/schemas' zod.ts resolves to src/forms/zod-browser.ts (no OpenAPI extension);
// - react-aria keeps only its Japanese strings.
import { fileURLToPath } from 'node:url';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const schemasSource = here('../schemas/src/');

/** packages/schemas/src/zod.ts → the browser's zod (a `.openapi()` that does nothing). */
function browserZod(): Plugin {
  return {
    name: 'denpyo-browser-zod',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/^\.\.?\/zod$/.test(source)) return null;
      if (!importer.startsWith(schemasSource)) return null;
      return here('./src/forms/zod-browser.ts');
    },
  };
}

export default defineConfig({
  plugins: [
    browserZod(),
    react(),
    { ...optimizeLocales.vite({ locales: ['ja-JP'] }), enforce: 'pre' },
  ],
  resolve: {
    alias: [
      { find: /^@denpyo\/schemas$/, replacement: here('../schemas/src/index.ts') },
      { find: /^@denpyo\/jp$/, replacement: here('./src/jp/index.ts') },
      { find: /^@denpyo\/jp\/business-days$/, replacement: here('../jp/src/business-days.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The portal's CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
