// Shared jest settings: ts-jest compiles TypeScript (needs the TS JS API, hence TypeScript 5.9);
// workspace imports resolve to sources so tests never depend on a stale build.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  moduleNameMapper: {
    '^@denpyo/([a-z]+)$': '<rootDir>/../../packages/$1/src',
    '^@denpyo/([a-z]+)/testing$': '<rootDir>/../../packages/$1/src/testing',
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/../../scripts/jest-totals-reporter.js'],
};
