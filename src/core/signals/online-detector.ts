import { clamp, differenceScale, median, robustScale } from "./robust-stats.js";
import { estimateSeasonality, inferSeasonPeriod, seasonPhases } from "./seasonality.js";
import { mannKendallZ, senSlopeOfBlocks } from "./block-trend.js";
import type { OnlineDetectorState, OnlineFinding, OnlinePoint } from "./online-detector-state.js";
import {
  ADAPT,
  CLIP,
  DRIFT,
  MEAN_ABS_NORMAL,
  MIN_BLOCKS,
  MAX_BLOCKS,
  MIN_NOISE_RATIO,
  NOISE_DRIFT,
  RECENT,
  RELEARN,
  SEASON_ADAPT,
  copyState,
  warmupLength,
} from "./online-detector-state.js";

export type {
  OnlineDetectorState,
  OnlineFinding,
  OnlineFindingKind,
  OnlineOptions,
  OnlinePoint,
} from "./online-detector-state.js";
export { createOnlineDetector } from "./online-detector-state.js";

/**
 * Online quiet-failure detection: a small, JSON-serialisable state per signal, updated one point
 * at a time in O(1) (O(weeks) once a week for the trend test), so every signal can be watched as
 * points arrive. After a warm-up of four seasons it learns the seasonal profile, level and noise;
 * then a two-sided CUSUM on clipped, deseasoned, standardised values flags level shifts, a CUSUM on
 * squared values flags growing noise, and a Mann–Kendall test on weekly means flags slow creep.
 */

/** Feeds one point; returns the new state and any finding it raised. The input state is not changed. */
export function updateDetector(
  previous: OnlineDetectorState,
  point: OnlinePoint,
): { state: OnlineDetectorState; newFindings: OnlineFinding[] } {
  const state = copyState(previous);
  return { state, newFindings: advance(state, point) };
}

/**
 * Feeds many points at once (a backfill, or replaying history after a restart). Same result as
 * calling updateDetector for each, but copies the state once instead of once per point.
 */
export function feedDetector(
  previous: OnlineDetectorState,
  points: readonly OnlinePoint[],
): { state: OnlineDetectorState; newFindings: OnlineFinding[] } {
  const state = copyState(previous);
  const newFindings: OnlineFinding[] = [];
  for (const point of points) {
    const found = advance(state, point);
    if (found.length > 0) newFindings.push(...found);
  }
  return { state, newFindings };
}

/** Advances the state in place by one point (the state must be a private copy). */
function advance(state: OnlineDetectorState, point: OnlinePoint): OnlineFinding[] {
  const index = state.count;
  state.count += 1;
  if (!Number.isFinite(point.v)) return [];
  if (index < warmupLength(state)) {
    state.warmup.push(point.v);
    state.warmupTimes.push(point.t ?? null);
    if (state.count === warmupLength(state)) learnBaseline(state);
    return [];
  }
  const phase = index % state.period;
  const seasonal = state.profile?.[phase] ?? 0;
  const deseasoned = point.v - seasonal;
  const z = (deseasoned - state.level) / state.scale;
  const clipped = clamp(z, -CLIP, CLIP);
  const findings: OnlineFinding[] = [];
  const time = point.t ?? null;

  const levelFromReference = (state.level - state.reference) / state.scale;
  const fromReference = clamp(z + levelFromReference, levelFromReference - CLIP, levelFromReference + CLIP);
  collectBlock(state, fromReference, index, time, findings);
  if (state.relearn > 0) {
    state.relearn -= 1;
    state.level +=
      (clamp(deseasoned - state.level, -CLIP * state.scale, CLIP * state.scale) * 1) /
      (RELEARN - state.relearn + 1);
    return findings;
  }
  if (state.profile) {
    // Keep learning the seasonal pattern: four weeks of warm-up leave it rough.
    const residual = clamp(deseasoned - state.level, -2 * state.scale, 2 * state.scale);
    state.profile[phase] = seasonal + SEASON_ADAPT * residual;
  }
  if (state.upper === 0) {
    state.upperStart = index;
    state.upperStartTime = time;
    state.upperSum = 0;
  }
  if (state.lower === 0) {
    state.lowerStart = index;
    state.lowerStartTime = time;
    state.lowerSum = 0;
  }
  state.upper = Math.max(0, state.upper + clipped - DRIFT);
  state.lower = Math.max(0, state.lower - clipped - DRIFT);
  state.upperSum += state.upper > 0 ? deseasoned : 0;
  state.lowerSum += state.lower > 0 ? deseasoned : 0;
  if (state.noise === 0) {
    state.noiseStart = index;
    state.noiseStartTime = time;
    state.noiseSquares = 0;
  }
  // |z| rather than z² keeps heavy tails and lone outliers from looking like a noisier regime.
  const size = Math.min(Math.abs(z), 3);
  state.noise = Math.max(0, state.noise + size - NOISE_DRIFT);
  state.noiseSquares += state.noise > 0 ? size : 0;
  state.recent.push(Math.log(Math.abs(z) + 0.05));
  if (state.recent.length > RECENT) state.recent.shift();

  const levelAlarm = state.upper > state.levelAlarm || state.lower > state.levelAlarm;
  // Growing noise pushes both CUSUMs up at once; a real shift moves only one.
  const bothSides = Math.min(state.upper, state.lower) > state.levelAlarm / 4;
  if (levelAlarm && !bothSides) {
    const rising = state.upper > state.levelAlarm;
    const since = rising ? state.upperStart : state.lowerStart;
    const newLevel = (rising ? state.upperSum : state.lowerSum) / Math.max(index - since + 1, 1);
    const creepZ = mannKendallZ(state.blocks);
    const partOfCreep = Math.abs(creepZ) >= state.trendZ && Math.sign(creepZ) === (rising ? 1 : -1);
    if (partOfCreep) {
      reportTrend(state, creepZ, index, time, findings);
      state.level = newLevel;
      resetCusums(state);
      return findings;
    }
    state.blocks = [];
    state.blocksStart = index + 1;
    state.blocksStartTime = null;
    state.blockSum = 0;
    state.blockCount = 0;
    findings.push({
      kind: "level_shift",
      sinceIndex: since,
      sinceTime: rising ? state.upperStartTime : state.lowerStartTime,
      detectedIndex: index,
      magnitude: newLevel - state.level,
      baseline: state.level,
      strength: Math.abs(newLevel - state.level) / state.scale,
    });
    state.level = newLevel;
    resetCusums(state);
  } else if (state.noise > state.noiseAlarm || levelAlarm) {
    const since = noiseChangeStart(state.recent, index);
    const ratio = state.noiseSquares / Math.max(index - state.noiseStart + 1, 1) / MEAN_ABS_NORMAL;
    resetCusums(state);
    state.scale *= Math.max(ratio, 1);
    if (ratio < MIN_NOISE_RATIO) return findings;
    findings.push({
      kind: "variance_increase",
      sinceIndex: since,
      sinceTime: time === null || state.stepMs === null ? null : time - (index - since) * state.stepMs,
      detectedIndex: index,
      magnitude: ratio,
      baseline: state.level,
      strength: ratio,
    });
  } else {
    const since = index - state.blocksStart;
    const rate = Math.max(ADAPT, 1 / (since + warmupLength(state)));
    state.level += rate * clamp(deseasoned - state.level, -2 * state.scale, 2 * state.scale);
  }
  return findings;
}

function learnBaseline(state: OnlineDetectorState): void {
  const phases = seasonPhases(state.warmup.length, state.period);
  // Shrink the profile towards zero by how weak its evidence is (James–Stein style) instead of
  // an all-or-nothing test: a few weeks of data give a rough profile, and it keeps adapting.
  const estimate = estimateSeasonality(state.warmup, phases, state.period);
  const shrink = estimate ? Math.max(0, 1 - (state.period - 1) / Math.max(estimate.statistic, 1e-9)) : 0;
  state.profile = estimate && shrink > 0 ? estimate.profile.map((x) => x * shrink) : null;
  const deseasoned = state.warmup.map((v, i) => v - (state.profile?.[i % state.period] ?? 0));
  state.level = median(deseasoned);
  state.reference = state.level;
  const scale = Math.max(differenceScale(deseasoned), robustScale(deseasoned));
  state.scale = scale > 0 ? scale : Math.max(Math.abs(state.level) * 0.01, 1e-9);
  state.blocksStart = state.count;
  state.stepMs = inferSeasonPeriod(state.warmupTimes).stepMs;
  state.warmup = [];
  state.warmupTimes = [];
}

function resetCusums(state: OnlineDetectorState): void {
  state.upper = 0;
  state.lower = 0;
  state.noise = 0;
  state.relearn = RELEARN;
}

/** Adds a standardised value to the current season block; tests for creep when a block completes. */
function collectBlock(
  state: OnlineDetectorState,
  value: number,
  index: number,
  time: number | null,
  findings: OnlineFinding[],
): void {
  if (state.blockCount === 0 && state.blocks.length === 0) state.blocksStartTime = time;
  state.blockSum += value;
  state.blockCount += 1;
  if (state.blockCount < state.period) return;
  if (state.blocks.length === MAX_BLOCKS) {
    state.blocks.shift();
    state.blocksStart += state.period;
    state.blocksStartTime = null;
  }
  state.blocks.push(state.blockSum / state.blockCount);
  state.blockSum = 0;
  state.blockCount = 0;
  if (state.blocks.length < MIN_BLOCKS) return;
  const creepZ = mannKendallZ(state.blocks);
  if (Math.abs(creepZ) < 1) state.trendDirection = 0;
  if (Math.abs(creepZ) >= state.trendZ) reportTrend(state, creepZ, index, time, findings);
}

function reportTrend(
  state: OnlineDetectorState,
  z: number,
  index: number,
  time: number | null,
  findings: OnlineFinding[],
): void {
  const direction = Math.sign(z);
  if (direction === state.trendDirection) return;
  const slopePerBlock = senSlopeOfBlocks(state.blocks);
  state.trendDirection = direction;
  findings.push({
    kind: "trend",
    sinceIndex: state.blocksStart,
    sinceTime:
      state.blocksStartTime ??
      (time === null || state.stepMs === null ? null : time - (index - state.blocksStart) * state.stepMs),
    detectedIndex: index,
    magnitude: (slopePerBlock * state.scale) / state.period,
    baseline: state.reference,
    strength: Math.abs(z),
  });
}

/**
 * Where the noise grew, within the recent buffer: the split that best separates a lower mean of
 * log|z| before from a higher one after (least squares), as an index into the series.
 */
function noiseChangeStart(recent: readonly number[], index: number): number {
  const n = recent.length;
  const total = recent.reduce((sum, x) => sum + x, 0);
  let best = n - 1;
  let bestScore = Number.NEGATIVE_INFINITY;
  let before = 0;
  for (let s = 1; s < n - 2; s++) {
    before += recent[s - 1] ?? 0;
    const after = total - before;
    const difference = after / (n - s) - before / s;
    const score = difference > 0 ? (difference * difference * s * (n - s)) / n : Number.NEGATIVE_INFINITY;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return index - (n - 1) + best;
}
