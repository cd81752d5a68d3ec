/**
 * The one seeded random source of the tests, benches, fuzzers and generators (mulberry32): the
 * same seed gives the same numbers on every machine and every run, so a failure can be replayed
 * from the seed it prints.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** An integer in [0, max). */
  below(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Zipf-like: small indexes much more often. */
  skewed<T>(items: readonly T[], exponent?: number): T;
  chance(p: number): boolean;
  /** Shuffles `items` in place and returns it. */
  shuffle<T>(items: T[]): T[];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (max: number): number => Math.floor(next() * max);
  const int = (lo: number, hi: number): number => lo + below(hi - lo + 1);
  return {
    next,
    int,
    below,
    pick: (items) => items[below(items.length)]!,
    skewed: (items, exponent = 1.6) => items[Math.floor(items.length * next() ** exponent)]!,
    chance: (p) => next() < p,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
