import { japanToday } from '@denpyo/jp';

/**
 * The one clock every date rule reads (deadlines, settlement, fiscal-year close). In production
 * it is the wall clock in Japan time; `DENPYO_TODAY` pins the date (demo mode and tests only),
 * so a restart with a later date moves the whole system forward without faking dates in code.
 */
export interface Clock {
  /** Today's date in Japan, YYYY-MM-DD. */
  today(): string;
  /** The current instant; on a pinned day, that day at the wall clock's time of day (JST). */
  now(): Date;
}

const JST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

export function createClock(pinnedToday?: string, wallClock: () => Date = () => new Date()): Clock {
  if (pinnedToday === undefined) {
    return { today: () => japanToday(wallClock()), now: wallClock };
  }
  const pinnedMidnightJst = Date.parse(`${pinnedToday}T00:00:00+09:00`);
  if (Number.isNaN(pinnedMidnightJst)) throw new RangeError(`not a date: ${pinnedToday}`);
  return {
    today: () => pinnedToday,
    now: () => {
      const timeOfDay = (wallClock().getTime() + JST_OFFSET_MS) % DAY_MS;
      return new Date(pinnedMidnightJst + timeOfDay);
    },
  };
}
