/**
 * The package loaded into a fresh module registry: freshly parsed fonts, empty glyph caches, and
 * a render pool of its own (sized by whoever uses it).
 */
export function freshCopyOfPackage(): typeof import('../src') {
  let loaded: typeof import('../src') | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<typeof import('../src')>('../src');
  });
  if (!loaded) throw new Error('isolated module registry returned nothing');
  return loaded;
}
