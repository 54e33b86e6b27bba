/**
 * A small mergeable quantile sketch with relative-error guarantees, following the DDSketch idea
 * (logarithmic buckets). It keeps hourly/daily rollups of latency-like signals mergeable: the p95
 * of a month is computed from daily sketches without the raw points.
 *
 * A maintained package (`@datadog/sketches-js`) would be preferable; this stays behind the small
 * interface below so it can be swapped without touching callers. Plain JSON-friendly objects so
 * the store can persist them as they are.
 */

export type QuantileSketch = {
  /** Relative accuracy: a returned quantile is within ±alpha of the true value (relatively). */
  alpha: number;
  count: number;
  zeroCount: number;
  /** Bucket key → count, for positive values. */
  positive: Record<string, number>;
  /** Bucket key → count, for the absolute values of negative values. */
  negative: Record<string, number>;
};

export const DEFAULT_SKETCH_ALPHA = 0.01;
/** Values smaller than this in absolute terms are counted as zero. */
const MIN_INDEXABLE = 1e-9;

/** An empty sketch. */
export function emptySketch(alpha: number = DEFAULT_SKETCH_ALPHA): QuantileSketch {
  return { alpha, count: 0, zeroCount: 0, positive: {}, negative: {} };
}

function gammaOf(alpha: number): number {
  return (1 + alpha) / (1 - alpha);
}

/** Returns a new sketch that also counts `value` (non-finite values are ignored). */
export function addToSketch(sketch: QuantileSketch, value: number): QuantileSketch {
  const next = { ...sketch, positive: { ...sketch.positive }, negative: { ...sketch.negative } };
  addInPlace(next, value);
  return next;
}

/** Builds a sketch from many values at once; cheaper than repeated addToSketch. */
export function sketchOf(values: Iterable<number>, alpha: number = DEFAULT_SKETCH_ALPHA): QuantileSketch {
  const sketch = emptySketch(alpha);
  for (const value of values) addInPlace(sketch, value);
  return sketch;
}

function addInPlace(sketch: QuantileSketch, value: number): void {
  if (!Number.isFinite(value)) return;
  sketch.count += 1;
  const magnitude = Math.abs(value);
  if (magnitude < MIN_INDEXABLE) {
    sketch.zeroCount += 1;
    return;
  }
  const key = String(Math.ceil(Math.log(magnitude) / Math.log(gammaOf(sketch.alpha))));
  const store = value > 0 ? sketch.positive : sketch.negative;
  store[key] = (store[key] ?? 0) + 1;
}

/** Combines two sketches of the same accuracy, as when rolling hours up into a day. */
export function mergeSketches(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  if (a.alpha !== b.alpha) throw new Error("cannot merge sketches with different accuracy");
  const sumStores = (x: Record<string, number>, y: Record<string, number>): Record<string, number> => {
    const out = { ...x };
    for (const [key, count] of Object.entries(y)) out[key] = (out[key] ?? 0) + count;
    return out;
  };
  return {
    alpha: a.alpha,
    count: a.count + b.count,
    zeroCount: a.zeroCount + b.zeroCount,
    positive: sumStores(a.positive, b.positive),
    negative: sumStores(a.negative, b.negative),
  };
}

/** Estimated q-quantile (0..1) within the sketch's relative accuracy; null when empty. */
export function sketchQuantile(sketch: QuantileSketch, q: number): number | null {
  if (sketch.count === 0) return null;
  const gamma = gammaOf(sketch.alpha);
  const rank = Math.min(Math.max(q, 0), 1) * (sketch.count - 1);
  const valueOf = (key: number): number => (2 * Math.pow(gamma, key)) / (gamma + 1);
  let seen = 0;
  // Most negative values first: the largest magnitudes among the negatives.
  const negativeKeys = Object.keys(sketch.negative)
    .map(Number)
    .sort((x, y) => y - x);
  for (const key of negativeKeys) {
    seen += sketch.negative[String(key)] ?? 0;
    if (seen > rank) return -valueOf(key);
  }
  seen += sketch.zeroCount;
  if (seen > rank) return 0;
  const positiveKeys = Object.keys(sketch.positive)
    .map(Number)
    .sort((x, y) => x - y);
  for (const key of positiveKeys) {
    seen += sketch.positive[String(key)] ?? 0;
    if (seen > rank) return valueOf(key);
  }
  const last = positiveKeys[positiveKeys.length - 1];
  return last === undefined ? 0 : valueOf(last);
}
