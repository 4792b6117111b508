module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // One system and one Chromium at a time on a 2-core machine; the flow test takes minutes.
  maxWorkers: 1,
  testTimeout: 180000,
};
