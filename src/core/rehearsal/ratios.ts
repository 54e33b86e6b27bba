import { DAY_MS } from "../signals/types.js";
import type { DailyValue, LoadFit, Range } from "./types.js";

/** Days of history the per-request ratios are read from. */
export const RATIO_WINDOW_DAYS = 30;
/** Days of history the load fit reads: more days, more spread of load to learn from. */
export const FIT_WINDOW_DAYS = 90;
/** Ratios are taken over trailing 7-day totals, so the weekday/weekend mix is not counted as uncertainty. */
const TRAILING_DAYS = 7;

/** The q-quantile (0..1) of `values` by linear interpolation; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The 10th, 50th and 90th percentiles of `samples`: the range a rehearsal reports. */
export function spreadOf(samples: readonly number[]): Range | null {
  const finite = samples.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  return { low: quantile(finite, 0.1), central: quantile(finite, 0.5), high: quantile(finite, 0.9) };
}

/** Start of the UTC day of `t`. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** Values of complete days in [now - days, start of today), by day start. */
export function recentDays(values: readonly DailyValue[], now: number, days: number): Map<number, number> {
  const end = dayOf(now);
  const start = end - days * DAY_MS;
  const out = new Map<number, number>();
  for (const p of values) {
    const d = dayOf(p.t);
    if (d >= start && d < end && Number.isFinite(p.v)) out.set(d, p.v);
  }
  return out;
}

/**
 * Per-request ratios, one per observed day: the trailing 7-day total of `numerator` over the
 * trailing 7-day total of `denominator` (a series, or a constant requests-per-day figure). With
 * fewer than 7 paired days, each day's own ratio.
 */
export function ratioSamples(
  numerator: readonly DailyValue[],
  denominator: readonly DailyValue[] | number,
  now: number,
  days: number = RATIO_WINDOW_DAYS,
): number[] {
  const num = recentDays(numerator, now, days + TRAILING_DAYS - 1);
  const den =
    typeof denominator === "number"
      ? new Map([...num.keys()].map((d) => [d, denominator]))
      : recentDays(denominator, now, days + TRAILING_DAYS - 1);
  const paired = [...num.keys()].filter((d) => (den.get(d) ?? 0) > 0).sort((a, b) => a - b);
  const windowStart = dayOf(now) - days * DAY_MS;
  const inWindow = paired.filter((d) => d >= windowStart);
  if (paired.length < TRAILING_DAYS) return inWindow.map((d) => num.get(d)! / den.get(d)!);
  const out: number[] = [];
  for (const d of inWindow) {
    const trail = paired.filter((p) => p <= d && p > d - TRAILING_DAYS * DAY_MS);
    if (trail.length < Math.min(TRAILING_DAYS, 4)) continue;
    const n = trail.reduce((s, p) => s + num.get(p)!, 0);
    const m = trail.reduce((s, p) => s + den.get(p)!, 0);
    if (m > 0) out.push(n / m);
  }
  return out;
}

/** Samples of a rate signal (already a share per day): trailing 7-day means of its daily values. */
export function rateSamples(values: readonly DailyValue[], now: number, days: number = RATIO_WINDOW_DAYS) {
  const ones = values.map((p) => ({ t: p.t, v: 1 }));
  return ratioSamples(values, ones, now, days);
}

/** Mean of the last `days` complete days, or null without any. */
export function recentMean(values: readonly DailyValue[], now: number, days: number): number | null {
  const recent = [...recentDays(values, now, days).values()];
  return recent.length === 0 ? null : recent.reduce((s, v) => s + v, 0) / recent.length;
}

/** The flat fit used when the data cannot say how a quantity moves with load. */
export function flatFit(note: string, days = 0, loadRange: LoadFit["loadRange"] = null): LoadFit {
  return { exponent: { low: 0, central: 0, high: 0 }, evidence: false, days, loadRange, note };
}

const MIN_FIT_DAYS = 14;
const MIN_LOAD_SPREAD = 1.3;
/** z for the 10th/90th percentile, so the exponent range matches the other ranges. */
const Z90 = 1.2816;

/**
 * How `quantity` moved with daily load so far: the slope of log(quantity) on log(load) by least
 * squares (quantity ∝ load^slope). Without enough days, enough spread of load, or a slope clearly
 * above zero, the central exponent is 0 ("flat") and the note says why; the range still shows how
 * steep the data would allow.
 */
export function fitLoadExponent(
  load: readonly DailyValue[],
  quantity: readonly DailyValue[],
  now: number,
  days: number = FIT_WINDOW_DAYS,
): LoadFit {
  const l = recentDays(load, now, days);
  const q = recentDays(quantity, now, days);
  const pairs = [...l.entries()]
    .filter(([d, v]) => v > 0 && (q.get(d) ?? 0) > 0)
    .map(([d, v]) => [Math.log(v), Math.log(q.get(d)!)] as const);
  if (pairs.length < MIN_FIT_DAYS)
    return flatFit(
      `only ${pairs.length} days with both load and this signal (${MIN_FIT_DAYS} needed): assumed flat with load`,
      pairs.length,
    );
  const loads = pairs.map(([x]) => Math.exp(x));
  const loadRange = { min: Math.min(...loads), max: Math.max(...loads) };
  if (loadRange.max / loadRange.min < MIN_LOAD_SPREAD)
    return flatFit(
      `daily load stayed between ${Math.round(loadRange.min)} and ${Math.round(loadRange.max)}: too narrow to see an effect, assumed flat — a load test would tell`,
      pairs.length,
      loadRange,
    );
  const n = pairs.length;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxy / sxx;
  const residual = pairs.reduce((s, [x, y]) => s + (y - my - slope * (x - mx)) ** 2, 0);
  const se = Math.sqrt(residual / Math.max(n - 2, 1) / sxx);
  const low = Math.max(0, slope - Z90 * se);
  const high = Math.max(0, slope + Z90 * se);
  const clear = slope > 0 && slope > 2 * se;
  const range = `${Math.round(loadRange.min)}–${Math.round(loadRange.max)} a day`;
  return {
    exponent: { low, central: clear ? slope : 0, high: Math.max(high, clear ? slope : 0) },
    evidence: clear,
    days: n,
    loadRange,
    note: clear
      ? `grows with load^${slope.toFixed(2)} (log-log fit over ${n} days, load ${range}); beyond that range it is an extrapolation`
      : `no clear growth with load over ${n} days (load ${range}): assumed flat, up to load^${high.toFixed(2)} within the data's uncertainty`,
  };
}
