import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("decisions on risks [%s]", (dialect) => {
  let w: TestWorld;
  let riskId: string;

  beforeAll(async () => {
    w = await createWorld(dialect);
    const sys = await w.engineer.post("/api/v1/systems", {
      key: "bot",
      name: "Bot",
      purpose: "Answers",
      expectedOutcome: "Faster",
    });
    expect(sys.status).toBe(201);
    const risk = await w.engineer.post("/api/v1/systems/bot/risks", {
      title: "Wrong answers",
      class: "quality",
      failureMode: "Hallucinated policy",
      businessImpact: "Refunds we owe nobody",
      likelihood: 3,
      impact: 5,
      growth: "quiet",
      costOfFailure: { low: 1000, high: 5000, currency: "USD" },
    });
    expect(risk.status).toBe(201);
    expect(risk.body.posture).toBe("undecided");
    riskId = risk.body.id;
  });
  afterAll(() => w.close());

  it("refuses an engineering account accepting a risk with 403 and the rule", async () => {
    const res = await w.engineer.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "accept",
      rationale: "Fine",
      reviewBy: "2026-09-01",
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("risk_acceptance_requires_leadership");
    expect(res.body.error.message).toMatch(/Only leadership can accept/);
    const other = await w.engineer.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "mitigate",
      rationale: "Add a check",
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("decision_requires_leadership");
    expect((await w.leader.get(`/api/v1/risks/${riskId}`)).body.decisions).toHaveLength(0);
  });

  it("requires a review-by date for an acceptance", async () => {
    const res = await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "accept",
      rationale: "Fine",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("review_by_required");
  });

  it("lets leadership accept, then supersedes without editing the first decision", async () => {
    const first = await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "accept",
      rationale: "Low volume for now",
      conditions: "While under 100 requests a day",
      reviewBy: "2026-07-01",
    });
    expect(first.status).toBe(201);
    expect(first.body.posture).toBe("accepted");
    expect(first.body.expiresInDays).toBe(30);
    const firstId = first.body.currentDecision.id;

    const second = await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "mitigate",
      rationale: "Volume grew",
    });
    expect(second.status).toBe(201);
    expect(second.body.posture).toBe("mitigating");
    const history = (await w.engineer.get(`/api/v1/risks/${riskId}/decisions`)).body.items;
    expect(history).toHaveLength(2);
    const old = history.find((d: { id: string }) => d.id === firstId);
    expect(old.supersededBy).toBe(second.body.currentDecision.id);
    expect(old.rationale).toBe("Low volume for now");
    expect(old.conditions).toBe("While under 100 requests a day");
    expect(old.decidedBy.name).toBe("Lena Leader");
  });

  it("reopens a risk when its acceptance passes the review-by date", async () => {
    const accepted = await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "accept",
      rationale: "Short term",
      reviewBy: "2026-06-05",
    });
    expect(accepted.body.posture).toBe("accepted");
    w.clock.now = new Date("2026-06-10T12:00:00Z"); // within the 14-day session
    try {
      const risk = await w.leader.get(`/api/v1/risks/${riskId}`);
      expect(risk.body.posture).toBe("expired");
      expect(risk.body.expiresInDays).toBe(-5);
      const map = await w.leader.get("/api/v1/portfolio");
      const bot = map.body.systems.find((s: { key: string }) => s.key === "bot");
      expect(bot.risks.expired).toBe(1);
      expect(bot.risks.undecidedHighImpact).toBe(1);
      const expiredFilter = await w.leader.get(`/api/v1/risks?posture=expired`);
      expect(expiredFilter.body.total).toBe(1);
    } finally {
      w.clock.now = new Date("2026-06-01T12:00:00Z");
    }
  });

  it("refuses a review-by date in the past and decisions on unknown risks", async () => {
    const past = await w.leader.post(`/api/v1/risks/${riskId}/decisions`, {
      outcome: "defer",
      rationale: "Later",
      reviewBy: "2020-01-01",
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("review_by_in_past");
    const unknown = await w.leader.post(`/api/v1/risks/nope/decisions`, {
      outcome: "avoid",
      rationale: "No",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("risk_not_found");
  });
});
