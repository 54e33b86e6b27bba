import { describe, it, expect } from "vitest";
import { detectChanges } from "./detect-changes.js";
import { seededRandom } from "./testdata/seeded-random.js";
import { generateLabelledSet, generateNoChangeSet } from "./testdata/labelled-series.js";
import {
  addCounts,
  precisionRecallF1,
  scoreChangePoints,
  scoreTrends,
} from "./testdata/detection-scoring.js";
import type { Counts } from "./testdata/detection-scoring.js";

const DAY_MS = 86_400_000;
const weekly = [2, 1, 1, 0.5, 0, -2.5, -2];
function noisy(
  length: number,
  seed: number,
  meanAt: (i: number) => number,
  options: { spikes?: boolean } = {},
) {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, i) => {
    const spike = options.spikes && i % 37 === 11 ? 12 : 0;
    return meanAt(i) + (weekly[i % 7] ?? 0) + random.gaussian() + spike;
  });
}

describe("detectChanges", () => {
  it("finds a level shift on weekly-seasonal data with outliers, at the right index", () => {
    const values = noisy(365, 1, (i) => (i >= 200 ? 103 : 100), { spikes: true });
    const times = values.map((_, i) => Date.UTC(2024, 0, 1) + i * DAY_MS);
    const result = detectChanges(values, times);
    expect(result.changePoints.map((point) => point.index)).toEqual([200]);
    expect(result.changePoints[0]).toMatchObject({ kind: "level", time: times[200] });
    expect(result.changePoints[0]!.magnitude).toBeCloseTo(3, 0);
    expect(result.trends).toEqual([]);
    expect(result.seasonalPeriod).toBe(7);
  });

  it("reports a ramp as a trend, not as a staircase of level shifts", () => {
    const values = noisy(400, 2, (i) => 100 + Math.min(Math.max(i - 150, 0), 100) * 0.06);
    const result = detectChanges(values);
    expect(result.changePoints).toEqual([]);
    expect(result.trends).toHaveLength(1);
    expect(Math.abs(result.trends[0]!.start - 150)).toBeLessThanOrEqual(10);
    expect(Math.abs(result.trends[0]!.end - 249)).toBeLessThanOrEqual(10);
    expect(result.trends[0]!.slopePerStep).toBeCloseTo(0.06, 1);
  });

  it("finds a change in noise level", () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 300 }, (_, i) => 10 + random.gaussian() * (i >= 180 ? 3 : 1));
    const result = detectChanges(values);
    expect(result.changePoints).toHaveLength(1);
    expect(result.changePoints[0]).toMatchObject({ kind: "variance" });
    expect(Math.abs(result.changePoints[0]!.index - 180)).toBeLessThanOrEqual(5);
  });

  it("returns nothing for short, constant or flat-noise input", () => {
    expect(detectChanges([1, 2, 3])).toMatchObject({ changePoints: [], trends: [] });
    expect(detectChanges(Array(100).fill(5))).toMatchObject({ changePoints: [], trends: [] });
    expect(detectChanges(noisy(200, 4, () => 50))).toMatchObject({ changePoints: [], trends: [] });
    expect(
      detectChanges([...noisy(100, 5, () => 1), Number.NaN, ...noisy(100, 6, () => 1)]).changePoints,
    ).toEqual([]);
  });

  it("keeps a quality floor on a labelled set it was not tuned on", () => {
    const zero: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    let changes = zero;
    let trends = zero;
    for (const series of generateLabelledSet({ seed: 424_242, perScenario: 12 })) {
      const result = detectChanges(series.values, series.times);
      const rampEdges = series.trends.flatMap((ramp) => [ramp.start, ramp.end + 1]);
      changes = addCounts(
        changes,
        scoreChangePoints(
          series.changePoints,
          result.changePoints.map((p) => p.index),
          rampEdges,
        ),
      );
      trends = addCounts(trends, scoreTrends(series.trends, result.trends));
    }
    expect(precisionRecallF1(changes).f1).toBeGreaterThanOrEqual(0.7);
    expect(precisionRecallF1(trends).f1).toBeGreaterThanOrEqual(0.7);
  });

  it("raises nothing on most year-long no-change series with seasonality and outliers", () => {
    const set = generateNoChangeSet(515, 40, 365);
    const quiet = set.filter((series) => {
      const result = detectChanges(series.values, series.times);
      return result.changePoints.length === 0 && result.trends.length === 0;
    });
    expect(quiet.length / set.length).toBeGreaterThanOrEqual(0.9);
  });
});
