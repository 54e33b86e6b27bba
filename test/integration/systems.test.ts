import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("systems, stages and readiness gates [%s]", (dialect) => {
  let w: TestWorld;

  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it("creates, reads by key or id, edits and lists with filters and pagination", async () => {
    const created = await w.engineer.post("/api/v1/systems", {
      key: "Support-Bot",
      name: "Support bot",
      purpose: "Drafts support replies",
      expectedOutcome: "30% faster handling",
      valueEstimate: { amount: 100000, currency: "USD" },
      leadershipOwnerId: w.leader.person.id,
      engineeringOwnerId: w.engineer.person.id,
      models: ["openai/gpt-4o-mini"],
      usersReached: "external",
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toBe("support-bot");
    expect(created.body.leadershipOwner.name).toBe("Lena Leader");
    const byId = await w.leader.get(`/api/v1/systems/${created.body.id}`);
    expect(byId.body.key).toBe("support-bot");
    const edited = await w.leader.patch("/api/v1/systems/support-bot", {
      scalePlanned: "10x by Q3",
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    // A PATCH changes only what it names.
    expect(edited.body).toMatchObject({
      purpose: "Drafts support replies",
      scalePlanned: "10x by Q3",
      usersReached: "external",
    });
    expect(edited.body.leadershipOwner.name).toBe("Lena Leader");

    for (let i = 0; i < 5; i++)
      await w.engineer.post("/api/v1/systems", { key: `extra-${i}`, name: `Extra ${i}`, stage: "demo" });
    const page1 = await w.leader.get("/api/v1/systems?limit=2");
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBe(6);
    expect(page1.body.nextOffset).toBe(2);
    const last = await w.leader.get("/api/v1/systems?limit=2&offset=4");
    expect(last.body.nextOffset).toBeNull();
    expect((await w.leader.get("/api/v1/systems?stage=demo")).body.total).toBe(5);
    expect((await w.leader.get(`/api/v1/systems?ownerId=${w.leader.person.id}`)).body.total).toBe(1);
    expect((await w.leader.get("/api/v1/systems?q=support")).body.total).toBe(1);
    const badOwner = await w.engineer.post("/api/v1/systems", {
      key: "x-owner",
      name: "x",
      leadershipOwnerId: "ghost",
    });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.code).toBe("unknown_person");
  });

  it("gates stage moves, lists the gaps, and records who moved it", async () => {
    const demo = await w.engineer.post("/api/v1/systems/support-bot/stage", { to: "demo" });
    expect(demo.status).toBe(200);
    const refused = await w.engineer.post("/api/v1/systems/support-bot/stage", { to: "production" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("readiness_gate_failed");
    const rules = refused.body.error.details.gaps.map((g: { rule: string }) => g.rule);
    expect(rules).toContain("questions_read_back");

    const risk = await w.engineer.post("/api/v1/systems/support-bot/risks", {
      title: "Cost creep",
      class: "cost_variability",
      impact: 4,
      growth: "quiet",
    });
    const readiness = await w.leader.get("/api/v1/systems/support-bot/readiness?to=production");
    expect(readiness.body.ready).toBe(false);
    const messages = readiness.body.gaps.map((g: { message: string }) => g.message).join("\n");
    expect(messages).toMatch(/not decided on the high-impact risk "Cost creep"/);
    expect(messages).toMatch(/quietly growing risk "Cost creep" has no live detect safeguard/);

    const bank = (await w.leader.get("/api/v1/questions")).body.items;
    const round = await w.leader.post("/api/v1/systems/support-bot/rounds", {
      title: "Pre-launch",
      questionIds: [bank[0].id],
    });
    const ask = round.body.asks[0];
    const answerer = ask.askedBy === "leadership" ? w.engineer : w.leader;
    const asker = ask.askedBy === "leadership" ? w.leader : w.engineer;
    await answerer.post(`/api/v1/asks/${ask.id}/answers`, { body: "Answer" });
    await asker.post(`/api/v1/asks/${ask.id}/read-backs`, {
      restatement: "In my words",
      verdict: "understood",
    });
    await w.leader.post(`/api/v1/risks/${risk.body.id}/decisions`, {
      outcome: "mitigate",
      rationale: "Watch it",
    });
    await w.engineer.post("/api/v1/systems/support-bot/safeguards", {
      name: "Cost monitor",
      kind: "detect",
      status: "live",
      riskIds: [risk.body.id],
    });

    const signalGaps = (await w.leader.get("/api/v1/systems/support-bot/readiness?to=production")).body.gaps;
    expect(signalGaps.map((g: { rule: string }) => g.rule)).toEqual([
      "cost_limit",
      "quality_limit",
      "signals_flowing",
    ]);
    await w.engineer.post("/api/v1/systems/support-bot/signals", {
      key: "spend",
      name: "Spend",
      kind: "cost",
      aggregation: "sum",
    });
    await w.engineer.post("/api/v1/systems/support-bot/signals", {
      key: "quality",
      name: "Quality",
      kind: "quality",
    });
    await w.leader.post("/api/v1/budgets", {
      signalId: "support-bot/spend",
      name: "Monthly",
      kind: "spend",
      amount: 1000,
      period: { kind: "calendar_month" },
    });
    await w.leader.post("/api/v1/limits", {
      signalId: "support-bot/quality",
      windowDays: 7,
      comparator: "below",
      threshold: 0.8,
    });
    const stale = (await w.leader.get("/api/v1/systems/support-bot/readiness?to=production")).body.gaps;
    expect(stale.map((g: { message: string }) => g.message).sort()).toEqual([
      'No data from "Quality" in the last 48 hours.',
      'No data from "Spend" in the last 48 hours.',
    ]);
    const t = w.clock.now.toISOString();
    await w.engineer.post("/api/v1/points", [
      { signal: "support-bot/spend", t, v: 12 },
      { signal: "support-bot/quality", t, v: 0.93 },
    ]);
    const ready = await w.leader.get("/api/v1/systems/support-bot/readiness?to=production");
    expect(ready.body).toMatchObject({ ready: true, gaps: [], from: "demo", to: "production" });
    const map = (await w.leader.get("/api/v1/portfolio")).body.systems.find(
      (s: { key: string }) => s.key === "support-bot",
    );
    expect(map.health).toMatchObject({ signals: 2, limits: { ok: 1 }, budgets: { ok: 1 }, openFindings: 0 });
    const moved = await w.leader.post("/api/v1/systems/support-bot/stage", { to: "production", note: "Go" });
    expect(moved.status).toBe(200);
    expect(moved.body.stage).toBe("production");
    const changes = (await w.leader.get("/api/v1/systems/support-bot/stage-changes")).body.items;
    expect(changes.map((c: { to: string }) => c.to)).toEqual(["production", "demo"]);
    expect(changes[0].changedBy.name).toBe("Lena Leader");
    const back = await w.engineer.post("/api/v1/systems/support-bot/stage", { to: "retired" });
    expect(back.status).toBe(200);
  });

  it("records structured not-ready and go-faster statements by the right side", async () => {
    const wrongSide = await w.leader.post("/api/v1/systems/extra-0/statements", {
      kind: "not_ready",
      missingConditions: ["x"],
      riskIfShippedNow: "y",
    });
    expect(wrongSide.status).toBe(403);
    expect(wrongSide.body.error.code).toBe("not_ready_requires_engineering");
    const empty = await w.engineer.post("/api/v1/systems/extra-0/statements", {
      kind: "not_ready",
      missingConditions: [],
      riskIfShippedNow: "y",
    });
    expect(empty.status).toBe(400);
    const notReady = await w.engineer.post("/api/v1/systems/extra-0/statements", {
      kind: "not_ready",
      missingConditions: ["Cost limit set", "Quality eval above 0.9"],
      riskIfShippedNow: "Spend could double unnoticed",
    });
    expect(notReady.status).toBe(201);
    const risk = await w.engineer.post("/api/v1/systems/extra-0/risks", {
      title: "Drift",
      class: "quiet_degradation",
    });
    const noRisks = await w.leader.post("/api/v1/systems/extra-0/statements", {
      kind: "go_faster",
      acceptedUntil: "2026-09-01",
      reason: "Q3",
    });
    expect(noRisks.status).toBe(400);
    expect(noRisks.body.error.code).toBe("accepted_risks_required");
    const faster = await w.leader.post("/api/v1/systems/extra-0/statements", {
      kind: "go_faster",
      acceptedRiskIds: [risk.body.id],
      acceptedUntil: "2026-09-01",
      reason: "Launch before the conference",
    });
    expect(faster.status).toBe(201);
    expect(faster.body.acceptedRisks[0].title).toBe("Drift");
    const list = (await w.engineer.get("/api/v1/systems/extra-0/statements")).body.items;
    expect(list.map((s: { kind: string }) => s.kind)).toEqual(["go_faster", "not_ready"]);
  });

  it("keeps an attributed timeline of every change", async () => {
    const events = (await w.leader.get("/api/v1/systems/support-bot/timeline?limit=100")).body;
    const actions = events.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "create",
        "update",
        "stage_change",
        "propose",
        "mitigate",
        "answer",
        "understood",
      ]),
    );
    expect(events.items.every((e: { actor: unknown }) => e.actor !== null)).toBe(true);
    const workspace = (await w.leader.get("/api/v1/timeline?limit=5")).body;
    expect(workspace.items).toHaveLength(5);
    expect(workspace.total).toBeGreaterThan(events.total);
  });
});
