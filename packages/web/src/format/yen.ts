// Amounts as a Japanese city office writes them: integer yen, ¥ and thousands separators.

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** 1234567 → '¥1,234,567'; -500 → '-¥500'. Refuses anything but a safe integer. */
export function formatYen(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a yen amount: ${amount}`);
  const digits = String(Math.abs(amount)).replace(GROUPS, ',');
  return `${amount < 0 ? '-' : ''}¥${digits}`;
}

/** The figure alone, for a column whose header says 円: 1234567 → '1,234,567'. */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(GROUPS, ',')}`;
}

/**
 * What a person typed into an amount field, as integer yen: full-width digits, commas, ¥ and 円
 * are accepted ('１，２００円' → 1200). Undefined when it is not a whole, non-negative amount.
 */
export function parseYen(input: string): number | undefined {
  const halfWidth = input.normalize('NFKC').replace(/[\s,¥\\円]/g, '');
  if (!/^\d{1,16}$/.test(halfWidth)) return undefined;
  const n = Number(halfWidth);
  return Number.isSafeInteger(n) ? n : undefined;
}
