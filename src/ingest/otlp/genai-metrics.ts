import { createHash } from "node:crypto";
import {
  emptySketch,
  mergeSketches,
  sketchOf,
  type QuantileSketch,
} from "../../core/signals/quantile-sketch.js";
import { costOf, type PriceBook } from "../price-book.js";
import { storableNumber } from "../text.js";
import { addCost, type MinuteBatch } from "./batch.js";
import { unmappedMessage, type Resolver } from "./genai-spans.js";
import { emptyMinute, type MinuteState } from "./minute-state.js";
import {
  attributes,
  child,
  list,
  nanosToMs,
  text,
  toNumber,
  type AttributeValue,
  type OtlpObject,
  resourceAttributes,
} from "./values.js";

export const DURATION_METRIC = "gen_ai.client.operation.duration";
export const TOKEN_METRIC = "gen_ai.client.token.usage";
const CUMULATIVE = 2;
const NOT_MODEL_CALLS = new Set(["execute_tool", "invoke_agent", "create_agent"]);

/** Explicit bounds with a count per bucket, or an exponential histogram's positive buckets. */
export type Buckets =
  | { kind: "explicit"; bounds: number[]; counts: number[] }
  | { kind: "exponential"; scale: number; offset: number; counts: number[]; zeroCount: number };

/** One histogram data point of a GenAI metric, as sent (possibly cumulative). */
export interface HistogramPoint {
  systemId: string;
  metric: typeof DURATION_METRIC | typeof TOKEN_METRIC;
  /** Set for cumulative points: identifies the stream whose previous value is subtracted. */
  streamKey: string | null;
  startMs: number;
  timeMs: number;
  count: number;
  sum: number;
  buckets: Buckets;
  /** Multiplies values into milliseconds (durations) or tokens. */
  unitScale: number;
  operation: string | null;
  provider: string | null;
  model: string | null;
  tokenType: string | null;
  failed: boolean;
}

/** What the store keeps per cumulative stream to turn the next value into a delta. */
export interface StreamState {
  startTime: number;
  count: number;
  sum: number;
  buckets: number[];
}

const isWanted = (key: string) => key.startsWith("gen_ai.") || key === "error.type";

function durationScale(unit: string): number {
  if (unit === "ms") return 1;
  if (unit === "us" || unit === "µs") return 0.001;
  if (unit === "ns") return 0.000_001;
  return 1000; // "s", as the conventions define it
}

/**
 * The GenAI histogram points of an ExportMetricsServiceRequest. Other metrics are ignored (not
 * refused); points of unmapped services or outside the time window are refused in `batch`.
 */
export function genAiHistogramPoints(
  request: OtlpObject,
  resolve: Resolver,
  batch: MinuteBatch,
): HistogramPoint[] {
  const points: HistogramPoint[] = [];
  for (const resourceMetrics of list(request, "resourceMetrics", "resource_metrics")) {
    const resource = child(resourceMetrics, "resource", "resource");
    const resourceAttrs = resourceAttributes(resource);
    const where = resolve(resourceAttrs);
    for (const scopeMetrics of list(resourceMetrics, "scopeMetrics", "scope_metrics")) {
      for (const metric of list(scopeMetrics, "metrics", "metrics")) {
        if (metric === null || typeof metric !== "object") continue;
        const name = metric.name;
        if (name !== DURATION_METRIC && name !== TOKEN_METRIC) continue;
        const unit = typeof metric.unit === "string" ? metric.unit : "";
        const histogram = child(metric, "histogram", "histogram");
        const exponential = child(metric, "exponentialHistogram", "exponential_histogram");
        const body = histogram ?? exponential;
        if (!body) continue;
        const temporality = toNumber(body.aggregationTemporality ?? body.aggregation_temporality);
        for (const dp of list(body, "dataPoints", "data_points")) {
          if ("unmapped" in where) {
            batch.reject(1, unmappedMessage(where.unmapped));
            batch.noteUnmapped(where.unmapped, 1);
            continue;
          }
          const point = readPoint(
            dp,
            where.systemId,
            name,
            unit,
            histogram !== null,
            resourceAttrs,
            temporality,
          );
          const problem = point ? batch.outOfWindow(point.timeMs) : "a histogram data point is malformed";
          if (!point || problem) {
            batch.reject(1, problem ?? "a histogram data point is malformed");
            continue;
          }
          points.push(point);
          batch.accepted += 1;
        }
      }
    }
  }
  return points;
}

function readPoint(
  dp: OtlpObject,
  systemId: string,
  metric: typeof DURATION_METRIC | typeof TOKEN_METRIC,
  unit: string,
  explicit: boolean,
  resource: Record<string, AttributeValue>,
  temporality: number,
): HistogramPoint | null {
  if (dp === null || typeof dp !== "object") return null;
  const a = attributes(dp.attributes, isWanted);
  const count = toNumber(dp.count);
  const sum = toNumber(dp.sum);
  let buckets: Buckets;
  if (explicit) {
    const counts = numbers(dp.bucketCounts ?? dp.bucket_counts);
    const bounds = numbers(dp.explicitBounds ?? dp.explicit_bounds);
    if (counts.length > 0 && counts.length !== bounds.length + 1) return null;
    // Bounds must be finite and strictly increasing, as the specification requires.
    if (bounds.some((b, i) => !storableNumber(b) || (i > 0 && b <= bounds[i - 1]!))) return null;
    buckets = { kind: "explicit", bounds, counts };
  } else {
    const positive = child(dp, "positive", "positive");
    buckets = {
      kind: "exponential",
      scale: toNumber(dp.scale) || 0,
      offset: positive ? toNumber(positive.offset) || 0 : 0,
      counts: positive ? numbers(positive.bucketCounts ?? positive.bucket_counts) : [],
      zeroCount: toNumber(dp.zeroCount ?? dp.zero_count) || 0,
    };
    // The specification's scales run from -10 to 20; beyond them bucket bounds overflow.
    if (
      !(buckets.scale >= -10 && buckets.scale <= 20) ||
      !(Math.abs(buckets.offset) < 1e6) ||
      !(buckets.zeroCount >= 0)
    )
      return null;
  }
  if (!(count >= 0 && count < 1e12) || buckets.counts.some((c) => !(c >= 0 && c < 1e12))) return null;
  if (Number.isFinite(sum) && !storableNumber(sum)) return null;
  const timeMs = nanosToMs(dp.timeUnixNano ?? dp.time_unix_nano);
  const startMs = nanosToMs(dp.startTimeUnixNano ?? dp.start_time_unix_nano);
  const cumulative = temporality === CUMULATIVE;
  return {
    systemId,
    metric,
    streamKey: cumulative ? streamKey(systemId, metric, resource, a) : null,
    startMs: Number.isFinite(startMs) ? startMs : 0,
    timeMs,
    count,
    sum: Number.isFinite(sum) ? sum : 0,
    buckets,
    unitScale: metric === DURATION_METRIC ? durationScale(unit) : 1,
    operation: text(a["gen_ai.operation.name"]),
    provider: text(a["gen_ai.provider.name"]) ?? text(a["gen_ai.system"]),
    model: text(a["gen_ai.response.model"]) ?? text(a["gen_ai.request.model"]),
    tokenType: text(a["gen_ai.token.type"]),
    failed: a["error.type"] !== undefined,
  };
}

function numbers(v: unknown): number[] {
  return Array.isArray(v) ? v.map(toNumber) : [];
}

function streamKey(
  systemId: string,
  metric: string,
  resource: Record<string, AttributeValue>,
  point: Record<string, AttributeValue>,
): string {
  const sorted = (o: Record<string, AttributeValue>) =>
    Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));
  return createHash("sha1")
    .update(JSON.stringify([systemId, metric, sorted(resource), sorted(point)]))
    .digest("hex");
}

/**
 * The part of a cumulative point not seen before. A new start time, or counts going down, means
 * the sender restarted: the whole value is new.
 */
export function deltaOf(
  point: HistogramPoint,
  previous: StreamState | undefined,
): { delta: HistogramPoint; next: StreamState } {
  const next: StreamState = {
    startTime: point.startMs,
    count: point.count,
    sum: point.sum,
    buckets: point.buckets.counts,
  };
  const fresh =
    !previous ||
    previous.startTime !== point.startMs ||
    previous.count > point.count ||
    previous.buckets.length !== point.buckets.counts.length;
  if (!point.streamKey || fresh) return { delta: point, next };
  const counts = point.buckets.counts.map((c, i) => Math.max(0, c - (previous.buckets[i] ?? 0)));
  const delta: HistogramPoint = {
    ...point,
    count: point.count - previous.count,
    sum: point.sum - previous.sum,
    buckets: { ...point.buckets, counts } as Buckets,
  };
  if (delta.buckets.kind === "exponential" && point.buckets.kind === "exponential") {
    // Zero counts are not kept per stream; exponential buckets carry the durations that matter.
    delta.buckets.zeroCount = 0;
  }
  return { delta, next };
}

/** A sketch of a histogram's values, each bucket represented by its (geometric) midpoint. */
export function sketchOfBuckets(b: Buckets, scale: number, max: number | null = null): QuantileSketch {
  const weighted: Array<[number, number]> = [];
  if (b.kind === "explicit") {
    b.counts.forEach((c, i) => {
      if (c <= 0) return;
      const lo = i === 0 ? 0 : b.bounds[i - 1]!;
      const hi = i < b.bounds.length ? b.bounds[i]! : null;
      const value =
        hi === null ? (max !== null && max > lo ? max : lo) : lo > 0 ? Math.sqrt(lo * hi) : hi / 2;
      weighted.push([value * scale, c]);
    });
  } else {
    const base = Math.pow(2, Math.pow(2, -b.scale));
    if (b.zeroCount > 0) weighted.push([0, b.zeroCount]);
    b.counts.forEach((c, k) => {
      if (c > 0) weighted.push([Math.pow(base, b.offset + k + 0.5) * scale, c]);
    });
  }
  let sketch = emptySketch();
  for (const [value, c] of weighted) {
    // One value's sketch scaled to the bucket's count: the bucket key comes from the core sketch,
    // so these sketches merge exactly with those built from spans.
    const one = sketchOf([value]);
    for (const key of Object.keys(one.positive)) one.positive[key] = c;
    for (const key of Object.keys(one.negative)) one.negative[key] = c;
    if (one.zeroCount > 0) one.zeroCount = c;
    one.count = c;
    sketch = mergeSketches(sketch, one);
  }
  return sketch;
}

/** Adds a (delta) histogram point to the metrics side of its minute. */
export function addHistogramDelta(
  delta: HistogramPoint,
  prices: PriceBook,
  batch: MinuteBatch,
  into: (systemId: string, minute: number, state: MinuteState) => void,
): void {
  if (delta.count <= 0) return;
  const state = emptyMinute();
  const usage = state.metrics;
  if (delta.metric === DURATION_METRIC) {
    if (delta.operation !== null && NOT_MODEL_CALLS.has(delta.operation)) return;
    usage.requests = delta.count;
    usage.errors = delta.failed ? delta.count : 0;
    usage.latency = sketchOfBuckets(delta.buckets, delta.unitScale);
  } else {
    const type = delta.tokenType;
    if (type !== "input" && type !== "output") return;
    usage.tokenRequests = delta.count;
    if (type === "input") usage.inputTokens = delta.sum;
    else usage.outputTokens = delta.sum;
    const found = delta.model ? prices.pricesFor(delta.provider, delta.model, delta.timeMs) : null;
    if (found) {
      addCost(
        usage,
        costOf(found, {
          input: type === "input" ? delta.sum : 0,
          output: type === "output" ? delta.sum : 0,
          cachedInput: 0,
          cacheWrite: 0,
        }),
      );
    } else batch.noteUnpriced(`${delta.provider ?? "unknown provider"}/${delta.model ?? "unknown model"}`);
  }
  into(delta.systemId, delta.timeMs - (delta.timeMs % 60_000), state);
}
