#!/usr/bin/env node
// `npm run bench`: Denpyo's figures on this machine beside pgbench's of the same run and beside
// the goals of issue 10, for both event buses (BENCH_MODES=embedded,kafka,instances,web; each
// starts a fresh system). Prints the table, writes docs/bench.json and refreshes the README's
// table from it (BENCH_README=0 leaves the README alone). Not a test: nothing here fails a build.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { root } from './system.mjs';
import { benchBus, benchInstances } from './bench/denpyo.mjs';
import { refreshReadme, table } from './bench/report.mjs';
import { benchWeb } from './bench/web.mjs';

const modes = (process.env.BENCH_MODES ?? 'embedded,kafka,instances,web').split(',');
const resultsFile = join(root, 'docs', 'bench.json');
// A run of some modes replaces their figures and keeps the others' from the last run.
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const report = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  buses: (previous.buses ?? []).filter((bus) => !modes.includes(bus.mode)),
  instances: modes.includes('instances') ? [] : (previous.instances ?? []),
  ...(previous.web && !modes.includes('web') ? { web: previous.web } : {}),
};
for (const mode of modes) {
  process.stderr.write(`benchmarking ${mode}…\n`);
  if (mode === 'web') report.web = await benchWeb();
  else if (mode === 'instances') report.instances.push(await benchInstances(2));
  else report.buses.push(await benchBus(mode));
  // Written after each mode, so a later failure loses nothing measured.
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
}
report.buses.sort((a, b) => a.mode.localeCompare(b.mode));
const markdown = table(report);
process.stdout.write(`${markdown}\n`);
if (report.web) process.stdout.write(`${JSON.stringify(report.web, null, 2)}\n`);
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
if (process.env.BENCH_README !== '0') await refreshReadme(join(root, 'README.md'), report);
process.exit(0);
