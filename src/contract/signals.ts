import { z } from "zod";
import { Id, IsoDateTime, RequiredText, Text } from "./common.js";
import { DIRECTIONS, SIGNAL_KINDS } from "../core/signals/types.js";

export const SignalKind = z.enum(SIGNAL_KINDS);
export const Direction = z.enum(DIRECTIONS);
export const AGGREGATIONS = ["sum", "mean", "ratio", "quantile"] as const;
export const AggregationKind = z.enum(AGGREGATIONS);

export const SignalKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,62}$/,
    "use lowercase letters, digits, dots, dashes and underscores, e.g. cost_usd",
  );

export const SignalCreate = z.object({
  key: SignalKey,
  name: RequiredText(200),
  kind: SignalKind,
  unit: Text(40).default("").describe('e.g. "USD", "ratio", "ms", "requests"'),
  direction: Direction.default("higher_is_worse"),
  aggregation: AggregationKind.default("mean").describe("How points combine in a bucket or window"),
  quantile: z.number().gt(0).lt(1).nullable().default(null).describe("For quantile aggregation, e.g. 0.95"),
  description: Text(2000).default(""),
});
export type SignalCreate = z.infer<typeof SignalCreate>;

export const Signal = z.object({
  id: Id,
  systemId: Id,
  systemKey: z.string(),
  key: z.string(),
  name: z.string(),
  kind: SignalKind,
  unit: z.string(),
  direction: Direction,
  aggregation: AggregationKind,
  quantile: z.number().nullable(),
  description: z.string(),
  createdAt: IsoDateTime,
  lastPointAt: IsoDateTime.nullable().describe("Time of the newest point received"),
  lastReceivedAt: IsoDateTime.nullable().describe("When a point last arrived"),
});
export type Signal = z.infer<typeof Signal>;

/**
 * One point as sent by a client. `t` is an ISO-8601 time with a zone (Z or +hh:mm) or epoch
 * milliseconds; `n` is the denominator for ratio signals (e.g. requests when `v` counts errors);
 * `source` distinguishes senders, and (signal, t, source) makes a write idempotent.
 */
export const PointInput = z.object({
  t: z.union([z.string(), z.number()]),
  v: z.number(),
  n: z.number().optional(),
  source: z.string().max(100).optional(),
  signal: z
    .string()
    .max(200)
    .optional()
    .describe('For the bulk endpoint: "system-key/signal-key" or a signal id'),
});
export type PointInput = z.infer<typeof PointInput>;

export const RowProblem = z.object({
  line: z.number().int().describe("1-based line (NDJSON/CSV) or array position + 1 (JSON)"),
  reason: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;

export const IngestResult = z.object({
  accepted: z.number().int().describe("Points committed (new or replacing the same signal, time and source)"),
  rejected: z.number().int(),
  problems: z.array(RowProblem).describe("The first 1,000 rejected rows with reasons"),
  signals: z.number().int().describe("Signals that received points"),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const RESOLUTIONS = ["raw", "hour", "day", "auto"] as const;
export const SeriesQuery = z.object({
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  resolution: z
    .enum(RESOLUTIONS)
    .default("auto")
    .describe("auto picks raw, hourly or daily to keep under ~2,000 points"),
});

export const SeriesPoint = z.object({
  t: z.number().describe("Bucket start or point time, epoch ms"),
  v: z.number().nullable().describe("The signal's aggregate over the bucket"),
  count: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export const Series = z.object({
  signalId: Id,
  resolution: z.enum(["raw", "hour", "day"]),
  points: z.array(SeriesPoint),
});
export type Series = z.infer<typeof Series>;
