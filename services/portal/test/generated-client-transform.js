// Jest transform for Prisma's generated client only. The client loads its query compiler with
// `import()`, which jest cannot run in CommonJS mode; compiling these files as CommonJS turns
// each `import()` into `require()`. (ts-jest shares one compiler configuration per jest
// project, so it cannot compile just these files differently.)
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
};

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(sourceText, {
      compilerOptions,
      fileName: sourcePath,
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(`${ts.version}\0${sourcePath}\0${sourceText}`).digest('hex');
  },
};
