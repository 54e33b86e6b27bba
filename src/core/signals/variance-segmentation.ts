import { robustScale } from "./robust-stats.js";

/**
 * Changes in noise level, found on successive differences: a difference cancels the level and
 * almost all of a trend, so steps and ramps do not pass for variance changes. Differences are
 * taken as log|d|, which turns a change of scale into a change of mean and keeps a lone outlier
 * from opening a "noisy regime"; those are segmented by penalised binary segmentation.
 */

export type VarianceSegments = {
  /** Indices (into the original series) where a new noise regime starts. */
  changes: number[];
  /** Noise level (standard deviation of the series itself) per regime, in order. */
  scales: number[];
};

const MIN_REGIME = 15;
/** Variance of log|Z| for standard normal Z (π²/8). */
const LOG_ABS_NORMAL_VARIANCE = (Math.PI * Math.PI) / 8;

/** Noise regimes of a series (already cleared of seasonality). */
export function varianceSegments(values: ArrayLike<number>, penaltyPerLogN: number): VarianceSegments {
  const n = values.length;
  const differences: number[] = [];
  for (let i = 1; i < n; i++) differences.push((values[i] ?? 0) - (values[i - 1] ?? 0));
  const spread = robustScale(differences);
  if (!(spread > 0) || differences.length < 2 * MIN_REGIME) {
    return { changes: [], scales: [Math.max(spread / Math.SQRT2, 0) || 1] };
  }
  // log|d| turns a change of scale into a change of mean, and a wild outlier into a mere +2.
  const floor = 0.05 * spread;
  const logs = new Float64Array(differences.length + 1);
  const logSquares = new Float64Array(differences.length + 1);
  differences.forEach((d, i) => {
    const l = Math.log(Math.abs(d) + floor);
    logs[i + 1] = (logs[i] ?? 0) + l;
    logSquares[i + 1] = (logSquares[i] ?? 0) + l * l;
  });
  const cost = (a: number, b: number): number => {
    const sum = (logs[b] ?? 0) - (logs[a] ?? 0);
    return (logSquares[b] ?? 0) - (logSquares[a] ?? 0) - (sum * sum) / (b - a);
  };
  const penalty = penaltyPerLogN * Math.log(n) * LOG_ABS_NORMAL_VARIANCE;
  const boundaries: number[] = [];
  const split = (a: number, b: number): void => {
    let best = -1;
    let bestGain = penalty;
    const whole = cost(a, b);
    for (let at = a + MIN_REGIME; at <= b - MIN_REGIME; at++) {
      const gain = whole - cost(a, at) - cost(at, b);
      if (gain > bestGain) {
        bestGain = gain;
        best = at;
      }
    }
    if (best < 0) return;
    boundaries.push(best);
    split(a, best);
    split(best, b);
  };
  split(0, differences.length);
  boundaries.sort((a, b) => a - b);
  const edges = [0, ...boundaries, differences.length];
  const scales: number[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const segment = differences.slice(edges[k], edges[k + 1]);
    scales.push(robustScale(segment) / Math.SQRT2 || spread / Math.SQRT2 || 1);
  }
  // Difference d spans values d and d+1: when the noise grows, the first difference already
  // carries the new noise, so the regime starts one value later; when it shrinks, at d itself.
  const changes = boundaries.map((at, k) => ((scales[k + 1] ?? 1) > (scales[k] ?? 1) ? at + 1 : at));
  return { changes, scales };
}
