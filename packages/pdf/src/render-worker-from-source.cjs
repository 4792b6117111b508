// The render worker when @denpyo/pdf runs from its TypeScript sources (ts-jest, which maps
// workspace imports to src/ so tests never use a stale build): a worker thread is outside jest's
// transform, so TypeScript files are transpiled on require here, and @denpyo/* resolve to their
// src/ as under jest. Built code never loads this file (dist/render-worker.js is used).
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const packagesDir = path.resolve(__dirname, '..', '..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const workspace = /^@denpyo\/([a-z]+)$/.exec(request);
  const target = workspace ? path.join(packagesDir, workspace[1], 'src') : request;
  return resolveFilename.call(this, target, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

module.exports = require('./render-worker.ts');
