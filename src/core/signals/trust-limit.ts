import type { Point } from "./types.js";
import type { WindowAggregate } from "./window-aggregate.js";
import { aggregateWindow, sortedByTime } from "./window-aggregate.js";
import { theilSenSlope } from "./robust-stats.js";

/**
 * Trust limits: leadership's "what would make you stop trusting this system" made concrete, e.g.
 * "the 7-day mean of the manual-work rate above 15%".
 */

export type LimitState = "ok" | "at_risk" | "breached";

export type TrustLimit = {
  /** Length of the window the aggregate covers, ms (7 days for "over 7 days"). */
  windowMs: number;
  aggregate: WindowAggregate;
  /** "above": trust is lost when the aggregate goes above the threshold. */
  comparator: "above" | "below";
  threshold: number;
  /** How far ahead a forecast crossing makes the limit "at risk"; defaults to the window length. */
  horizonMs?: number;
};

export type LimitEvaluation = {
  state: LimitState;
  /** The window aggregate now; null when the window holds no data. */
  value: number | null;
  threshold: number;
  /** Distance to the threshold on the safe side (negative once breached); null without data. */
  headroom: number | null;
  /** When the aggregate reaches the threshold at its current trend; null if not heading there. */
  forecastBreachAt: number | null;
};

/** How many past evaluations of the aggregate feed the trend, and how far apart they are. */
const TREND_SAMPLES = 9;
const SAMPLES_PER_WINDOW = 4;

/**
 * Evaluates a limit at `now`: the window aggregate, how much room is left, and whether the recent
 * trend of that aggregate crosses the threshold within the horizon ("at risk"). The trend is a
 * Theil–Sen slope over the aggregate sampled across the last two windows, so one spike does not
 * raise a false forecast.
 */
export function evaluateLimit(limit: TrustLimit, points: readonly Point[], now: number): LimitEvaluation {
  const sorted = sortedByTime(points);
  const value = limitWindowValue(limit, sorted, now);
  if (value === null) {
    return { state: "ok", value: null, threshold: limit.threshold, headroom: null, forecastBreachAt: null };
  }
  const headroom = limit.comparator === "above" ? limit.threshold - value : value - limit.threshold;
  if (headroom < 0) {
    return { state: "breached", value, threshold: limit.threshold, headroom, forecastBreachAt: null };
  }
  const slope = aggregateTrend(limit, sorted, now);
  const towardsThreshold = limit.comparator === "above" ? slope > 0 : slope < 0;
  const forecastBreachAt =
    towardsThreshold && Number.isFinite(slope)
      ? now + Math.abs(headroom / slope)
      : headroom === 0
        ? now
        : null;
  const horizon = limit.horizonMs ?? limit.windowMs;
  const atRisk = forecastBreachAt !== null && forecastBreachAt - now <= horizon;
  return { state: atRisk ? "at_risk" : "ok", value, threshold: limit.threshold, headroom, forecastBreachAt };
}

/** Slope per millisecond of the window aggregate over the recent past (NaN if too little data). */
export function aggregateTrend(limit: TrustLimit, sorted: readonly Point[], now: number): number {
  const step = limit.windowMs / SAMPLES_PER_WINDOW;
  const times: number[] = [];
  const values: number[] = [];
  for (let k = TREND_SAMPLES - 1; k >= 0; k--) {
    const at = now - k * step;
    const sample = aggregateWindow(sorted, limit.aggregate, at - limit.windowMs, at);
    if (sample !== null) {
      times.push(at);
      values.push(sample);
    }
  }
  return times.length >= 3 ? theilSenSlope(times, values) : Number.NaN;
}

/**
 * The value a limit checks at `at`: its aggregate over the window (at − window, at], from points
 * sorted by time. Null when the window holds no data. `evaluateLimit` reads its value here.
 */
export function limitWindowValue(limit: TrustLimit, sorted: readonly Point[], at: number): number | null {
  return aggregateWindow(sorted, limit.aggregate, at - limit.windowMs, at);
}

/**
 * The value the limit would have evaluated at each of `times` (e.g. the end of each day), computed
 * exactly as `evaluateLimit` computes its value, so a chart of it agrees with the evaluation.
 */
export function limitWindowValues(
  limit: TrustLimit,
  points: readonly Point[],
  times: readonly number[],
): Array<number | null> {
  const sorted = sortedByTime(points);
  return times.map((at) => limitWindowValue(limit, sorted, at));
}
