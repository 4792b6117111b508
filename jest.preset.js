// Shared jest settings: ts-jest compiles TypeScript (needs the TS JS API, hence TypeScript 5.9);
// workspace imports resolve to sources so tests never depend on a stale build. Tests compile to
// plain CommonJS: the generated Prisma client loads its query compiler with import(), which
// jest's sandbox allows only under --experimental-vm-modules (built code keeps native import()).
// Transpile only (isolatedModules): types are checked by `tsc --noEmit` in the typecheck task.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node10',
          isolatedModules: true,
          esModuleInterop: true,
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@denpyo/(contract|invoice|payment|portal)$': '<rootDir>/../../services/$1/src',
    '^@denpyo/([a-z-]+)$': '<rootDir>/../../packages/$1/src',
    '^@denpyo/([a-z]+)/testing$': '<rootDir>/../../packages/$1/src/testing',
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/../../scripts/jest-totals-reporter.js'],
};
