import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import { applyConfigText, ConfigProblems } from "../../src/commands/config.js";
import type { CommandContext } from "../../src/commands/context.js";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { exportOpenSlo, importOpenSlo, planOpenSloImport } from "../../src/commands/openslo.js";
import { formatProblem } from "../../src/config/yaml-source.js";
import { presentBudgets } from "../../src/store/limits.js";
import type { Database } from "../../src/store/database.js";
import { DIALECTS, freshDatabase, tableCounts } from "./harness.js";

const root = join(import.meta.dirname, "../..");
const EXAMPLE = readFileSync(join(root, "examples/parley.yaml"), "utf8");
const SLOS = readFileSync(join(root, "examples/openslo/support-assistant-slos.yaml"), "utf8");
const now = new Date("2026-11-28T09:00:00Z");

describe.each(DIALECTS)("OpenSLO import and export [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ctx: CommandContext;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await seedQuestionBank(database, now);
    const admin = await setupFirstAdmin(
      database,
      { name: "Ada Admin", email: "admin@test.dev", side: "engineering", password: "test-password-123" },
      now,
    );
    ctx = { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
    await applyConfigText(ctx, "parley.yaml", EXAMPLE, { prune: false });
  });
  afterAll(() => drop());

  it("imports the example SLOs as signals and objective budgets, once", async () => {
    const plan = await planOpenSloImport(database, "slos.yaml", SLOS, {});
    expect(plan.plan.counts).toMatchObject({ create: 6, change: 0, absent: 0 });
    expect(plan.notes.some((n) => n.includes("Occurrences"))).toBe(true);
    await importOpenSlo(ctx, "slos.yaml", SLOS, {});
    const again = await planOpenSloImport(database, "slos.yaml", SLOS, {});
    expect(again.plan.counts).toMatchObject({ create: 0, change: 0, unchanged: 7 });

    const rows = await database.db
      .selectFrom("riskBudgets")
      .selectAll()
      .where("archived", "=", 0)
      .where("kind", "=", "objective")
      .orderBy("key")
      .execute();
    const budgets = await presentBudgets(database.db, rows, now);
    expect(budgets.map((b) => [b.signal.key, b.rule])).toEqual([
      ["accepted-draft-ratio", "accepted-draft-ratio at least 0.9 on 90% of days over a rolling 28 days"],
      ["draft-error-ratio", "Draft error ratio at most 0.01 on 99% of hours over a rolling 28 days"],
      ["draft-latency", "Draft latency p95 at most 20 on 98% of hours per calendar month"],
      ["grounding_score", "Answer grounding score at least 0.9 on 95% of days over a rolling 28 days"],
    ]);
  });

  it("exports objective budgets as OpenSLO that imports back with zero changes", async () => {
    const exported = await exportOpenSlo(database, {});
    expect(exported.count).toBe(4);
    expect(exported.skipped).toEqual([
      "support-assistant/cost_usd/monthly-spend: a spend budget is not an SLO",
    ]);
    const plan = await planOpenSloImport(database, "export.yaml", exported.text, {});
    expect(plan.plan.counts).toMatchObject({ create: 0, change: 0 });
    expect(plan.notes).toEqual([]);
    const one = await exportOpenSlo(database, { system: "contract-triage" });
    expect(one.count).toBe(0);
  });

  it("changes a budget whose target changed, and leaves existing signals as they are", async () => {
    const stricter = SLOS.replace("target: 0.98", "target: 0.99");
    const result = await importOpenSlo(ctx, "slos.yaml", stricter, {});
    const changed = result.plan.items.filter((i) => i.action === "change");
    expect(changed.map((i) => [i.address, i.changes])).toEqual([
      [
        "budget support-assistant/draft-latency/draft-latency",
        [{ field: "target", before: 0.98, after: 0.99 }],
      ],
    ]);
  });

  it("names unknown systems and unmappable windows at their line and changes nothing", async () => {
    const before = await tableCounts(database);
    const text = SLOS.replace("service: support-assistant", "service: billing-bot").replace(
      "    - duration: 28d\n      isRolling: true\n  budgetingMethod: Occurrences",
      "    - duration: 1Q\n      isRolling: false\n  budgetingMethod: Occurrences",
    );
    const error = await importOpenSlo(ctx, "slos.yaml", text, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigProblems);
    expect((error as ConfigProblems).problems.map(formatProblem)).toEqual([
      "slos.yaml:30:17: spec.timeWindow[0].duration: a calendar window of 1Q has no Parley equivalent. Fix: Parley's calendar budgets run per month: use duration: 1M, or a rolling window (isRolling: true).",
    ]);
    const unknown = await planOpenSloImport(database, "slos.yaml", SLOS, { system: "billing-bot" }).catch(
      (e: unknown) => e,
    );
    expect((unknown as ConfigProblems).problems.map(formatProblem)[0]).toBe(
      'slos.yaml:7:9: metadata.name: no system "billing-bot" in this workspace. Fix: register it first (parley apply or the web app), or pass --system KEY.',
    );
    expect(await tableCounts(database)).toEqual(before);
  });
});
