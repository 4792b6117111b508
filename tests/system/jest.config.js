module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: '<rootDir>/../../packages/platform/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/../../packages/platform/src/testing/global-teardown.ts',
};
