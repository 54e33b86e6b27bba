// OTLP/JSON request bodies written by hand, following the OTLP specification's JSON mapping
// (lowerCamelCase keys, 64-bit integers as decimal strings, integer enums, hex ids).

export type Attr = string | number | boolean;

export function kv(attrs: Record<string, Attr>): Array<{ key: string; value: Record<string, unknown> }> {
  return Object.entries(attrs).map(([key, v]) => ({
    key,
    value:
      typeof v === "string"
        ? { stringValue: v }
        : typeof v === "boolean"
          ? { boolValue: v }
          : Number.isInteger(v)
            ? { intValue: String(v) }
            : { doubleValue: v },
  }));
}

export const nanos = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

export interface SpanSpec {
  end: number;
  durationMs: number;
  attrs?: Record<string, Attr>;
  error?: boolean;
  events?: Array<{ name: string; attrs: Record<string, Attr> }>;
}

let spanCounter = 0;
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

export function chatSpan(spec: SpanSpec): Record<string, unknown> {
  spanCounter += 1;
  return {
    traceId: hex(spanCounter, 32),
    spanId: hex(spanCounter, 16),
    name: `chat ${spec.attrs?.["gen_ai.request.model"] ?? ""}`.trim(),
    kind: 3,
    startTimeUnixNano: nanos(spec.end - spec.durationMs),
    endTimeUnixNano: nanos(spec.end),
    attributes: kv({ "gen_ai.operation.name": "chat", ...spec.attrs }),
    events: (spec.events ?? []).map((e) => ({
      timeUnixNano: nanos(spec.end),
      name: e.name,
      attributes: kv(e.attrs),
    })),
    status: spec.error ? { code: 2, message: "rate limited" } : { code: 0 },
    droppedAttributesCount: 0,
    flags: 1,
    unknownFutureField: { ignored: true },
  };
}

export function traces(
  resource: Record<string, Attr>,
  spans: Array<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: kv(resource) },
        scopeSpans: [{ scope: { name: "test-genai", version: "1.0.0" }, spans }],
        schemaUrl: "https://opentelemetry.io/schemas/1.37.0",
      },
    ],
  };
}

export interface HistogramSpec {
  name: string;
  unit: string;
  temporality: 1 | 2;
  points: Array<{
    start: number;
    time: number;
    attrs: Record<string, Attr>;
    counts: number[];
    bounds: number[];
    sum: number;
  }>;
}

export function metrics(
  resource: Record<string, Attr>,
  histograms: HistogramSpec[],
): Record<string, unknown> {
  return {
    resourceMetrics: [
      {
        resource: { attributes: kv(resource) },
        scopeMetrics: [
          {
            scope: { name: "test-genai" },
            metrics: histograms.map((h) => ({
              name: h.name,
              unit: h.unit,
              histogram: {
                aggregationTemporality: h.temporality,
                dataPoints: h.points.map((p) => ({
                  attributes: kv(p.attrs),
                  startTimeUnixNano: nanos(p.start),
                  timeUnixNano: nanos(p.time),
                  count: String(p.counts.reduce((a, b) => a + b, 0)),
                  sum: p.sum,
                  bucketCounts: p.counts.map(String),
                  explicitBounds: p.bounds,
                })),
              },
            })),
          },
        ],
      },
    ],
  };
}
