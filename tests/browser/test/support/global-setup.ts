import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import startTestDatabase from '../../../../packages/platform/src/testing/global-setup';
import { freePort } from '@denpyo/platform/testing';
import { chromiumPath, repoRoot } from './paths';

/** What scripts/system.mjs returns (an ES module, so it is typed here). */
interface StartedSystem {
  portalUrl: string;
  processes: { name: string; port: number; child: { pid?: number } }[];
  stop(): Promise<void>;
}
type StartSystem = (options: Record<string, unknown>) => Promise<StartedSystem>;

const installHint =
  'install both with `apt-get install chromium fonts-noto-cjk` (Debian; .ci/run does this in CI)';

/** The browser tests need Debian's Chromium and a Japanese font; without them they fail, never skip. */
function checkBrowser(): void {
  if (!existsSync(chromiumPath))
    throw new Error(
      `The browser tests drive Chromium at ${chromiumPath}, which is missing: ${installHint}, ` +
        'or point CHROMIUM_PATH at another Chromium.',
    );
  let japaneseFonts = '';
  try {
    japaneseFonts = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  } catch {
    // fc-list comes with fontconfig, which Chromium depends on; treated as "no fonts" below.
  }
  if (!/Noto Sans CJK/i.test(japaneseFonts))
    throw new Error(
      `No Noto Sans CJK font found (fc-list :lang=ja), so Japanese would render as boxes: ${installHint}.`,
    );
}

/**
 * Jest globalSetup: the whole system the way `npm start` runs it (scripts/system.mjs: four
 * service processes from their dist/, the portal serving packages/web/dist), on this test run's
 * fresh database, on free ports, in demo mode. Test files read its address from DENPYO_BROWSER_URL.
 */
export default async function globalSetup(): Promise<void> {
  checkBrowser();
  const webIndex = join(repoRoot, 'packages', 'web', 'dist', 'index.html');
  const missing = ['contract', 'invoice', 'payment', 'portal']
    .map((name) => join(repoRoot, 'services', name, 'dist', 'main.js'))
    .concat(webIndex)
    .filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(`Not built: ${missing.join(', ')}. Run \`npm run build\` first.`);

  await startTestDatabase();
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'denpyo-browser-'));
  chmodSync(dataDir, 0o755);
  const [portalPort, contract, invoice, payment] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  // A plain require (Node ≥ 20.19 loads ES modules this way); jest's sandbox is not involved here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSystem } = require(join(repoRoot, 'scripts', 'system.mjs')) as {
    startSystem: StartSystem;
  };
  // One pinned date for the whole run (DENPYO_TODAY, accepted in demo mode): a bank business day
  // on which fiscal year 2026 may be closed (June 1 after its 出納整理期間), so a batch can be
  // settled on its transfer date the same day and every date rule gives the same answer on any
  // day the suite runs.
  const today = process.env.DENPYO_BROWSER_TODAY ?? '2027-06-01';
  const started = Date.now();
  const system = await startSystem({
    today,
    dataDir,
    databaseUrl,
    portalPort,
    servicePorts: { contract, invoice, payment },
    demoMode: true,
    logLevel: process.env.DENPYO_BROWSER_LOG_LEVEL ?? 'warn',
    onExit: (name: string) => process.stderr.write(`[browser-tests] ${name} exited early\n`),
  });
  process.stdout.write(
    `\n[browser-tests] system ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${system.portalUrl}\n`,
  );
  process.env.DENPYO_BROWSER_URL = system.portalUrl;
  process.env.DENPYO_BROWSER_TODAY = today;
  (globalThis as { __denpyoBrowserSystem?: unknown }).__denpyoBrowserSystem = {
    async stop() {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
