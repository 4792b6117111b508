import { spawnSync } from 'node:child_process';

/** A PDF's text as poppler (pdftotext) reads it back, the layout kept so a row stays on one line. */
export function pdfText(pdf: Buffer): string {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`pdftotext failed: ${String(result.stderr)}`);
  return result.stdout.toString('utf8');
}
