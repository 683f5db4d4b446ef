/** Time as the emulator sees it. Every expiry decision reads this, never `Date.now()`. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Moves time forward (or back, with a negative value) without waiting. */
  advance(ms: number): void;
  /** Jumps to an absolute time; real time keeps flowing from there. */
  set(ms: number): void;
}

/**
 * A clock that follows real time plus an offset, so a running server still ages normally while
 * tests jump hours ahead to prove expiry without sleeping.
 */
export function createClock(start?: number): Clock {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
    set(ms: number) {
      offset = ms - Date.now();
    },
  };
}
