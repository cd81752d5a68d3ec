/** A small seeded PRNG (mulberry32) so generated libraries are the same on every run. */
export interface Random {
  /** [0, 1) */
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Zipf-like: small indexes much more often. */
  skewed<T>(items: readonly T[], exponent?: number): T;
  chance(p: number): boolean;
}

export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)]!,
    skewed: (items, exponent = 1.6) => items[Math.floor(items.length * next() ** exponent)]!,
    chance: (p) => next() < p,
  };
}
