import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readinessGaps } from "../../src/core/readiness.js";
import { readinessSnapshot } from "../../src/store/portfolio.js";
import { findSystemRow } from "../../src/store/systems.js";
import { createWorld, DIALECTS, type Caller, type TestWorld } from "./harness.js";

// The scale rehearsal through the API (plan, capacity limits, what-if, saved rehearsals), the
// readiness rule that asks for a recent one, and `parley rehearse` as a real process.

const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 9 * 3_600_000);

async function put(w: TestWorld, who: Caller, url: string, body: unknown) {
  const res = await w.app.inject({
    method: "PUT",
    url,
    headers: { cookie: `parley_session=${who.cookie}`, "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** A system with 60 days of requests (2,000 a day), tokens (20,000 each), spend and a 10% manual rate. */
async function seedSystem(w: TestWorld): Promise<void> {
  const e = w.engineer;
  expect(
    (
      await e.post("/api/v1/systems", {
        key: "scale-bot",
        name: "Scale bot",
        purpose: "Answers tickets",
        expectedOutcome: "Faster replies",
      })
    ).status,
  ).toBe(201);
  const signals: Array<[string, string, string, string]> = [
    ["requests", "Requests", "adoption", "sum"],
    ["tokens", "Tokens", "custom", "sum"],
    ["cost_usd", "Model spend", "cost", "sum"],
    ["manual_rate", "Manual rate", "manual_work", "ratio"],
  ];
  for (const [key, name, kind, aggregation] of signals)
    expect((await e.post("/api/v1/systems/scale-bot/signals", { key, name, kind, aggregation })).status).toBe(
      201,
    );
  const points = [];
  const today = Math.floor(START.getTime() / DAY) * DAY;
  for (let i = 60; i >= 1; i--) {
    const t = new Date(today - i * DAY + 12 * 3_600_000).toISOString();
    const requests = 2000 * (1 + 0.04 * Math.sin(i));
    points.push({ signal: "scale-bot/requests", t, v: requests });
    points.push({ signal: "scale-bot/tokens", t, v: requests * 20_000 });
    points.push({ signal: "scale-bot/cost_usd", t, v: requests * 0.07 });
    points.push({
      signal: "scale-bot/manual_rate",
      t,
      v: Math.round(requests * 0.1),
      n: Math.round(requests),
    });
  }
  const res = await e.post("/api/v1/points", points);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const PLAN = {
  requestsPerDay: 2000,
  measuredOn: START.toISOString().slice(0, 10),
  milestones: [
    { label: "Q1", multiple: 2, date: new Date(START.getTime() + 120 * DAY).toISOString().slice(0, 10) },
    { label: "Q3", multiple: 10, date: new Date(START.getTime() + 300 * DAY).toISOString().slice(0, 10) },
  ],
  roles: { requests: "requests", tokens: ["tokens"] },
};

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const PROGRAM = `
import { Command } from "commander";
import { registerRehearseCommand } from ${JSON.stringify(join(ROOT, "src/cli/rehearse.ts"))};
const program = new Command().name("parley").exitOverride((err) => process.exit(err.exitCode));
registerRehearseCommand(program, () => process.env.PARLEY_DATABASE);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

async function parley(args: string[], database: string) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", PROGRAM, ...args],
      { cwd: ROOT, env: { ...process.env, PARLEY_DATABASE: database }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.each(DIALECTS)("scale rehearsal [%s]", (dialect) => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await createWorld(dialect, START);
    await seedSystem(w);
  });
  afterAll(() => w.close());

  it("records the plan and capacity limits, refusing incomplete ones with a stable code", async () => {
    const plan = await put(w, w.engineer, "/api/v1/systems/scale-bot/rehearsal/plan", PLAN);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.milestones).toHaveLength(2);
    expect(plan.body.updatedBy.name).toBe("Eli Engineer");

    const both = await put(w, w.engineer, "/api/v1/systems/scale-bot/rehearsal/plan", {
      milestones: [{ multiple: 2, requestsPerDay: 4000, date: "2027-01-01" }],
    });
    expect([both.status, both.body.error.code]).toEqual([400, "milestone_incomplete"]);
    const unknown = await put(w, w.engineer, "/api/v1/systems/scale-bot/rehearsal/plan", {
      roles: { requests: "no-such-signal" },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "unknown_signal"]);

    const tpm = await w.engineer.post("/api/v1/systems/scale-bot/capacity-limits", {
      name: "Provider tokens per minute",
      kind: "tokens_per_minute",
      value: 100_000,
      unit: "tokens/min",
      source: "Provider dashboard, tier 3",
      peakFactor: 2,
    });
    expect(tpm.status, JSON.stringify(tpm.body)).toBe(201);
    const review = await w.leader.post("/api/v1/systems/scale-bot/capacity-limits", {
      name: "Support team review",
      kind: "human_review_per_day",
      value: 800,
      unit: "cases/day",
    });
    expect(review.status).toBe(201);
    const quota = await w.engineer.post("/api/v1/systems/scale-bot/capacity-limits", {
      name: "Daily quota",
      kind: "quota_per_day",
      value: 5,
    });
    expect([quota.status, quota.body.error.code]).toEqual([400, "limit_measure_required"]);
    const changed = await w.engineer.patch(`/api/v1/capacity-limits/${review.body.id}`, { value: 900 });
    expect([changed.status, changed.body.value, changed.body.kind]).toEqual([
      200,
      900,
      "human_review_per_day",
    ]);
  });

  it("projects the first break with a range, and the what-if changes it at once without storing", async () => {
    const base = await w.leader.post("/api/v1/systems/scale-bot/rehearsal/what-if", {});
    expect(base.status, JSON.stringify(base.body)).toBe(200);
    // 2,000 × 20,000 × 2 / 1,440 ≈ 55,600 tokens a minute at peak against 100,000 → about 1.8x.
    expect(base.body.firstBreak.kind).toBe("tokens_per_minute");
    expect(base.body.firstBreak.breakAt.central).toBeCloseTo(1.8, 1);
    expect(base.body.firstBreak.beforeScale).toBe(true);
    expect(base.body.leadership[0]).toMatch(/At about 1\.8x .*before the 10x/);
    const review = base.body.limits.find((l: { kind: string }) => l.kind === "human_review_per_day");
    expect(review.breakAt.central).toBeCloseTo(4.5, 1);

    const retries = await w.leader.post("/api/v1/systems/scale-bot/rehearsal/what-if", { retryRate: 0.25 });
    expect(retries.body.firstBreak.breakAt.central).toBeCloseTo(
      base.body.firstBreak.breakAt.central / 1.25,
      5,
    );
    const humans = await w.leader.post("/api/v1/systems/scale-bot/rehearsal/what-if", { humanShare: 0.5 });
    const humanBreak = humans.body.limits.find((l: { kind: string }) => l.kind === "human_review_per_day");
    expect(humanBreak.breakAt.central).toBeCloseTo(0.9, 1);
    expect(humans.body.firstBreak.kind).toBe("human_review_per_day");
    const bad = await w.leader.post("/api/v1/systems/scale-bot/rehearsal/what-if", { humanShare: 2 });
    expect(bad.status).toBe(400);
    const latest = await w.leader.get("/api/v1/systems/scale-bot/rehearsals/latest");
    expect(latest.body.rehearsal).toBeNull();
  });

  it("saves a rehearsal with an audit entry, and the readiness rule asks for a recent one", async () => {
    const row = await findSystemRow(w.database.db, "scale-bot");
    const gates = { production: ["rehearsal_recent"] as const };
    const before = readinessGaps(
      await readinessSnapshot(w.database.db, row, w.clock.now),
      "pilot",
      "production",
      gates,
    );
    expect(before.map((g) => g.rule)).toEqual(["rehearsal_recent"]);

    const saved = await w.engineer.post("/api/v1/systems/scale-bot/rehearsals", { scale: 5 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.result.scale.multiple).toBe(5);
    const latest = await w.leader.get("/api/v1/systems/scale-bot/rehearsals/latest");
    expect(latest.body.rehearsal.id).toBe(saved.body.id);
    const view = await w.leader.get("/api/v1/systems/scale-bot/rehearsal");
    expect([view.body.limits.length, view.body.latest.id, view.body.plan.requestsPerDay]).toEqual([
      2,
      saved.body.id,
      2000,
    ]);
    const audit = await w.database.db
      .selectFrom("auditEvents")
      .select(["entity", "action", "summary"])
      .where("systemId", "=", row.id)
      .where("entity", "in", ["rehearsal", "capacity_limit", "planned_scale"])
      .execute();
    expect(audit.map((a) => `${a.entity} ${a.action}`).sort()).toEqual([
      "capacity_limit create",
      "capacity_limit create",
      "capacity_limit update",
      "planned_scale create",
      "rehearsal create",
    ]);
    expect(audit.find((a) => a.entity === "rehearsal")!.summary).toMatch(/breaks first at 1\.8x/);

    const now = readinessGaps(
      await readinessSnapshot(w.database.db, row, w.clock.now),
      "pilot",
      "production",
      gates,
    );
    expect(now).toEqual([]);
    const later = new Date(w.clock.now.getTime() + 31 * DAY);
    const stale = readinessGaps(
      await readinessSnapshot(w.database.db, row, later),
      "pilot",
      "production",
      gates,
    );
    expect(stale[0]?.message).toMatch(/31 days old/);
    const tuned = readinessGaps(await readinessSnapshot(w.database.db, row, later), "pilot", "production", {
      production: [{ rule: "rehearsal_recent", days: 60 }],
    });
    expect(tuned).toEqual([]);
  });

  it.runIf(dialect === "sqlite")(
    "parley rehearse prints the table and both voices; --json --save keeps it",
    async () => {
      const file = w.database.location;
      const text = await parley(["rehearse", "--system", "scale-bot"], file);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/What breaks first: Scale bot — rehearsed at 10x/);
      expect(text.stdout).toMatch(/Provider tokens per minute .* 55\.6% +1\.8x +breaks before plan/);
      expect(text.stdout).toMatch(/For leadership:\n {2}At about 1\.8x/);

      const json = await parley(
        ["rehearse", "--system", "scale-bot", "--scale", "1.5x", "--retry-rate", "0.25", "--json", "--save"],
        file,
      );
      expect(json.code, json.stderr).toBe(0);
      const body = JSON.parse(json.stdout);
      expect([body.saved, body.scale.multiple, body.firstBreak.beforeScale]).toEqual([true, 1.5, true]);
      expect(body.firstBreak.breakAt.central).toBeCloseTo(1.44, 1);

      const bad = await parley(["rehearse", "--system", "scale-bot", "--human-share", "lots"], file);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--human-share "lots" is not a number/);
      const missing = await parley(["rehearse", "--system", "nope"], file);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/system_not_found/);
    },
  );

  it("removes a capacity limit", async () => {
    const view = await w.engineer.get("/api/v1/systems/scale-bot/capacity-limits");
    const id = view.body.items[1].id;
    expect((await w.engineer.del(`/api/v1/capacity-limits/${id}`)).status).toBe(204);
    expect((await w.engineer.del(`/api/v1/capacity-limits/${id}`)).status).toBe(404);
  });
});

describe.each(DIALECTS)("the demo workspace's rehearsals [%s]", (dialect) => {
  it("shows a limit breaking before the planned scale, with a saved rehearsal", async () => {
    const { freshDatabase } = await import("./harness.js");
    const { seedQuestionBank } = await import("../../src/commands/conversations.js");
    const { loadDemoWorkspace } = await import("../../src/commands/demo.js");
    const { rehearsalView, projectRehearsal } = await import("../../src/commands/rehearsal.js");
    const { database, drop } = await freshDatabase(dialect);
    try {
      const now = new Date("2026-11-28T09:00:00Z");
      await seedQuestionBank(database, now);
      await loadDemoWorkspace(database, now);
      const support = await rehearsalView(database.db, "support-assistant");
      expect(support.latest?.result.firstBreak?.beforeScale).toBe(true);
      const tpm = support.latest!.result.limits.find((l) => l.kind === "tokens_per_minute")!;
      expect(tpm.outcome).toBe("breaks_before_plan");
      expect(tpm.breakAt!.central).toBeGreaterThan(2);
      expect(tpm.breakAt!.central).toBeLessThan(3.5);
      const invoices = await projectRehearsal(
        database.db,
        "invoice-extraction",
        { scale: null, costMultiplier: 1, pricePer1kTokens: null, retryRate: null, humanShare: null },
        now,
      );
      const clerks = invoices.limits.find((l) => l.kind === "human_review_per_day")!;
      expect(clerks.outcome).toBe("breaks_before_plan");
    } finally {
      await drop();
    }
  });
});
