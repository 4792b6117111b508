import type { Rank } from '@denpyo/schemas';

/** Ranks as the city writes them (vouchers, refusals). */
export const RANK_LABELS: Record<Rank, string> = {
  kakaricho: '係長',
  kacho: '課長',
  bucho: '部長',
  fukushicho: '副市長',
  shicho: '市長',
};
