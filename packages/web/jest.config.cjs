// The repo's jest preset, with @denpyo/jp resolved as the bundle resolves it (the browser-safe
// subset in src/jp, no bank data) and the web app's own logic tested in node.
const preset = require('../../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  moduleNameMapper: {
    '^@denpyo/jp$': '<rootDir>/src/jp/index.ts',
    '^@denpyo/jp/business-days$': '<rootDir>/../jp/src/business-days.ts',
    ...preset.moduleNameMapper,
  },
};
