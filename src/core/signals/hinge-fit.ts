import type { PrefixSums } from "./linear-segmentation.js";

/**
 * The best continuous "bent line" over a range: two straight pieces that meet at a hinge. It tells
 * a ramp's start (a kink, no jump) from a level shift next to a slope (a real jump), which a
 * segmentation with free lines cannot do on its own.
 */

export type HingeFit = { hinge: number; residual: number };

const sumOf = (array: Float64Array, a: number, b: number): number => (array[b] ?? 0) - (array[a] ?? 0);

/** Residual sum of squares of the continuous two-piece fit with its bend at index k. */
function hingeResidual(sums: PrefixSums, a: number, b: number, k: number): number {
  // Left piece uses u = i − k over [a, k); right piece uses w = i − k over [k, b).
  const nL = k - a;
  const nR = b - k;
  const u1 = sumOf(sums.index, a, k) - k * nL;
  const u2 = sumOf(sums.indexSquared, a, k) - 2 * k * sumOf(sums.index, a, k) + k * k * nL;
  const w1 = sumOf(sums.index, k, b) - k * nR;
  const w2 = sumOf(sums.indexSquared, k, b) - 2 * k * sumOf(sums.index, k, b) + k * k * nR;
  const sx = sumOf(sums.value, a, b);
  const ux = sumOf(sums.indexValue, a, k) - k * sumOf(sums.value, a, k);
  const wx = sumOf(sums.indexValue, k, b) - k * sumOf(sums.value, k, b);
  const n = b - a;
  // Solve [[n,u1,w1],[u1,u2,0],[w1,0,w2]]·β = [sx,ux,wx] by eliminating the slopes.
  if (u2 <= 0 || w2 <= 0) return Number.POSITIVE_INFINITY;
  const reducedN = n - (u1 * u1) / u2 - (w1 * w1) / w2;
  const reducedY = sx - (u1 * ux) / u2 - (w1 * wx) / w2;
  if (reducedN <= 1e-12) return Number.POSITIVE_INFINITY;
  const intercept = reducedY / reducedN;
  const slopeLeft = (ux - u1 * intercept) / u2;
  const slopeRight = (wx - w1 * intercept) / w2;
  const explained = intercept * sx + slopeLeft * ux + slopeRight * wx;
  return Math.max(sumOf(sums.valueSquared, a, b) - explained, 0);
}

/** The best hinge in [a + margin, b − margin] and its residual sum of squares. */
export function bestHinge(sums: PrefixSums, a: number, b: number, margin = 3): HingeFit {
  let best: HingeFit = { hinge: -1, residual: Number.POSITIVE_INFINITY };
  for (let k = a + margin; k <= b - margin; k++) {
    const residual = hingeResidual(sums, a, b, k);
    if (residual < best.residual) best = { hinge: k, residual };
  }
  return best;
}

export type RampFit = { start: number; end: number; residual: number };

/**
 * Residual of "flat, then a straight ramp over [s, e), then flat" over [a, b): a two-parameter
 * regression on the ramp shape r(i) = clamp((i − s) / (e − s), 0, 1).
 */
function rampResidual(sums: PrefixSums, a: number, b: number, s: number, e: number): number {
  const width = e - s;
  const n = b - a;
  const rampIndex = sumOf(sums.index, s, e) - s * width;
  const rampIndexSquared = sumOf(sums.indexSquared, s, e) - 2 * s * sumOf(sums.index, s, e) + s * s * width;
  const sr = rampIndex / width + (b - e);
  const srr = rampIndexSquared / (width * width) + (b - e);
  const srx = (sumOf(sums.indexValue, s, e) - s * sumOf(sums.value, s, e)) / width + sumOf(sums.value, e, b);
  const sx = sumOf(sums.value, a, b);
  const spreadR = srr - (sr * sr) / n;
  const spreadX = sumOf(sums.valueSquared, a, b) - (sx * sx) / n;
  if (spreadR <= 1e-12) return Math.max(spreadX, 0);
  const covariance = srx - (sr * sx) / n;
  return Math.max(spreadX - (covariance * covariance) / spreadR, 0);
}

/**
 * The best gradual transition around a shift at `at` within [a, b): a ramp of at least
 * `minWidth` steps. Compared with the instant step, it tells a quick ramp (slow creep that ended)
 * from a true level shift.
 */
export function bestRamp(
  sums: PrefixSums,
  a: number,
  b: number,
  at: number,
  minWidth: number,
  maxWidth = 90,
): RampFit {
  let best: RampFit = { start: at, end: at, residual: Number.POSITIVE_INFINITY };
  for (let s = Math.max(a + 2, at - maxWidth); s <= at; s++) {
    for (let e = Math.max(at, s + minWidth); e <= Math.min(b - 2, s + maxWidth); e++) {
      const residual = rampResidual(sums, a, b, s, e);
      if (residual < best.residual) best = { start: s, end: e, residual };
    }
  }
  return best;
}
