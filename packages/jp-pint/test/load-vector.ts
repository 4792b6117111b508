import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The values the vectors' placeholders take in this package's tests (see vectors/README.md). */
export const PLACEHOLDER_VALUES = {
  CONTRACT: 'K-2026-0001',
  // 9 is the check digit of 234567890123: a valid number no real business is known to hold.
  T_NUMBER: 'T9234567890123',
  ISSUE_DATE: '2026-11-05',
};

export function loadVector(name: string, values: Partial<typeof PLACEHOLDER_VALUES> = {}): string {
  const all = { ...PLACEHOLDER_VALUES, ...values };
  return readFileSync(join(__dirname, 'vectors', name), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (placeholder, key: string) => (key in all ? all[key as keyof typeof all] : placeholder),
  );
}

export function loadBytes(directory: 'vectors' | 'official', name: string): Uint8Array {
  return readFileSync(join(__dirname, directory, name));
}
