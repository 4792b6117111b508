import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..', '..');
/** Debian's Chromium (the Playwright browser download does not work here). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots are a test artefact, kept out of git with the rest of .data/. */
export const screenshotDir = join(repoRoot, '.data', 'screenshots');
