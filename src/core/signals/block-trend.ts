import { median } from "./robust-stats.js";

/**
 * Mann–Kendall trend test with Sen's slope on block means (one mean per season, e.g. per week).
 * Averaging over a season removes the weekly pattern and most short-range autocorrelation, which
 * is what the plain test assumes away; the number of blocks stays small, so the O(B²) test is cheap.
 */

export type BlockTrend = { z: number; slopePerBlock: number };

/** Mann–Kendall z (continuity-corrected, no-ties variance) of the blocks; cheap, run every block. */
export function mannKendallZ(blocks: readonly number[]): number {
  const n = blocks.length;
  if (n < 3) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const base = blocks[i] ?? 0;
    for (let j = i + 1; j < n; j++) {
      const later = blocks[j] ?? 0;
      s += later > base ? 1 : later < base ? -1 : 0;
    }
  }
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  return s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
}

/** Sen's slope: the median of all pairwise slopes (only computed when a trend is reported). */
export function senSlopeOfBlocks(blocks: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) slopes.push(((blocks[j] ?? 0) - (blocks[i] ?? 0)) / (j - i));
  }
  return slopes.length ? median(slopes) : 0;
}

/** Mann–Kendall z and Sen's slope together. */
export function blockTrend(blocks: readonly number[]): BlockTrend {
  return { z: mannKendallZ(blocks), slopePerBlock: senSlopeOfBlocks(blocks) };
}
