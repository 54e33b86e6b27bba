/**
 * Scoring of detections against labels, shared by the benchmark and the quality test so both
 * measure the same thing: a change point counts when it is within `tolerance` points of a true
 * one (each truth matched at most once); a trend counts when it overlaps a true ramp by at least
 * half of the shorter of the two.
 */

export type Counts = { truePositives: number; falsePositives: number; falseNegatives: number };
export type Interval = { start: number; end: number };

/**
 * Matches detected change points to true ones, nearest first. Detections within `tolerance` of a
 * ramp's start or end are ignored rather than counted false: a kink is a legitimate place to see a
 * change, and the ramp itself is scored as a trend.
 */
export function scoreChangePoints(
  truth: readonly number[],
  detected: readonly number[],
  rampEdges: readonly number[] = [],
  tolerance = 5,
): Counts & { delays: number[] } {
  const unmatched = new Set(truth.map((_, i) => i));
  let truePositives = 0;
  let falsePositives = 0;
  const delays: number[] = [];
  const pairs = detected
    .flatMap((at, d) => truth.map((target, t) => ({ d, t, distance: Math.abs(at - target) })))
    .filter((pair) => pair.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance);
  const usedDetections = new Set<number>();
  for (const pair of pairs) {
    if (usedDetections.has(pair.d) || !unmatched.has(pair.t)) continue;
    usedDetections.add(pair.d);
    unmatched.delete(pair.t);
    truePositives += 1;
    delays.push((detected[pair.d] ?? 0) - (truth[pair.t] ?? 0));
  }
  detected.forEach((at, d) => {
    if (usedDetections.has(d)) return;
    if (rampEdges.some((edge) => Math.abs(edge - at) <= tolerance)) return;
    falsePositives += 1;
  });
  return { truePositives, falsePositives, falseNegatives: unmatched.size, delays };
}

/** Matches detected trends to true ramps by overlap. */
export function scoreTrends(truth: readonly Interval[], detected: readonly Interval[]): Counts {
  const overlaps = (a: Interval, b: Interval): boolean => {
    const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1;
    const shorter = Math.min(a.end - a.start + 1, b.end - b.start + 1);
    return shared > 0 && shared >= shorter / 2;
  };
  const matchedTruth = new Set<number>();
  let truePositives = 0;
  let falsePositives = 0;
  for (const found of detected) {
    const index = truth.findIndex((ramp, i) => !matchedTruth.has(i) && overlaps(ramp, found));
    if (index >= 0) {
      matchedTruth.add(index);
      truePositives += 1;
    } else if (!truth.some((ramp) => overlaps(ramp, found))) {
      falsePositives += 1;
    }
  }
  return { truePositives, falsePositives, falseNegatives: truth.length - matchedTruth.size };
}

/** Precision, recall and F1 of summed counts (1 where nothing was there to find or claim). */
export function precisionRecallF1(counts: Counts): { precision: number; recall: number; f1: number } {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Adds counts together. */
export function addCounts(a: Counts, b: Counts): Counts {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
  };
}
