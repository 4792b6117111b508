/** Joins parts with the full-width space (全角スペース) Japanese forms use between fields. */
export function spaced(...parts: string[]): string {
  return parts.join('\u3000');
}
