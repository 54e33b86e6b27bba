import type { Aggregation, Point } from "./types.js";
import { DAY_MS, HOUR_MS } from "./types.js";
import type { QuantileSketch } from "./quantile-sketch.js";
import { emptySketch, mergeSketches, sketchOf, sketchQuantile } from "./quantile-sketch.js";

/**
 * Hourly and daily rollups. A bucket keeps only mergeable summaries, so charts over years and
 * window aggregates are computed from a few hundred buckets instead of millions of points, and
 * late points can be folded into an existing bucket.
 */

export type Granularity = "hour" | "day";

export type Bucket = {
  /** Start of the bucket, epoch ms (UTC hour or UTC-offset day). */
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Sum of the denominators of ratio points (a missing denominator counts as 1). */
  denominatorSum: number;
  /** Present when the rollup was asked to keep quantiles. */
  sketch?: QuantileSketch;
};

export type RollupOptions = {
  /** Keep a quantile sketch per bucket (costs memory; only for quantile-aggregated signals). */
  withSketch?: boolean;
  /** Days start at local midnight for this offset from UTC, in minutes (e.g. 60 for CET). */
  utcOffsetMinutes?: number;
};

/** Start of the bucket that holds time `t`. */
export function bucketStart(t: number, granularity: Granularity, utcOffsetMinutes = 0): number {
  const size = granularity === "hour" ? HOUR_MS : DAY_MS;
  const offset = granularity === "day" ? utcOffsetMinutes * 60_000 : 0;
  return Math.floor((t + offset) / size) * size - offset;
}

/** Groups points into buckets of the given granularity, sorted by start time. */
export function rollupPoints(
  points: readonly Point[],
  granularity: Granularity,
  options: RollupOptions = {},
): Bucket[] {
  const groups = new Map<number, Point[]>();
  for (const point of points) {
    if (!Number.isFinite(point.v) || !Number.isFinite(point.t)) continue;
    const start = bucketStart(point.t, granularity, options.utcOffsetMinutes ?? 0);
    const group = groups.get(start);
    if (group) group.push(point);
    else groups.set(start, [point]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, group]) => bucketOf(start, group, options.withSketch ?? false));
}

function bucketOf(start: number, points: readonly Point[], withSketch: boolean): Bucket {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let denominatorSum = 0;
  for (const point of points) {
    sum += point.v;
    if (point.v < min) min = point.v;
    if (point.v > max) max = point.v;
    denominatorSum += point.denominator ?? 1;
  }
  const bucket: Bucket = { start, count: points.length, sum, min, max, denominatorSum };
  if (withSketch) bucket.sketch = sketchOf(points.map((point) => point.v));
  return bucket;
}

/**
 * Merges two summaries (two hours into a day, or a late point's bucket into the stored one). The
 * result keeps the earlier start. A sketch survives only when both sides have one, because a
 * quantile over half the data would be silently wrong.
 */
export function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  const merged: Bucket = {
    start: Math.min(a.start, b.start),
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    denominatorSum: a.denominatorSum + b.denominatorSum,
  };
  if (a.sketch && b.sketch) merged.sketch = mergeSketches(a.sketch, b.sketch);
  else if (a.count === 0 && b.sketch) merged.sketch = b.sketch;
  else if (b.count === 0 && a.sketch) merged.sketch = a.sketch;
  return merged;
}

/** Re-buckets hourly (or daily) buckets into coarser ones, e.g. hours into days. */
export function coarsenBuckets(
  buckets: readonly Bucket[],
  granularity: Granularity,
  utcOffsetMinutes = 0,
): Bucket[] {
  const merged = new Map<number, Bucket>();
  for (const bucket of buckets) {
    const start = bucketStart(bucket.start, granularity, utcOffsetMinutes);
    const existing = merged.get(start);
    merged.set(start, existing ? mergeBuckets(existing, bucket) : { ...bucket, start });
  }
  return [...merged.values()].sort((a, b) => a.start - b.start);
}

/**
 * The value a bucket (or a merge of buckets) stands for under an aggregation; null when the
 * bucket is empty or a quantile is asked of a bucket rolled up without a sketch.
 */
export function bucketValue(bucket: Bucket, aggregation: Aggregation): number | null {
  if (bucket.count === 0) return null;
  switch (aggregation.kind) {
    case "sum":
      return bucket.sum;
    case "mean":
      return bucket.sum / bucket.count;
    case "ratio":
      return bucket.denominatorSum === 0 ? null : bucket.sum / bucket.denominatorSum;
    case "quantile":
      return bucket.sketch ? sketchQuantile(bucket.sketch, aggregation.q) : null;
  }
}

/** An empty bucket at `start`, the identity of mergeBuckets. */
export function emptyBucket(start: number, withSketch = false): Bucket {
  const bucket: Bucket = {
    start,
    count: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    denominatorSum: 0,
  };
  if (withSketch) bucket.sketch = emptySketch();
  return bucket;
}
