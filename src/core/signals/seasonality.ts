import { median, robustScale } from "./robust-stats.js";

/**
 * Weekly (or daily) seasonality: found, tested and removed before looking for changes, so the
 * Monday peak is not mistaken for a level shift every week.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The seasonal period to test for, from the spacing of the timestamps: 7 for daily data (a week),
 * 24 for hourly data (a day). Without timestamps the data are assumed daily; 0 means "no period".
 */
export function inferSeasonPeriod(times?: readonly (number | null)[]): {
  period: number;
  stepMs: number | null;
} {
  const known = (times ?? []).filter((t): t is number => t !== null && Number.isFinite(t));
  if (known.length < 3) return { period: 7, stepMs: null };
  const gaps: number[] = [];
  for (let i = 1; i < known.length; i++) gaps.push((known[i] ?? 0) - (known[i - 1] ?? 0));
  const step = median(gaps);
  if (Math.abs(step - DAY_MS) <= 0.1 * DAY_MS) return { period: 7, stepMs: step };
  if (Math.abs(step - HOUR_MS) <= 0.1 * HOUR_MS) return { period: 24, stepMs: step };
  return { period: 0, stepMs: step };
}

/**
 * The season phase of every index. With timestamps the phase follows the calendar, so a missing
 * day does not shift every later weekday; without, it is the index modulo the period.
 */
export function seasonPhases(
  n: number,
  period: number,
  times?: readonly (number | null)[],
  stepMs?: number | null,
) {
  const phases = new Int32Array(n);
  if (period <= 0) return phases;
  const origin = times?.find((t): t is number => t !== null && Number.isFinite(t));
  for (let i = 0; i < n; i++) {
    const t = times?.[i];
    const steps =
      t !== null && t !== undefined && origin !== undefined && stepMs ? Math.round((t - origin) / stepMs) : i;
    phases[i] = ((steps % period) + period) % period;
  }
  return phases;
}

/** Centred moving median over an odd window (shrinking at the ends). */
export function movingMedian(values: ArrayLike<number>, window: number): Float64Array {
  const half = Math.floor(window / 2);
  const out = new Float64Array(values.length);
  const buffer = new Float64Array(2 * half + 1);
  for (let i = 0; i < values.length; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(values.length - 1, i + half);
    let size = 0;
    // Insertion sort: the window is a handful of values, cheaper than a general sort.
    for (let j = from; j <= to; j++) {
      const x = values[j] ?? 0;
      let k = size++;
      while (k > 0 && (buffer[k - 1] ?? 0) > x) {
        buffer[k] = buffer[k - 1] ?? 0;
        k--;
      }
      buffer[k] = x;
    }
    const middle = size >> 1;
    out[i] = size % 2 ? (buffer[middle] ?? 0) : ((buffer[middle - 1] ?? 0) + (buffer[middle] ?? 0)) / 2;
  }
  return out;
}

/**
 * The seasonal profile (one offset per phase, centred on zero) when seasonality is statistically
 * present, else null. Values are first detrended by a moving median one period wide, so level
 * shifts and trends do not leak into the profile; the per-phase medians are then tested against
 * the noise with a chi-square test at the 1% level.
 */
export function seasonalProfile(
  values: ArrayLike<number>,
  phases: Int32Array,
  period: number,
): number[] | null {
  const estimate = estimateSeasonality(values, phases, period);
  if (!estimate) return null;
  return estimate.statistic > chiSquareQuantile(period - 1, 2.326) ? estimate.profile : null;
}

/**
 * The raw per-phase profile and its chi-square statistic (about period − 1 when there is no
 * seasonality), for callers that shrink rather than test; null when the series is too short.
 */
export function estimateSeasonality(
  values: ArrayLike<number>,
  phases: Int32Array,
  period: number,
): { profile: number[]; statistic: number } | null {
  if (period < 2 || values.length < 3 * period) return null;
  const trend = movingMedian(values, period % 2 ? period : period + 1);
  const byPhase: number[][] = Array.from({ length: period }, () => []);
  for (let i = 0; i < values.length; i++) byPhase[phases[i] ?? 0]?.push((values[i] ?? 0) - (trend[i] ?? 0));
  const raw = byPhase.map((group) => (group.length ? median(group) : 0));
  const centre = raw.reduce((sum, x) => sum + x, 0) / period;
  const profile = raw.map((x) => x - centre);
  const residuals: number[] = [];
  byPhase.forEach((group, p) => group.forEach((x) => residuals.push(x - (profile[p] ?? 0))));
  const noise = robustScale(residuals);
  if (!(noise > 0))
    return { profile, statistic: profile.some((x) => x !== 0) ? Number.POSITIVE_INFINITY : 0 };
  // A median of k values has variance ≈ (π/2)·σ²/k; sum the squared standardised offsets.
  let statistic = 0;
  byPhase.forEach(
    (group, p) => (statistic += (group.length * (profile[p] ?? 0) ** 2) / ((Math.PI / 2) * noise * noise)),
  );
  return { profile, statistic };
}

/** Wilson–Hilferty approximation of the chi-square quantile with `degrees` at normal quantile z. */
export function chiSquareQuantile(degrees: number, z: number): number {
  const a = 2 / (9 * degrees);
  return degrees * Math.pow(1 - a + z * Math.sqrt(a), 3);
}
