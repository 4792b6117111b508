// Reads vouchers back with poppler-utils (pdftotext, pdfinfo): the npm extractors (unpdf,
// pdf-parse) load pdf.js as ES modules, which jest's CommonJS runtime cannot import.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT =
  'is missing: these tests read PDFs back with poppler-utils. ' +
  'Install it with `apt-get update && apt-get install -y poppler-utils` (Debian/Ubuntu) ' +
  'or `brew install poppler` (macOS).';

function run(command: string, args: string[], input?: Buffer): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`${command} ${INSTALL_HINT}`);
  }
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

/** Page text with the physical layout kept, so cells of one table row stay on one line. */
export function pdfText(pdf: Buffer): string {
  return run('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], pdf);
}

/** The document information dictionary as pdfinfo prints it (Title, Author, Pages, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-pdf-'));
  try {
    const file = join(dir, 'voucher.pdf');
    writeFileSync(file, pdf);
    const lines = run('pdfinfo', ['-enc', 'UTF-8', file]).split('\n');
    return Object.fromEntries(
      lines
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map(([, key, value]) => [key, value.trim()]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text without any whitespace, for strings that may wrap (hashes, long names). */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
