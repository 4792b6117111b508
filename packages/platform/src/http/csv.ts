// The CSV of a list download (API.md "Lists"): UTF-8 with a BOM (so spreadsheet programs read
// the Japanese right), CRLF line ends, fields quoted per RFC 4180, a header row from the
// operation's declared columns.
import type { CsvColumn, CsvValue } from '@denpyo/schemas';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** The whole file: the header row, then one row per item, each line ended by CRLF. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  const rows = [
    columns.map((column) => quote(column.header)),
    ...items.map((item) => columns.map((column) => quote(cellText(valueOf(column, item))))),
  ];
  return BOM + rows.map((row) => row.join(',') + CRLF).join('');
}

function valueOf<T>(column: CsvColumn<T>, item: T): CsvValue {
  return typeof column.value === 'function' ? column.value(item) : (item[column.value] as CsvValue);
}

/**
 * A value as cell text. A text that a spreadsheet would run as a formula (it starts with = + -
 * @, a tab or a CR) is written with a leading apostrophe, so an opened export never runs a
 * formula someone typed into a title (OWASP "CSV injection"). Numbers are written as they are.
 */
export function cellText(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return String(value);
}

/** RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
