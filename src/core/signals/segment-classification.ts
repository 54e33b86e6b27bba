import type { LineFit, PrefixSums } from "./linear-segmentation.js";
import { lineFit } from "./linear-segmentation.js";
import { bestHinge, bestRamp } from "./hinge-fit.js";

/**
 * Turns a piecewise-linear fit into findings: which boundaries are real level shifts (the two
 * sides disagree at the boundary by more than noise allows), which segments really slope, and
 * which boundaries were only the segmentation's way of bending a line (merged away).
 */

export type ClassifyOptions = {
  /** Long-run noise standard deviation of the values (autocorrelation included). */
  sigma: number;
  /** z-score a jump must reach to count as a level shift. */
  jumpZ: number;
  /** z-score a slope must reach to count as a trend. */
  trendZ: number;
  /** Shortest segment that may carry a trend. */
  minTrendLength: number;
  /** Smallest total change over a trend, in sigmas, worth reporting. */
  minTrendChange: number;
  /** Drop in squared error (in noise variances) a gradual ramp must buy over an instant step. */
  rampGain: number;
};

export type ClassifiedSegment = { start: number; end: number; fit: LineFit; sloped: boolean };
export type ClassifiedBoundary = { at: number; jump: number; z: number };

/** A shift that the data show happening gradually: slow creep that has ended. */
export type ClassifiedRamp = { start: number; end: number; jump: number; z: number };

export type Classification = {
  segments: ClassifiedSegment[];
  levelShifts: ClassifiedBoundary[];
  ramps: ClassifiedRamp[];
};

function classifySegment(
  sums: PrefixSums,
  start: number,
  end: number,
  options: ClassifyOptions,
): ClassifiedSegment {
  const fit = lineFit(sums, start, end);
  const slopeZ = fit.indexSpread > 0 ? (Math.abs(fit.slope) * Math.sqrt(fit.indexSpread)) / options.sigma : 0;
  const sloped =
    fit.n >= options.minTrendLength &&
    slopeZ >= options.trendZ &&
    Math.abs(fit.slope) * fit.n >= options.minTrendChange * options.sigma;
  return { start, end, fit, sloped };
}

function valueAt(segment: ClassifiedSegment, index: number): number {
  const { fit } = segment;
  return segment.sloped ? fit.mean + fit.slope * (index - fit.meanIndex) : fit.mean;
}

function varianceAt(segment: ClassifiedSegment, index: number, sigma: number): number {
  const { fit } = segment;
  const leverage = segment.sloped ? (index - fit.meanIndex) ** 2 / Math.max(fit.indexSpread, 1e-12) : 0;
  return sigma * sigma * (1 / fit.n + leverage);
}

/** Jump between two neighbouring segments, judged halfway between their facing points. */
export function boundaryJump(
  left: ClassifiedSegment,
  right: ClassifiedSegment,
  sigma: number,
): ClassifiedBoundary {
  const at = right.start - 0.5;
  const jump = valueAt(right, at) - valueAt(left, at);
  const z = Math.abs(jump) / Math.sqrt(varianceAt(left, at, sigma) + varianceAt(right, at, sigma));
  return { at: right.start, jump, z };
}

function mergeable(
  left: ClassifiedSegment,
  right: ClassifiedSegment,
  boundary: ClassifiedBoundary,
  options: ClassifyOptions,
) {
  if (boundary.z >= options.jumpZ) return false;
  if (!left.sloped && !right.sloped) return true;
  if (left.sloped !== right.sloped) return false;
  if (Math.sign(left.fit.slope) !== Math.sign(right.fit.slope)) return false;
  const slopeError =
    options.sigma *
    Math.sqrt(1 / Math.max(left.fit.indexSpread, 1e-12) + 1 / Math.max(right.fit.indexSpread, 1e-12));
  return Math.abs(left.fit.slope - right.fit.slope) / slopeError < options.trendZ;
}

/**
 * Classifies segments between `boundaries`, merging neighbours that the data do not tell apart
 * (weakest boundary first), and returns the surviving level shifts.
 */
export function classifySegments(
  sums: PrefixSums,
  n: number,
  boundaries: readonly number[],
  options: ClassifyOptions,
): Classification {
  const edges = [0, ...boundaries, n];
  let segments: ClassifiedSegment[] = [];
  for (let k = 0; k + 1 < edges.length; k++)
    segments.push(classifySegment(sums, edges[k] ?? 0, edges[k + 1] ?? n, options));
  for (;;) {
    let weakest = -1;
    let weakestZ = Number.POSITIVE_INFINITY;
    for (let k = 1; k < segments.length; k++) {
      const left = segments[k - 1];
      const right = segments[k];
      if (!left || !right) continue;
      const boundary = boundaryJump(left, right, options.sigma);
      if (mergeable(left, right, boundary, options) && boundary.z < weakestZ) {
        weakestZ = boundary.z;
        weakest = k;
      }
    }
    if (weakest < 0) break;
    const left = segments[weakest - 1];
    const right = segments[weakest];
    if (!left || !right) break;
    const merged = classifySegment(sums, left.start, right.end, options);
    segments = [...segments.slice(0, weakest - 1), merged, ...segments.slice(weakest + 1)];
  }
  const bends = new Set<number>();
  segments = bendInsteadOfJump(sums, segments, options, bends);
  const levelShifts: ClassifiedBoundary[] = [];
  const ramps: ClassifiedRamp[] = [];
  for (let k = 1; k < segments.length; k++) {
    const left = segments[k - 1];
    const right = segments[k];
    if (!left || !right || bends.has(right.start)) continue;
    const boundary = boundaryJump(left, right, options.sigma);
    if (boundary.z < options.jumpZ) continue;
    const ramp = gradualShift(sums, left, right, boundary, options);
    if (ramp) ramps.push(ramp);
    else levelShifts.push(boundary);
  }
  return { segments, levelShifts, ramps };
}

/**
 * Where a jump sits next to a slope, checks whether a continuous bend explains the data about as
 * well (a ramp starting or ending, not a shift). If so the boundary moves to the bend and stops
 * counting as a level shift.
 */
function bendInsteadOfJump(
  sums: PrefixSums,
  segments: ClassifiedSegment[],
  options: ClassifyOptions,
  bends: Set<number>,
): ClassifiedSegment[] {
  const result = [...segments];
  for (let k = 1; k < result.length; k++) {
    const left = result[k - 1];
    const right = result[k];
    if (!left || !right || (!left.sloped && !right.sloped)) continue;
    const boundary = boundaryJump(left, right, options.sigma);
    if (boundary.z < options.jumpZ) continue;
    const freeLines = left.fit.residualLine + right.fit.residualLine;
    const bend = bestHinge(sums, left.start, right.end);
    if (bend.hinge < 0 || bend.residual - freeLines >= options.jumpZ ** 2 * options.sigma ** 2) continue;
    const newLeft = classifySegment(sums, left.start, bend.hinge, options);
    const newRight = classifySegment(sums, bend.hinge, right.end, options);
    // Keep the bend only if the sides still differ in slope; otherwise one line covers both.
    result[k - 1] = { ...newLeft, sloped: newLeft.sloped || (left.sloped && newLeft.fit.n >= 3) };
    result[k] = { ...newRight, sloped: newRight.sloped || (right.sloped && newRight.fit.n >= 3) };
    bends.add(bend.hinge);
  }
  return result;
}

const MIN_RAMP_WIDTH = 8;

/** A flat-ramp-flat shape that fits clearly better than an instant step between two lines, if any. */
function gradualShift(
  sums: PrefixSums,
  left: ClassifiedSegment,
  right: ClassifiedSegment,
  boundary: ClassifiedBoundary,
  options: ClassifyOptions,
): ClassifiedRamp | null {
  const step = Math.min(
    left.fit.residualFlat + right.fit.residualFlat,
    left.fit.residualLine + right.fit.residualLine,
  );
  const ramp = bestRamp(sums, left.start, right.end, boundary.at, MIN_RAMP_WIDTH);
  if (step - ramp.residual < options.rampGain * options.sigma ** 2) return null;
  return { start: ramp.start, end: ramp.end - 1, jump: boundary.jump, z: boundary.z };
}
