import { describe, expect, it } from "vitest";
import {
  isGatedMove,
  nextStage,
  readinessChecks,
  readinessGaps,
  type ReadinessSnapshot,
} from "./readiness.js";

const ready: ReadinessSnapshot = {
  purpose: "Drafts replies",
  expectedOutcome: "Faster support",
  hasLeadershipOwner: true,
  hasEngineeringOwner: true,
  latestRound: { title: "Pre-launch", asked: 3, aligned: 3 },
  risks: [
    {
      title: "Cost creep",
      impact: 4,
      posture: "accepted",
      growth: "quiet",
      safeguards: [{ kind: "detect", status: "live" }],
    },
    { title: "Typos", impact: 2, posture: "undecided", growth: "loud", safeguards: [] },
  ],
  signals: [
    { name: "Spend", kind: "cost", lastPointAt: Date.UTC(2026, 0, 1, 10), guarded: true },
    { name: "Grounding score", kind: "quality", lastPointAt: Date.UTC(2026, 0, 1, 9), guarded: true },
  ],
  now: Date.UTC(2026, 0, 1, 12),
};

describe("readinessGaps", () => {
  it("passes a system that meets every rule", () => {
    expect(readinessGaps(ready, "pilot", "production")).toEqual([]);
  });

  it("lists each missing condition with its rule", () => {
    const gaps = readinessGaps(
      {
        ...ready,
        purpose: "",
        hasEngineeringOwner: false,
        latestRound: { title: "Q3", asked: 4, aligned: 1 },
        risks: [
          {
            title: "Drift",
            impact: 5,
            posture: "expired",
            growth: "quiet",
            safeguards: [{ kind: "detect", status: "planned" }],
          },
        ],
        signals: [{ name: "Spend", kind: "cost", lastPointAt: Date.UTC(2025, 11, 1), guarded: false }],
      },
      "pilot",
      "production",
    );
    expect(gaps.map((g) => g.rule)).toEqual([
      "purpose_stated",
      "owners_assigned",
      "questions_read_back",
      "high_impact_risks_decided",
      "quiet_risks_detected",
      "cost_limit",
      "quality_limit",
      "signals_flowing",
    ]);
    expect(gaps.find((g) => g.rule === "signals_flowing")?.message).toMatch(
      /No data from "Spend" in the last 48 hours/,
    );
    expect(gaps.find((g) => g.rule === "high_impact_risks_decided")?.message).toMatch(/expired/);
    expect(gaps.find((g) => g.rule === "questions_read_back")?.message).toMatch(/3 of 4/);
  });

  it("asks for a round when none was held", () => {
    expect(readinessGaps({ ...ready, latestRound: null }, "demo", "pilot").map((g) => g.rule)).toEqual([
      "questions_read_back",
    ]);
  });

  it("applies every stage passed over when jumping, and never gates moving back or retiring", () => {
    expect(readinessGaps({ ...ready, purpose: "" }, "idea", "pilot").length).toBe(1);
    expect(readinessGaps({ ...ready, purpose: "" }, "production", "pilot")).toEqual([]);
    expect(readinessGaps({ ...ready, purpose: "" }, "idea", "retired")).toEqual([]);
    expect(isGatedMove("idea", "demo")).toBe(true);
    expect(isGatedMove("production", "retired")).toBe(false);
  });

  it("follows stages in order", () => {
    expect(nextStage("idea")).toBe("demo");
    expect(nextStage("production")).toBeNull();
    expect(nextStage("retired")).toBeNull();
  });
});

describe("readinessChecks", () => {
  it("lists every rule of the gate with whether it is met", () => {
    const checks = readinessChecks({ ...ready, hasLeadershipOwner: false }, "pilot", "production");
    expect(checks.map((c) => [c.rule, c.met])).toEqual([
      ["purpose_stated", true],
      ["owners_assigned", false],
      ["questions_read_back", true],
      ["high_impact_risks_decided", true],
      ["quiet_risks_detected", true],
      ["cost_limit", true],
      ["quality_limit", true],
      ["signals_flowing", true],
    ]);
    expect(checks[1]?.label).toBe("An owner on each side");
    expect(readinessChecks(ready, "production", "retired")).toEqual([]);
  });
});
