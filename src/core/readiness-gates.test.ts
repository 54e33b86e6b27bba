import { describe, expect, it } from "vitest";
import { gateRules, readinessChecks, readinessGaps, type ReadinessSnapshot } from "./readiness.js";

const now = Date.parse("2026-06-01T12:00:00Z");
const snapshot: ReadinessSnapshot = {
  purpose: "Drafts replies",
  expectedOutcome: "Faster answers",
  hasLeadershipOwner: true,
  hasEngineeringOwner: false,
  latestRound: null,
  risks: [],
  signals: [{ name: "Spend", kind: "cost", lastPointAt: now - 30 * 3_600_000, guarded: true }],
  now,
};

describe("a stored gate policy", () => {
  it("replaces the default gates: an empty gate lets a system through", () => {
    expect(readinessGaps(snapshot, "idea", "pilot", { demo: [], pilot: [] })).toEqual([]);
    expect(readinessGaps(snapshot, "idea", "pilot").map((g) => g.rule)).toContain("owners_assigned");
  });

  it("tunes signals_flowing with hours, in the check and its label", () => {
    expect(readinessGaps(snapshot, "pilot", "production", { production: ["signals_flowing"] })).toEqual([]);
    const strict = { production: [{ rule: "signals_flowing" as const, hours: 24 }] };
    expect(readinessGaps(snapshot, "pilot", "production", strict)).toEqual([
      { rule: "signals_flowing", message: 'No data from "Spend" in the last 24 hours.' },
    ]);
    expect(readinessChecks(snapshot, "pilot", "production", strict)).toEqual([
      { rule: "signals_flowing", label: "Signals received data in the last 24 hours", met: false },
    ]);
  });

  it("lists each rule once over a multi-stage jump, with the latest stage's tuning", () => {
    const rules = gateRules(
      {
        pilot: [{ rule: "signals_flowing", hours: 72 }, "purpose_stated"],
        production: [{ rule: "signals_flowing", hours: 12 }],
      },
      "demo",
      "production",
    );
    expect(rules).toEqual([
      { rule: "signals_flowing", params: { hours: 12 } },
      { rule: "purpose_stated", params: {} },
    ]);
  });
});
