/** A share as a percentage with at most one decimal, rounded down: (1, 3) → '33.3%'. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const tenths = Math.floor((part / whole) * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}%`;
}
