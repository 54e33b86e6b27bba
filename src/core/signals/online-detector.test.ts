import { describe, it, expect } from "vitest";
import { createOnlineDetector, feedDetector, updateDetector } from "./online-detector.js";
import type { OnlineFinding } from "./online-detector.js";
import { seededRandom } from "./testdata/seeded-random.js";
import { generateNoChangeSet } from "./testdata/labelled-series.js";

const weekly = [3, 2, 2, 1, 0, -4, -4];
function series(length: number, seed: number, meanAt: (i: number) => number, noise = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, i) => meanAt(i) + (weekly[i % 7] ?? 0) + random.gaussian() * noise);
}
function findingsOf(values: number[]): OnlineFinding[] {
  return feedDetector(
    createOnlineDetector(),
    values.map((v) => ({ v })),
  ).newFindings;
}

describe("online detector", () => {
  it("flags a level shift soon after it happens and dates it to where it started", () => {
    const findings = findingsOf(series(200, 1, (i) => (i >= 120 ? 104 : 100)));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "level_shift" });
    expect(Math.abs(findings[0]!.sinceIndex - 120)).toBeLessThanOrEqual(3);
    expect(findings[0]!.detectedIndex - 120).toBeLessThanOrEqual(8);
    expect(findings[0]!.magnitude).toBeGreaterThan(3);
  });

  it("flags slow creep as a trend and growing noise as a variance increase", () => {
    const creep = findingsOf(series(300, 2, (i) => 100 + Math.max(0, i - 100) * 0.03));
    expect(creep.some((finding) => finding.kind === "trend" && finding.magnitude > 0)).toBe(true);
    const random = seededRandom(3);
    const noisy = Array.from({ length: 250 }, (_, i) => 100 + random.gaussian() * (i >= 150 ? 3 : 1));
    expect(findingsOf(noisy).map((finding) => finding.kind)).toContain("variance_increase");
  });

  it("gives the same states and findings one point at a time as in a batch, and never mutates its input", () => {
    const values = series(160, 4, (i) => (i >= 100 ? 95 : 100));
    let state = createOnlineDetector();
    const oneByOne: OnlineFinding[] = [];
    for (const v of values) {
      const before = JSON.stringify(state);
      const result = updateDetector(state, { v, t: null });
      expect(JSON.stringify(state)).toBe(before);
      // Round-trips through JSON, as it would through the store.
      state = JSON.parse(JSON.stringify(result.state)) as typeof state;
      oneByOne.push(...result.newFindings);
    }
    const batch = feedDetector(
      createOnlineDetector(),
      values.map((v) => ({ v, t: null })),
    );
    expect(oneByOne).toEqual(batch.newFindings);
    expect(state).toEqual(JSON.parse(JSON.stringify(batch.state)));
  });

  it("stays quiet on most year-long no-change series with seasonality and outliers", () => {
    const quiet = generateNoChangeSet(31, 40, 365).filter((s) => findingsOf(s.values).length === 0).length;
    expect(quiet).toBeGreaterThanOrEqual(32);
  });
});
