import { describe, it, expect } from "vitest";
import { describeFinding, findingFromOnline, findingsFromDetection } from "./findings.js";
import type { Finding } from "./findings.js";
import { detectChanges } from "./detect-changes.js";
import { seededRandom } from "./testdata/seeded-random.js";

const DAY_MS = 86_400_000;
const OCT_2 = Date.UTC(2024, 9, 2);

describe("describeFinding", () => {
  it("states a trend per week, relative to the level, with its start date", () => {
    const creep: Finding = {
      kind: "trend",
      sinceIndex: 40,
      since: OCT_2,
      change: 0.003 / 7,
      baseline: 0.1,
      strength: 8,
    };
    const description = describeFinding(
      creep,
      { name: "cost per request", direction: "higher_is_worse" },
      { stepMs: DAY_MS },
    );
    expect(description.sentence).toBe("cost per request up 3% a week since 2 Oct (high confidence)");
    expect(description.worse).toBe(true);
    expect(description.relativeChange).toBeCloseTo(0.03);
  });

  it("states level shifts with before and after, and noise changes as ratios", () => {
    const drop: Finding = {
      kind: "level_shift",
      sinceIndex: 10,
      since: OCT_2,
      change: -0.05,
      baseline: 0.9,
      strength: 5,
    };
    const description = describeFinding(drop, { name: "answer quality", direction: "higher_is_better" });
    expect(description.sentence).toBe(
      "answer quality dropped 5.6% (from 0.9 to 0.85) on 2 Oct (medium confidence)",
    );
    expect(description.worse).toBe(true);
    const noisy: Finding = {
      kind: "variance_change",
      sinceIndex: 3,
      since: null,
      change: 2.5,
      baseline: 1,
      strength: 3.7,
    };
    expect(describeFinding(noisy, { name: "latency" }).sentence).toBe(
      "latency became 2.5× as erratic since point 4 (low confidence)",
    );
  });

  it("falls back to absolute amounts near zero and adds the year when it differs", () => {
    const finding: Finding = {
      kind: "trend",
      sinceIndex: 0,
      since: OCT_2,
      change: 2,
      baseline: 0,
      strength: 4,
    };
    const description = describeFinding(
      finding,
      { name: "manual reviews", unit: "tickets" },
      { now: Date.UTC(2025, 0, 5) },
    );
    expect(description.sentence).toBe(
      "manual reviews up 2 tickets a point since 2 Oct 2024 (low confidence)",
    );
    expect(description.worse).toBeNull();
  });

  it("builds findings from offline and online detections", () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 150 }, (_, i) => (i >= 90 ? 130 : 100) + random.gaussian() * 3);
    const times = values.map((_, i) => OCT_2 - 90 * DAY_MS + i * DAY_MS);
    const [shift] = findingsFromDetection(detectChanges(values, times));
    expect(shift).toMatchObject({ kind: "level_shift", sinceIndex: 90, since: OCT_2 });
    expect(describeFinding(shift!, { name: "spend" }).sentence).toMatch(
      /^spend jumped (29|30|31)% \(from 1\d\d to 13\d\) on 2 Oct \(high confidence\)$/,
    );
    const online = findingFromOnline({
      kind: "variance_increase",
      sinceIndex: 5,
      sinceTime: null,
      detectedIndex: 9,
      magnitude: 2,
      baseline: 1,
      strength: 2,
    });
    expect(online.kind).toBe("variance_change");
  });
});
