/**
 * A seeded pseudo-random source (mulberry32) so the labelled test set is the same on every machine
 * and every run: benchmark figures are reproducible and comparable between commits.
 */
export type SeededRandom = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
  /** Integer in [low, high]. */
  integer(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
  /** True with probability p. */
  chance(p: number): boolean;
};

/** A deterministic random source for the given seed. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low, high) => low + (high - low) * next(),
    integer: (low, high) => low + Math.floor((high - low + 1) * next()),
    gaussian: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    chance: (p) => next() < p,
  };
}
