/**
 * Small robust statistics used by limits, budgets and the detectors. Everything here is pure and
 * allocation-light because the detectors call it on every series.
 */

/** Converts a median absolute deviation into a standard-deviation estimate for Gaussian noise. */
export const MAD_TO_SIGMA = 1.4826;

/** Median of the values (NaN for an empty list); does not modify its input. */
export function median(values: readonly number[]): number {
  return quantileOf(values, 0.5);
}

/**
 * Linear-interpolated q-quantile (type 7, as in R and NumPy); NaN for an empty list.
 * Used wherever an exact quantile of a modest list is needed.
 */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const work = Float64Array.from(values);
  const position = Math.min(Math.max(q, 0), 1) * (work.length - 1);
  const lower = Math.floor(position);
  const low = selectInPlace(work, lower);
  if (position === lower) return low;
  // After selecting `lower`, everything above it sits to its right: the next order statistic is
  // their minimum.
  let high = Number.POSITIVE_INFINITY;
  for (let i = lower + 1; i < work.length; i++) if ((work[i] ?? high) < high) high = work[i] ?? high;
  return low + (high - low) * (position - lower);
}

/** k-th smallest value (0-based) by quickselect, O(n) on average; reorders `work`. */
function selectInPlace(work: Float64Array, k: number): number {
  let left = 0;
  let right = work.length - 1;
  while (right > left) {
    const pivot = work[(left + right) >>> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((work[i] ?? 0) < pivot) i++;
      while ((work[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = work[i] ?? 0;
        work[i] = work[j] ?? 0;
        work[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return work[k] ?? Number.NaN;
}

/** Scale estimate that ignores up to half the values being wild: 1.4826 × median |x − median|. */
export function robustScale(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const centre = median(values);
  return MAD_TO_SIGMA * median(values.map((value) => Math.abs(value - centre)));
}

/**
 * Noise level estimated from successive differences, so that level shifts and slow trends in the
 * series do not inflate it (a plain MAD would count a step as noise).
 */
export function differenceScale(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const differences: number[] = [];
  for (let i = 1; i < values.length; i++) differences.push((values[i] ?? 0) - (values[i - 1] ?? 0));
  return robustScale(differences) / Math.SQRT2;
}

/** Lag-1 autocorrelation; 0 when the series is too short or constant. */
export function lagOneAutocorrelation(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  let mean = 0;
  for (const value of values) mean += value;
  mean /= n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const centred = (values[i] ?? 0) - mean;
    denominator += centred * centred;
    if (i > 0) numerator += centred * ((values[i - 1] ?? 0) - mean);
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Clamps a number into [low, high]; the Huber/winsorising step of the detectors. */
export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * Theil–Sen slope of y against x: the median of all pairwise slopes. Robust to outliers, so a
 * single spike does not tilt a forecast. Pairs with equal x are skipped; NaN if none remain.
 */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] ?? 0) - (xs[i] ?? 0);
      if (dx !== 0) slopes.push(((ys[j] ?? 0) - (ys[i] ?? 0)) / dx);
    }
  }
  return median(slopes);
}

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
