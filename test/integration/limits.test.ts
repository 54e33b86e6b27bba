import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateWorkspace } from "../../src/commands/limits.js";
import { ingestPoints } from "../../src/commands/signals.js";
import { parseWindow } from "../../src/core/signals/index.js";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:00:00Z");

/** A deterministic wobble so series look like real data without randomness. */
const wobble = (i: number) => Math.sin(i * 2.3) * 0.5 + Math.sin(i * 0.9) * 0.3;

describe.each(DIALECTS)("trust limits, risk budgets and findings [%s]", (dialect) => {
  let w: TestWorld;

  beforeAll(async () => {
    w = await createWorld(dialect, NOW);
    await w.engineer.post("/api/v1/systems", { key: "bot", name: "Bot" });
    await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "manual",
      name: "Manual-work rate",
      kind: "manual_work",
      aggregation: "ratio",
      unit: "",
    });
    await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "spend",
      name: "Model spend",
      kind: "cost",
      aggregation: "sum",
      unit: "USD",
    });
    const start = NOW.getTime() - 120 * DAY;
    const manual = Array.from({ length: 120 }, (_, i) => ({
      t: start + i * DAY,
      v: Math.round(100 * (0.08 + (0.12 * i) / 120) + wobble(i) * 2),
      n: 100,
    }));
    const spend = Array.from({ length: 120 }, (_, i) => ({
      t: start + i * DAY,
      v: (i < 80 ? 800 : 1400) + wobble(i) * 40,
    }));
    // A signal can be named by id or, URL-encoded, as system-key/signal-key.
    expect((await w.engineer.post("/api/v1/signals/bot%2Fmanual/points", manual)).body.accepted).toBe(120);
    const signals = (await w.engineer.get("/api/v1/systems/bot/signals")).body.items;
    const id = (key: string) => signals.find((s: { key: string }) => s.key === key).id;
    expect((await w.engineer.post(`/api/v1/signals/${id("spend")}/points`, spend)).body.accepted).toBe(120);
  });
  afterAll(() => w.close());

  it("evaluates a trust limit made from leadership's answer, with its state history", async () => {
    const res = await w.leader.post("/api/v1/limits", {
      signalId: "bot/manual",
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.15,
    });
    expect(res.status).toBe(201);
    expect(res.body.rule).toBe("7-day ratio of Manual-work rate above 0.15");
    expect(res.body.evaluation.state).toBe("breached");
    expect(res.body.evaluation.value).toBeGreaterThan(0.15);

    const safe = await w.leader.post("/api/v1/limits", {
      signalId: "bot/manual",
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.21,
      horizonDays: 30,
    });
    expect(safe.body.evaluation.state).toBe("at_risk");
    expect(Date.parse(safe.body.evaluation.forecastBreachAt)).toBeGreaterThan(NOW.getTime());

    // A new point is evaluated on arrival and the change of state is kept.
    await w.engineer.post("/api/v1/points", [
      { signal: "bot/manual", t: NOW.getTime() - 3600_000, v: 30, n: 100 },
    ]);
    const history = await w.leader.get(`/api/v1/limits/${res.body.id}/history`);
    expect(history.body.items[0].state).toBe("breached");
    const list = await w.leader.get("/api/v1/systems/bot/limits");
    expect(list.body.items).toHaveLength(2);
  });

  it("evaluates a monthly spend budget with burn rates and an exhaustion date", async () => {
    const res = await w.leader.post("/api/v1/budgets", {
      signalId: "bot/spend",
      name: "Monthly model spend",
      kind: "spend",
      amount: 30000,
      period: { kind: "calendar_month" },
    });
    expect(res.status).toBe(201);
    const e = res.body.evaluation;
    expect(res.body.rule).toBe("Model spend at most 30,000 USD per calendar month");
    expect(e.periodStart).toBe("2026-06-01T00:00:00.000Z");
    expect(e.consumed).toBeGreaterThan(1400 * 13);
    expect(e.burnRates.length).toBeGreaterThan(0);
    expect(e.state).toBe("at_risk");
    expect(Date.parse(e.forecastBreachAt)).toBeLessThan(Date.parse("2026-07-01T00:00:00Z"));

    const incomplete = await w.leader.post("/api/v1/budgets", {
      signalId: "bot/spend",
      name: "x",
      kind: "objective",
      period: { kind: "rolling", days: 30 },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe("objective_incomplete");
    const objective = await w.leader.post("/api/v1/budgets", {
      signalId: "bot/spend",
      name: "Spend days under 1,000",
      kind: "objective",
      period: { kind: "rolling", days: 30 },
      target: 0.9,
      bucket: "day",
      comparator: "at_most",
      threshold: 1000,
    });
    expect(objective.status).toBe(201);
    expect(objective.body.evaluation.state).toBe("breached");
  });

  it("raises a quiet-failure finding on a level shift that both sides can triage", async () => {
    const findings = (await w.engineer.get("/api/v1/findings")).body.items;
    const shift = findings.find(
      (f: { signal: { key: string }; kind: string }) => f.signal.key === "spend" && f.kind === "level_shift",
    );
    expect(shift, JSON.stringify(findings)).toBeTruthy();
    expect(shift.summary).toMatch(/^Model spend jumped/);
    expect(Math.abs(Date.parse(shift.since) - (NOW.getTime() - 40 * DAY))).toBeLessThanOrEqual(6 * DAY);
    expect(shift.worse).toBe(true);
    const triaged = await w.leader.patch(`/api/v1/findings/${shift.id}`, {
      status: "expected",
      note: "New customers onboarded",
    });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ status: "expected", note: "New customers onboarded" });
    expect(triaged.body.triagedBy.name).toBe("Lena Leader");
    expect(
      (await w.leader.get("/api/v1/findings?status=open")).body.items.every(
        (f: { status: string }) => f.status === "open",
      ),
    ).toBe(true);
  });

  it("does not raise the same finding twice when late points arrive", async () => {
    const before = (await w.engineer.get("/api/v1/findings")).body.items.length;
    await w.engineer.post("/api/v1/points", [
      { signal: "bot/spend", t: NOW.getTime() - 100 * DAY + 3600_000, v: 5, source: "late" },
    ]);
    const after = (await w.engineer.get("/api/v1/findings")).body.items.length;
    expect(after).toBe(before);
  });

  it("keeps each detection window day by day, identical to one rebuilt from the rollups; a late point rebuilds it", async () => {
    await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "quality",
      name: "Answer quality",
      kind: "quality",
      aggregation: "mean",
      unit: "",
    });
    const start = NOW.getTime() - 60 * DAY;
    // Ninety days, the last thirty still ahead of the clock: each day of the loop completes one.
    const points = Array.from({ length: 90 }, (_, i) => ({
      signal: "bot/quality",
      t: start + i * DAY + 3_600_000,
      v: (i < 70 ? 0.9 : 0.8) + wobble(i) * 0.01,
    }));
    expect((await w.engineer.post("/api/v1/points", points)).body.accepted).toBe(90);
    const signalId = (await w.engineer.get("/api/v1/systems/bot/signals")).body.items.find(
      (s: { key: string }) => s.key === "quality",
    ).id as string;
    const saved = async () =>
      (await w.database.db
        .selectFrom("detectorStates")
        .select(["state", "fedUntil"])
        .where("signalId", "=", signalId)
        .executeTakeFirstOrThrow()) as { state: string; fedUntil: number | string };
    const rebuilt = async (at: Date) => {
      const kept = await saved();
      await w.database.db.deleteFrom("detectorStates").where("signalId", "=", signalId).execute();
      await evaluateWorkspace(w.database, at);
      const fresh = await saved();
      expect(fresh.state).toBe(kept.state);
    };
    for (let day = 1; day <= 30; day++) {
      const at = new Date(NOW.getTime() + day * DAY);
      await evaluateWorkspace(w.database, at);
      const { state, fedUntil } = await saved();
      expect(Number(fedUntil)).toBe(Math.floor(at.getTime() / DAY) * DAY);
      // The window holds every completed day and nothing later.
      expect(parseWindow(state, "mean")!.v).toHaveLength(60 + day);
      if (day % 10 === 0) await rebuilt(at);
    }
    const at = new Date(NOW.getTime() + 30 * DAY);
    const findings = (await w.engineer.get("/api/v1/findings")).body.items.filter(
      (f: { signal: { key: string } }) => f.signal.key === "quality",
    );
    expect(findings.map((f: { kind: string }) => f.kind)).toContain("level_shift");
    // A late point changes a day already in the window: the next pass rebuilds it from the rollups.
    const before = parseWindow((await saved()).state, "mean")!.v;
    // Straight through the command: the people's sessions have expired a month on.
    const actor = { id: "ingest", name: "Ingest", side: "engineering" as const, isAdmin: false };
    const late = await ingestPoints(
      { database: w.database, actor, now: at },
      [{ line: 1, row: { signal: "bot/quality", t: start + 5 * DAY, v: 0.1, source: "late" } }],
      null,
    );
    expect(late.accepted).toBe(1);
    const after = parseWindow((await saved()).state, "mean")!.v;
    expect(after[5]).toBeCloseTo((before[5]! + 0.1) / 2, 9);
    expect(after.filter((_, i) => i !== 5)).toEqual(before.filter((_, i) => i !== 5));
    await rebuilt(at);
  });
});
