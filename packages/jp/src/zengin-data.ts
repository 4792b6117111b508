import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

// The zengin-code package ships its data (1,100+ banks, 29,000 branches) as one 5 MB JavaScript
// object literal, and `require` compiling it left each process ~60 MB larger. A process looks up
// a handful of banks, so the file is read once as bytes to find where each bank's entry and
// branches lie, the banks' own fields are parsed (JSON) from that, and the branches of a bank only
// when it is first asked for.

export interface ZenginCodeEntry {
  code: string;
  name: string;
  kana: string;
  /** Romanised reading (lower case), e.g. 'mizuho'. */
  roma?: string;
}

interface IndexedBank {
  entry: ZenginCodeEntry;
  /** Byte range of the bank's `branches` object in the data file; undefined when it has none. */
  branches?: { start: number; end: number };
}

const DATA_FILE = require.resolve('zengin-code/lib/zengin-data');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

let banks: Map<string, IndexedBank> | undefined;
const branchesByBank = new Map<string, ReadonlyMap<string, ZenginCodeEntry>>();

function entryOf({ code, name, kana, roma }: ZenginCodeEntry): ZenginCodeEntry {
  return { code, name, kana, roma };
}

/**
 * One pass over `module.exports = { "0001": { …, "branches": { … } }, … };`, tracking strings
 * (escapes included) and nesting: depth 1 is the banks' object, 2 a bank, 3 a bank's values. In
 * JSON the last string before an opening brace is that object's key.
 */
function indexBanks(bytes: Buffer): Map<string, IndexedBank> {
  const index = new Map<string, IndexedBank>();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let bankCode = '';
  let bankStart = 0;
  let branches: { start: number; end: number } | undefined;
  for (let i = bytes.indexOf(OPEN_BRACE); i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        // Only the keys of the top two levels name anything this index needs.
        if (depth <= 2) lastString = bytes.toString('utf8', stringStart, i);
      }
    } else if (byte === QUOTE) {
      inString = true;
      stringStart = i + 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth === 2) {
        bankCode = lastString;
        bankStart = i;
        branches = undefined;
      } else if (depth === 3 && byte === OPEN_BRACE && lastString === 'branches') {
        branches = { start: i, end: -1 };
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 3 && branches?.end === -1) branches.end = i + 1;
      if (depth === 2) {
        // The bank's own fields: its entry with the branches' bytes read as `null`.
        const fields = branches
          ? `${bytes.toString('utf8', bankStart, branches.start)}null${bytes.toString('utf8', branches.end, i + 1)}`
          : bytes.toString('utf8', bankStart, i + 1);
        index.set(bankCode, { entry: entryOf(JSON.parse(fields) as ZenginCodeEntry), branches });
      }
      depth--;
    }
  }
  if (index.size === 0) throw new Error(`${DATA_FILE}: no banks found in the zengin-code data`);
  return index;
}

function bankIndex(): Map<string, IndexedBank> {
  banks ??= indexBanks(readFileSync(DATA_FILE));
  return banks;
}

/** The bank's own fields; undefined when the code is not a bank of the data. */
export function zenginBank(code: string): ZenginCodeEntry | undefined {
  return bankIndex().get(code)?.entry;
}

/** Every bank of the data. */
export function zenginBanks(): ZenginCodeEntry[] {
  return [...bankIndex().values()].map((bank) => bank.entry);
}

/** The bank's branches by code, read from the data file on first use; undefined for no such bank. */
export function zenginBranches(bankCode: string): ReadonlyMap<string, ZenginCodeEntry> | undefined {
  const bank = bankIndex().get(bankCode);
  if (!bank) return undefined;
  let branches = branchesByBank.get(bankCode);
  if (!branches) {
    branches = new Map(
      bank.branches
        ? Object.entries(
            JSON.parse(readBytes(bank.branches)) as Record<string, ZenginCodeEntry>,
          ).map(([code, branch]) => [code, entryOf(branch)])
        : [],
    );
    branchesByBank.set(bankCode, branches);
  }
  return branches;
}

function readBytes({ start, end }: { start: number; end: number }): string {
  const bytes = Buffer.alloc(end - start);
  const fd = openSync(DATA_FILE, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, start);
  } finally {
    closeSync(fd);
  }
  return bytes.toString('utf8');
}
