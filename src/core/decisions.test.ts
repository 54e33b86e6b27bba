import { describe, expect, it } from "vitest";
import {
  decisionPermission,
  decisionShapeProblem,
  isExpiringSoon,
  needsDecision,
  riskPosture,
} from "./decisions.js";
import type { Actor } from "./people.js";

const leader: Actor = { id: "l", name: "L", side: "leadership", isAdmin: false };
const engineer: Actor = { id: "e", name: "E", side: "engineering", isAdmin: true };

describe("decisionPermission", () => {
  it("lets only leadership decide, naming acceptance specifically", () => {
    expect(decisionPermission(leader, "accept")).toBeNull();
    expect(decisionPermission(engineer, "accept")?.code).toBe("risk_acceptance_requires_leadership");
    expect(decisionPermission(engineer, "mitigate")?.code).toBe("decision_requires_leadership");
    expect(decisionPermission(engineer, "accept")?.kind).toBe("forbidden");
  });
});

describe("decisionShapeProblem", () => {
  it("time-boxes acceptances and deferrals", () => {
    expect(decisionShapeProblem({ outcome: "accept", reviewBy: null }, "2026-01-01")?.code).toBe(
      "review_by_required",
    );
    expect(decisionShapeProblem({ outcome: "defer", reviewBy: null }, "2026-01-01")?.code).toBe(
      "review_by_required",
    );
    expect(decisionShapeProblem({ outcome: "mitigate", reviewBy: null }, "2026-01-01")).toBeNull();
    expect(decisionShapeProblem({ outcome: "accept", reviewBy: "2025-12-31" }, "2026-01-01")?.code).toBe(
      "review_by_in_past",
    );
    expect(decisionShapeProblem({ outcome: "accept", reviewBy: "2026-01-01" }, "2026-01-01")).toBeNull();
  });
});

describe("riskPosture", () => {
  it("derives posture from the live decision and the date", () => {
    expect(riskPosture(false, null, "2026-01-01")).toBe("undecided");
    expect(riskPosture(true, { outcome: "accept", reviewBy: "2020-01-01" }, "2026-01-01")).toBe("closed");
    expect(riskPosture(false, { outcome: "accept", reviewBy: "2026-01-01" }, "2026-01-01")).toBe("accepted");
    expect(riskPosture(false, { outcome: "accept", reviewBy: "2025-12-31" }, "2026-01-01")).toBe("expired");
    expect(riskPosture(false, { outcome: "transfer", reviewBy: null }, "2026-01-01")).toBe("transferred");
  });

  it("reopens an expired acceptance", () => {
    expect(
      needsDecision(riskPosture(false, { outcome: "accept", reviewBy: "2025-06-01" }, "2026-01-01")),
    ).toBe(true);
    expect(needsDecision("mitigating")).toBe(false);
  });

  it("flags acceptances due for review within 30 days", () => {
    expect(isExpiringSoon({ outcome: "accept", reviewBy: "2026-01-31" }, "2026-01-01")).toBe(true);
    expect(isExpiringSoon({ outcome: "accept", reviewBy: "2026-02-01" }, "2026-01-01")).toBe(false);
    expect(isExpiringSoon({ outcome: "defer", reviewBy: "2026-01-10" }, "2026-01-01")).toBe(false);
    expect(isExpiringSoon({ outcome: "accept", reviewBy: "2025-12-31" }, "2026-01-01")).toBe(false);
  });
});
