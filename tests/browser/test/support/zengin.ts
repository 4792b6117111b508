import { decode, encode } from 'iconv-lite';

export interface ZenginRecord {
  type: string;
  text: string;
}

/**
 * Reads a 総合振込 file byte by byte as a bank would: records of exactly 120 bytes of Shift_JIS,
 * each followed by CRLF, in the order header (1), data (2…), trailer (8), end (9). Throws with
 * the offending record when any of that does not hold.
 */
export function readZenginFile(bytes: Buffer): ZenginRecord[] {
  if (bytes.length % 122 !== 0)
    throw new Error(`${bytes.length} bytes is not a whole number of 120-byte records + CRLF`);
  const records: ZenginRecord[] = [];
  for (let offset = 0; offset < bytes.length; offset += 122) {
    const record = bytes.subarray(offset, offset + 120);
    if (bytes[offset + 120] !== 0x0d || bytes[offset + 121] !== 0x0a)
      throw new Error(`record ${records.length + 1} is not followed by CRLF`);
    const text = decode(record, 'Shift_JIS');
    // Valid Shift_JIS survives a round trip; a stray UTF-8 byte or a replacement character does not.
    if (!encode(text, 'Shift_JIS').equals(record) || text.includes('\ufffd'))
      throw new Error(`record ${records.length + 1} is not Shift_JIS: ${JSON.stringify(text)}`);
    records.push({ type: text[0]!, text });
  }
  const types = records.map((record) => record.type).join('');
  if (!/^12+89$/.test(types)) throw new Error(`record types ${types}, expected 1, 2…, 8, 9`);
  return records;
}
