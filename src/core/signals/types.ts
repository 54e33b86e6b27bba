/**
 * The vocabulary of production signals. Kept as `as const` arrays so the contract layer can build
 * zod enums from the same lists without the core depending on zod.
 */

export const SIGNAL_KINDS = [
  "cost",
  "quality",
  "error_rate",
  "manual_work",
  "adoption",
  "latency",
  "freshness",
  "custom",
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const DIRECTIONS = ["higher_is_worse", "higher_is_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How the points of a signal combine into one number for a bucket or a window. */
export type Aggregation =
  | { kind: "sum" }
  | { kind: "mean" }
  /** Sum of values divided by the sum of denominators, e.g. errors / requests. */
  | { kind: "ratio" }
  /** The q-quantile (0..1), e.g. p95 latency is `{ kind: "quantile", q: 0.95 }`. */
  | { kind: "quantile"; q: number };

/**
 * One observation. `t` is epoch milliseconds (time zones are resolved before points reach the
 * core). `denominator` is only meaningful for ratio signals; a missing one counts as 1.
 */
export type Point = { t: number; v: number; denominator?: number };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
