import type { Point } from "./types.js";
import { quantileOf } from "./robust-stats.js";

/**
 * Aggregates of a signal over a time window, the building block of trust limits ("the 7-day mean
 * of the manual-work rate") and of the limit forecast.
 */

export type WindowAggregate =
  | { kind: "mean" }
  | { kind: "sum" }
  | { kind: "max" }
  | { kind: "min" }
  | { kind: "ratio" }
  | { kind: "quantile"; q: number };

/** Points sorted by time; returns the input itself when it is already sorted (the common case). */
export function sortedByTime(points: readonly Point[]): readonly Point[] {
  for (let i = 1; i < points.length; i++) {
    if ((points[i]?.t ?? 0) < (points[i - 1]?.t ?? 0)) return [...points].sort((a, b) => a.t - b.t);
  }
  return points;
}

/** Index of the first point with t > time, in points sorted by time. */
export function firstIndexAfter(points: readonly Point[], time: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((points[middle]?.t ?? 0) > time) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The aggregate of the points with from < t ≤ to (sorted input). Null when the window holds no
 * point, or a ratio has no denominator: "no data" is not the same as zero.
 */
export function aggregateWindow(
  sorted: readonly Point[],
  aggregate: WindowAggregate,
  from: number,
  to: number,
): number | null {
  const start = firstIndexAfter(sorted, from);
  const end = firstIndexAfter(sorted, to);
  if (end <= start) return null;
  let sum = 0;
  let denominatorSum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const point = sorted[i];
    if (!point) continue;
    sum += point.v;
    denominatorSum += point.denominator ?? 1;
    if (point.v < min) min = point.v;
    if (point.v > max) max = point.v;
  }
  switch (aggregate.kind) {
    case "mean":
      return sum / (end - start);
    case "sum":
      return sum;
    case "max":
      return max;
    case "min":
      return min;
    case "ratio":
      return denominatorSum === 0 ? null : sum / denominatorSum;
    case "quantile":
      return quantileOf(
        sorted.slice(start, end).map((point) => point.v),
        aggregate.q,
      );
  }
}

/** Sum of point values with from < t ≤ to (sorted input). */
export function sumWindow(sorted: readonly Point[], from: number, to: number): number {
  let sum = 0;
  const end = firstIndexAfter(sorted, to);
  for (let i = firstIndexAfter(sorted, from); i < end; i++) sum += sorted[i]?.v ?? 0;
  return sum;
}
