import { clamp, lagOneAutocorrelation, median, robustScale } from "./robust-stats.js";
import { inferSeasonPeriod, movingMedian, seasonalProfile, seasonPhases } from "./seasonality.js";
import { varianceSegments } from "./variance-segmentation.js";
import { prefixSums, segmentLinear } from "./linear-segmentation.js";
import { classifySegments } from "./segment-classification.js";

/**
 * Offline quiet-failure detection on one series: level shifts, noise-level changes and slow
 * creep, with defaults meant to work on series never seen before (no per-series tuning).
 *
 * Pipeline: remove weekly (or daily) seasonality when a test finds it; find noise regimes on
 * differences; standardise by the local noise level; clip outliers against a moving median
 * (Huber-style); fit a penalised piecewise-linear model (BIC-like penalty scaled by the long-run
 * variance, so autocorrelated noise does not look like change); then keep the boundaries whose
 * jump is significant and the segments whose slope is.
 */

export type DetectOptions = {
  /** Penalty per boundary in multiples of log(n) × long-run variance. */
  penaltyPerLogN?: number;
  /** Penalty per noise-regime boundary in multiples of log(n). */
  variancePenaltyPerLogN?: number;
  jumpZ?: number;
  trendZ?: number;
  /** Clip points further than this many noise sigmas from the local median. */
  clipAt?: number;
  rampGain?: number;
};

export type DetectedChangePoint = {
  /** 0-based index where the new segment starts. */
  index: number;
  time: number | null;
  kind: "level" | "variance";
  /** Level shifts: the jump in the series' units. Variance changes: new / old noise level. */
  magnitude: number;
  /** How far the evidence is beyond noise: a z-score (level) or |log of the noise ratio| (variance). */
  strength: number;
  /** Typical (deseasoned) level just before the change, in the series' units. */
  before: number;
};

export type DetectedTrend = {
  start: number;
  /** Inclusive. */
  end: number;
  /** Robust (Sen-type) slope in the series' units per step. */
  slopePerStep: number;
  strength: number;
  startTime: number | null;
  /** Typical (deseasoned) level just before the trend started. */
  before: number;
};

export type ChangeDetection = {
  changePoints: DetectedChangePoint[];
  trends: DetectedTrend[];
  /** The seasonal period removed, or null when none was found. */
  seasonalPeriod: number | null;
  /** Typical level and noise, in the series' units, for describing findings. */
  level: number;
  noise: number;
};

const DEFAULTS: Required<DetectOptions> = {
  penaltyPerLogN: 3,
  variancePenaltyPerLogN: 2,
  jumpZ: 4.5,
  trendZ: 4,
  clipAt: 3.5,
  rampGain: 10,
};
const MIN_SEGMENT = 8;
const MIN_POINTS = 20;
/** Noise changes smaller than ×1.5 are not worth a finding. */
const MIN_LOG_SCALE_RATIO = Math.log(1.5);

/**
 * Finds change points and trends in `values`. `times` (epoch ms or null per value) only serve to
 * recognise daily/hourly data for seasonality and to stamp the results.
 */
export function detectChanges(
  values: readonly number[],
  times?: readonly (number | null)[],
  options: DetectOptions = {},
): ChangeDetection {
  const settings = { ...DEFAULTS, ...options };
  const n = values.length;
  const clean = fillGaps(values);
  const empty: ChangeDetection = {
    changePoints: [],
    trends: [],
    seasonalPeriod: null,
    level: median(clean),
    noise: robustScale(clean),
  };
  if (n < MIN_POINTS) return empty;

  const { period, stepMs } = inferSeasonPeriod(times);
  const phases = seasonPhases(n, period, times, stepMs);
  const profile = seasonalProfile(clean, phases, period);
  const deseasoned = profile ? clean.map((x, i) => x - (profile[phases[i] ?? 0] ?? 0)) : clean;

  const regimes = varianceSegments(deseasoned, settings.variancePenaltyPerLogN);
  const regimeEdges = [0, ...regimes.changes, n];
  const scaleAt = new Float64Array(n);
  for (let k = 0; k + 1 < regimeEdges.length; k++) {
    for (let i = regimeEdges[k] ?? 0; i < (regimeEdges[k + 1] ?? n); i++) scaleAt[i] = regimes.scales[k] ?? 1;
  }
  const level = median(deseasoned);
  const standardised = deseasoned.map((x, i) => (x - level) / (scaleAt[i] || 1));
  const local = movingMedian(standardised, 5);
  const clipped = standardised.map((z, i) => {
    const centre = local[i] ?? 0;
    return centre + clamp(z - centre, -settings.clipAt, settings.clipAt);
  });

  const longRunVariance = estimateLongRunVariance(clipped, settings.penaltyPerLogN);
  const boundaries = segmentLinear(
    clipped,
    settings.penaltyPerLogN * Math.log(n) * longRunVariance,
    MIN_SEGMENT,
  );
  const classification = classifySegments(prefixSums(clipped), n, boundaries, {
    sigma: Math.sqrt(longRunVariance),
    jumpZ: settings.jumpZ,
    trendZ: settings.trendZ,
    minTrendLength: 14,
    minTrendChange: 1,
    rampGain: settings.rampGain,
  });

  const timeAt = (index: number): number | null => times?.[index] ?? null;
  const changePoints: DetectedChangePoint[] = classification.levelShifts.map((shift) => ({
    index: shift.at,
    time: timeAt(shift.at),
    kind: "level",
    magnitude: shift.jump * (scaleAt[shift.at] ?? 1),
    strength: shift.z,
    before: levelBefore(deseasoned, shift.at, level),
  }));
  regimes.changes.forEach((at, k) => {
    const ratio = (regimes.scales[k + 1] ?? 1) / (regimes.scales[k] ?? 1);
    if (Math.abs(Math.log(ratio)) < MIN_LOG_SCALE_RATIO) return;
    if (changePoints.some((point) => Math.abs(point.index - at) <= 5)) return;
    changePoints.push({
      index: at,
      time: timeAt(at),
      kind: "variance",
      magnitude: ratio,
      strength: Math.abs(Math.log(ratio)),
      before: levelBefore(deseasoned, at, level),
    });
  });
  changePoints.sort((a, b) => a.index - b.index);

  const runs = [
    ...trendRuns(classification.segments),
    ...classification.ramps.map((ramp) => ({ ...ramp, strength: ramp.z })),
  ];
  runs.sort((a, b) => a.start - b.start);
  const trends = runs.map((run) => ({
    start: run.start,
    end: run.end,
    slopePerStep: senSlope(deseasoned, run.start, run.end),
    strength: run.strength,
    startTime: timeAt(run.start),
    before: levelBefore(deseasoned, run.start, level),
  }));
  return {
    changePoints,
    trends,
    seasonalPeriod: profile ? period : null,
    level,
    noise: median([...regimes.scales]),
  };
}

/** Replaces non-finite values by the previous finite one (or the first finite one). */
function fillGaps(values: readonly number[]): number[] {
  const firstFinite = values.find((x) => Number.isFinite(x)) ?? 0;
  let last = firstFinite;
  return values.map((x) => (Number.isFinite(x) ? (last = x) : last));
}

/**
 * Long-run variance of the noise after a first, unadjusted fit: residual variance inflated by
 * (1 + ρ) / (1 − ρ) for lag-1 autocorrelation ρ, never below 1 (values are standardised).
 */
function estimateLongRunVariance(values: readonly number[], penaltyPerLogN: number): number {
  const n = values.length;
  const boundaries = segmentLinear(values, penaltyPerLogN * Math.log(n), MIN_SEGMENT);
  const sums = prefixSums(values);
  const residuals: number[] = [];
  const edges = [0, ...boundaries, n];
  for (let k = 0; k + 1 < edges.length; k++) {
    const start = edges[k] ?? 0;
    const end = edges[k + 1] ?? n;
    const { mean, slope, meanIndex } = lineFitOf(sums, start, end);
    for (let i = start; i < end; i++) residuals.push((values[i] ?? 0) - mean - slope * (i - meanIndex));
  }
  const rho = clamp(lagOneAutocorrelation(residuals), 0, 0.8);
  const variance = Math.max(robustScale(residuals) ** 2, 1);
  return (variance * (1 + rho)) / (1 - rho);
}

function lineFitOf(sums: ReturnType<typeof prefixSums>, start: number, end: number) {
  const count = end - start;
  const si = (sums.index[end] ?? 0) - (sums.index[start] ?? 0);
  const sx = (sums.value[end] ?? 0) - (sums.value[start] ?? 0);
  const meanIndex = si / count;
  const mean = sx / count;
  const spread = (sums.indexSquared[end] ?? 0) - (sums.indexSquared[start] ?? 0) - si * meanIndex;
  const covariance = (sums.indexValue[end] ?? 0) - (sums.indexValue[start] ?? 0) - si * mean;
  return { mean, meanIndex, slope: spread > 0 ? covariance / spread : 0 };
}

/** Consecutive sloped segments of one sign, as one trend each. */
function trendRuns(segments: ReturnType<typeof classifySegments>["segments"]) {
  const runs: { start: number; end: number; strength: number }[] = [];
  let previousSign = 0;
  for (const segment of segments) {
    const sign = segment.sloped ? Math.sign(segment.fit.slope) : 0;
    const strength = Math.abs(segment.fit.slope) * Math.sqrt(segment.fit.indexSpread);
    const last = runs[runs.length - 1];
    if (sign !== 0 && sign === previousSign && last) {
      last.end = segment.end - 1;
      last.strength = Math.max(last.strength, strength);
    } else if (sign !== 0) {
      runs.push({ start: segment.start, end: segment.end - 1, strength });
    }
    previousSign = sign;
  }
  return runs;
}

/**
 * Sen-type slope over [start, end]: the median slope between points half the span apart. Robust to
 * outliers like Sen's estimator, but O(m) instead of O(m²).
 */
export function senSlope(values: readonly number[], start: number, end: number): number {
  const span = Math.max(1, Math.floor((end - start + 1) / 2));
  const slopes: number[] = [];
  for (let i = start; i + span <= end; i++) slopes.push(((values[i + span] ?? 0) - (values[i] ?? 0)) / span);
  return slopes.length ? median(slopes) : 0;
}

/** Median of up to four weeks of values just before `index` (the overall level if too few). */
function levelBefore(values: readonly number[], index: number, fallback: number): number {
  const window = values.slice(Math.max(0, index - 28), index);
  return window.length >= 3 ? median(window) : fallback;
}
