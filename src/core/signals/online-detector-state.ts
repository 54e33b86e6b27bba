/**
 * The online detector's state: a plain, JSON-serialisable object per signal (the store keeps it
 * beside the signal), its tuning constants, and how a fresh one looks.
 */

export type OnlineFindingKind = "level_shift" | "variance_increase" | "trend";

export type OnlineFinding = {
  kind: OnlineFindingKind;
  /** Index (count of points before it) where the change is estimated to have started. */
  sinceIndex: number;
  sinceTime: number | null;
  /** Index of the point that raised the finding. */
  detectedIndex: number;
  /** Level shift: jump in series units. Variance: new/old noise ratio. Trend: slope per step. */
  magnitude: number;
  /** Level before the change, in series units (to express the change in percent). */
  baseline: number;
  /** z-score-like strength of the evidence. */
  strength: number;
};

export type OnlineDetectorState = {
  count: number;
  period: number;
  warmup: number[];
  warmupTimes: (number | null)[];
  profile: number[] | null;
  level: number;
  scale: number;
  upper: number;
  lower: number;
  upperStart: number;
  lowerStart: number;
  upperSum: number;
  lowerSum: number;
  noise: number;
  noiseStart: number;
  /** Sum of |z| since the noise CUSUM left zero. */
  noiseSquares: number;
  /** Points left in the quiet re-learning phase after an alarm. */
  relearn: number;
  blockSum: number;
  blockCount: number;
  blocks: number[];
  blocksStart: number;
  trendDirection: number;
  /** Level learnt at warm-up: block means are measured from it, so level alarms do not move them. */
  reference: number;
  levelAlarm: number;
  noiseAlarm: number;
  trendZ: number;
  upperStartTime: number | null;
  lowerStartTime: number | null;
  noiseStartTime: number | null;
  blocksStartTime: number | null;
  /** Typical spacing of the timestamps, learnt at warm-up (null without timestamps). */
  stepMs: number | null;
  /** log|z| of the latest points, to date a change of noise level when it is flagged. */
  recent: number[];
};

export type OnlineOptions = {
  period?: number;
  /** CUSUM decision interval for level shifts, in noise sigmas. */
  levelAlarm?: number;
  /** CUSUM decision interval for growing noise. */
  noiseAlarm?: number;
  /** Mann–Kendall z on weekly means that counts as creep. */
  trendZ?: number;
};

export const SEASONS_OF_WARMUP = 6;
export const DRIFT = 0.75;
export const LEVEL_ALARM = 12;
export const NOISE_ALARM = 14;
export const NOISE_DRIFT = 1.2;
export const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);
export const MIN_NOISE_RATIO = 1.5;
export const SEASON_ADAPT = 0.05;
export const CLIP = 4;
export const ADAPT = 0.01;
export const RELEARN = 5;
export const MAX_BLOCKS = 26;
export const RECENT = 60;
export const MIN_BLOCKS = 6;
export const TREND_Z = 3;

/** A fresh detector; `period` is the seasonal period to learn (7 for daily data, 24 for hourly). */
export function createOnlineDetector(options: OnlineOptions = {}): OnlineDetectorState {
  return {
    count: 0,
    period: options.period ?? 7,
    warmup: [],
    warmupTimes: [],
    profile: null,
    level: 0,
    scale: 1,
    upper: 0,
    lower: 0,
    upperStart: 0,
    lowerStart: 0,
    upperSum: 0,
    lowerSum: 0,
    noise: 0,
    noiseStart: 0,
    noiseSquares: 0,
    relearn: 0,
    blockSum: 0,
    blockCount: 0,
    blocks: [],
    blocksStart: 0,
    trendDirection: 0,
    reference: 0,
    levelAlarm: options.levelAlarm ?? LEVEL_ALARM,
    noiseAlarm: options.noiseAlarm ?? NOISE_ALARM,
    trendZ: options.trendZ ?? TREND_Z,
    upperStartTime: null,
    lowerStartTime: null,
    noiseStartTime: null,
    blocksStartTime: null,
    stepMs: null,
    recent: [],
  };
}

/** Points learnt from before detection starts: six seasons. */
export function warmupLength(state: OnlineDetectorState): number {
  return Math.max(SEASONS_OF_WARMUP * state.period, 20);
}

export type OnlinePoint = { v: number; t?: number | null };

/** A private copy of a state, so updates never change what the caller holds. */
export function copyState(state: OnlineDetectorState): OnlineDetectorState {
  return {
    ...state,
    warmup: [...state.warmup],
    warmupTimes: [...state.warmupTimes],
    profile: state.profile ? [...state.profile] : null,
    blocks: [...state.blocks],
    recent: [...state.recent],
  };
}
