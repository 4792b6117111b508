/** Formats integer yen with thousands separators: 1234567 → '1,234,567円', -500 → '-500円'. */
export function formatYen(amount: number): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`yen amount must be a safe integer: ${amount}`);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}円`;
}

/**
 * An amount guarded as a form prints it: ￥ before the figure and － after it, so nothing can be
 * written in front of or behind it: 1234567 → '￥1,234,567－'.
 */
export function formatGuardedYen(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`guarded yen amount must be a non-negative safe integer: ${amount}`);
  return `￥${formatYen(amount).slice(0, -1)}－`;
}
