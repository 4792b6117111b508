// Writes each workspace's jest totals to .data/test-totals/, so `npm test` can close with one
// "N passed, N failed" line for the whole monorepo (CI reads that line).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class JestTotalsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.DENPYO_TEST_TOTALS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const name = this.rootDir.split('/').slice(-2).join('-');
    writeFileSync(
      join(dir, `${name}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = JestTotalsReporter;
