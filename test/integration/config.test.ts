import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import {
  applyConfigText,
  ConfigProblems,
  exportConfigText,
  planConfigText,
} from "../../src/commands/config.js";
import type { CommandContext } from "../../src/commands/context.js";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { loadDemoWorkspace } from "../../src/commands/demo.js";
import { systemReadiness } from "../../src/commands/systems.js";
import { formatProblem } from "../../src/config/yaml-source.js";
import { verifyAuditChain } from "../../src/core/audit.js";
import { ParleyError } from "../../src/core/errors.js";
import { allAuditInOrder } from "../../src/store/audit.js";
import type { Database } from "../../src/store/database.js";
import { loadGatePolicy, readSetting, SETTING_KEYS, writeSetting } from "../../src/store/settings.js";
import { createWorld, DIALECTS, freshDatabase, tableCounts, type TestWorld } from "./harness.js";

const EXAMPLE = readFileSync(join(import.meta.dirname, "../../examples/parley.yaml"), "utf8");
const now = new Date("2026-11-28T09:00:00Z");

async function adminContext(
  database: Database,
  email = "admin@test.dev",
  name = "Ada Admin",
): Promise<CommandContext> {
  await seedQuestionBank(database, now);
  const admin = await setupFirstAdmin(
    database,
    { name, email, side: "leadership", password: "test-password-123" },
    now,
  );
  return { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
}

/** The systems and everything under them, without the export's date comment. */
const body = (yaml: string) => yaml.replace(/^#.*\n/gm, "");

describe.each(DIALECTS)("config as code [%s]", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ctx: CommandContext;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    ctx = await adminContext(database);
  });
  afterAll(() => drop());

  it("applies examples/parley.yaml to an empty workspace, then plans no changes", async () => {
    const first = await applyConfigText(ctx, "parley.yaml", EXAMPLE, { prune: false });
    expect(first.plan.counts).toMatchObject({ create: 13, change: 1, prune: 0 });
    const second = await planConfigText(database, "parley.yaml", EXAMPLE, { prune: false });
    expect(second.counts).toMatchObject({ create: 0, change: 0, prune: 0, unchanged: 14 });
    const again = await applyConfigText(ctx, "parley.yaml", EXAMPLE, { prune: false });
    expect(again.plan.counts.create + again.plan.counts.change).toBe(0);
    // Every change went through the commands and the audit log, under the actor's name.
    const audit = await allAuditInOrder(database.db);
    expect(verifyAuditChain(audit)).toEqual([]);
    const entities = new Set(audit.filter((a) => a.actorId === ctx.actor.id).map((a) => a.entity));
    expect([...entities].sort()).toEqual(
      ["person", "question", "risk_budget", "signal", "system", "trust_limit", "workspace_setting"].sort(),
    );
  });

  it("uses the stored gate policy for readiness and stage changes", async () => {
    const readiness = await systemReadiness(database.db, "support-assistant", "production", now);
    const flowing = readiness.checks.find((c) => c.rule === "signals_flowing");
    expect(flowing?.label).toBe("Signals received data in the last 24 hours");
    const open = EXAMPLE.replace("    demo: [purpose_stated]", "    demo: []").replace(
      "  - key: contract-triage\n    name: Contract clause triage\n",
      "  - key: contract-triage\n    name: Contract clause triage\n    stage: demo\n",
    );
    const result = await applyConfigText(ctx, "parley.yaml", open, { prune: false });
    expect(result.plan.items.filter((i) => i.action === "change").map((i) => i.address)).toEqual([
      "readiness gates",
      "system contract-triage",
    ]);
    const row = await database.db
      .selectFrom("systems")
      .select("stage")
      .where("key", "=", "contract-triage")
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe("demo");
  });

  it("skips a stored rule this version does not know instead of failing", async () => {
    const before = await readSetting(database.db, SETTING_KEYS.gates);
    await writeSetting(
      database.db,
      SETTING_KEYS.gates,
      { demo: ["purpose_stated", "rule_from_the_future"] },
      {
        actorId: null,
        at: now.toISOString(),
      },
    );
    expect(await loadGatePolicy(database.db)).toEqual({ demo: ["purpose_stated"] });
    const readiness = await systemReadiness(database.db, "contract-triage", "demo", now);
    expect(readiness.checks.map((c) => c.rule)).toEqual(["purpose_stated"]);
    await writeSetting(database.db, SETTING_KEYS.gates, before, { actorId: null, at: now.toISOString() });
  });

  it("refuses a gated stage move as a whole: nothing of the file is applied", async () => {
    const before = await tableCounts(database);
    const text = EXAMPLE.replace("    stage: pilot\n", "    stage: production\n").replace(
      "threshold: 0.25",
      "threshold: 0.3",
    );
    const plan = await planConfigText(database, "parley.yaml", text, { prune: false });
    expect(plan.items.find((i) => i.address === "system support-assistant")?.note).toMatch(/readiness gate/);
    expect(plan.warnings.join("\n")).toMatch(/support-assistant → production: .*readiness gate would refuse/);
    const error = await applyConfigText(ctx, "parley.yaml", text, { prune: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe("readiness_gate_failed");
    expect(await tableCounts(database)).toEqual(before);
    const still = await planConfigText(database, "parley.yaml", EXAMPLE, { prune: false });
    expect(still.counts.change + still.counts.create).toBe(1); // only the demo gate differs now
  });

  it("replaces a changed limit (history kept) and prunes only with --prune", async () => {
    const changed = EXAMPLE.replace("threshold: 0.25", "threshold: 0.3");
    const result = await applyConfigText(ctx, "parley.yaml", changed, { prune: false });
    const limit = result.plan.items.find((i) => i.entity === "trust_limit" && i.action === "change")!;
    expect(limit).toMatchObject({
      address: "limit support-assistant/agent_edit_rate/edit-rate-7d",
      replace: true,
    });
    expect(limit.changes).toEqual([{ field: "threshold", before: 0.25, after: 0.3 }]);
    const archived = await database.db
      .selectFrom("trustLimits")
      .select("key")
      .where("archived", "=", 1)
      .execute();
    expect(archived.map((a) => a.key)).toEqual(["edit-rate-7d"]);

    const without = changed.replace(
      / {8}limits:\n {10}- key: grounding-7d\n(?: {12}.*\n)+/,
      "        limits: []\n",
    );
    expect(without).not.toContain("grounding-7d");
    const kept = await planConfigText(database, "parley.yaml", without, { prune: false });
    expect(kept.items.find((i) => i.address.endsWith("/grounding-7d"))?.action).toBe("absent");
    const pruned = await applyConfigText(ctx, "parley.yaml", without, { prune: true });
    expect(pruned.plan.counts.prune).toBe(1);
    const after = await planConfigText(database, "parley.yaml", without, { prune: true });
    expect(after.counts).toMatchObject({ create: 0, change: 0, prune: 0 });
  });

  it("reports every problem with file:line:column and changes nothing", async () => {
    const before = await tableCounts(database);
    const bad = EXAMPLE.replace("kind: manual_work", "kind: manual").replace(
      "      engineering: linus@example.com",
      "      engineering: nobody@example.com",
    );
    const error = await applyConfigText(ctx, "parley.yaml", bad, { prune: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigProblems);
    expect((error as ConfigProblems).problems.map(formatProblem)).toEqual([
      'parley.yaml:76:15: systems[0].signals[1].kind: "manual" is not a signal kind. Fix: did you mean manual_work? (one of cost, quality, error_rate, manual_work, adoption, latency, freshness, custom).',
    ]);
    const unknownOwner = EXAMPLE.replace(
      "      engineering: linus@example.com",
      "      engineering: nobody@example.com",
    );
    const second = await planConfigText(database, "parley.yaml", unknownOwner, { prune: false }).catch(
      (e: unknown) => e,
    );
    expect((second as ConfigProblems).problems.map(formatProblem)).toEqual([
      "parley.yaml:55:20: systems[0].owners.engineering: nobody@example.com is not a person in this workspace. Fix: add them under people: (email, name, side), or correct the address.",
    ]);
    expect(await tableCounts(database)).toEqual(before);
  });
});

describe.each(DIALECTS)("export → apply round trip on the demo workspace [%s]", (dialect) => {
  let demo: { database: Database; drop: () => Promise<void> };
  let copy: { database: Database; drop: () => Promise<void> };

  beforeAll(async () => {
    demo = await freshDatabase(dialect);
    copy = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await demo.drop();
    await copy.drop();
  });

  it("exports YAML that applies to the same workspace with zero changes, and rebuilds it elsewhere", async () => {
    await seedQuestionBank(demo.database, now);
    expect((await loadDemoWorkspace(demo.database, now)).loaded).toBe(true);
    const exported = await exportConfigText(demo.database);
    expect(exported.split("\n")[0]).toBe("# yaml-language-server: $schema=./parley.schema.json");
    const plan = await planConfigText(demo.database, "export.yaml", exported, { prune: true });
    expect(plan.counts).toMatchObject({ create: 0, change: 0, prune: 0, absent: 0 });
    expect(plan.counts.unchanged).toBeGreaterThan(20);

    const ctx = await adminContext(copy.database, "maya@example.com", "Maya Okafor");
    const applied = await applyConfigText(ctx, "export.yaml", exported, { prune: false });
    expect(applied.plan.counts.create).toBeGreaterThan(15);
    const again = await planConfigText(copy.database, "export.yaml", exported, { prune: true });
    expect(again.counts).toMatchObject({ create: 0, change: 0, prune: 0 });
    expect(body(await exportConfigText(copy.database))).toBe(body(exported));
  });
});

describe.each(DIALECTS)("config as code over HTTP [%s]", (dialect) => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it("serves the schema to anyone, plans and applies for admins, and exports YAML", async () => {
    const schema = await w.anonymous.get("/api/v1/config/schema");
    expect(schema.status).toBe(200);
    expect(schema.body.properties.systems.type).toBe("array");

    const refused = await w.engineer.post("/api/v1/config/plan", { yaml: EXAMPLE });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("admin_required");

    const plan = await w.admin.post("/api/v1/config/plan", { yaml: EXAMPLE });
    expect(plan.status).toBe(200);
    expect(plan.body.counts).toMatchObject({ create: 13, change: 1 });
    const applied = await w.admin.post("/api/v1/config/apply", { yaml: EXAMPLE });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    const again = await w.admin.post("/api/v1/config/plan", { yaml: EXAMPLE });
    expect(again.body.counts).toMatchObject({ create: 0, change: 0 });

    const bad = await w.admin.post("/api/v1/config/apply", {
      yaml: "systems:\n  - key: x1\n    stage: later\n",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("config_invalid");
    expect(bad.body.error.details.problems[0]).toMatchObject({
      line: 3,
      column: 12,
      path: "systems[0].stage",
    });

    // Hostile or broken input is a 4xx in the error shape, never a 5xx, and changes nothing.
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"]
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [*${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}]`,
        ),
      )
      .join("\n");
    const hostile: unknown[] = [
      { yaml: laughs },
      { yaml: "systems:\n  - key: x1\n    name: !!js/function 'function(){}'\n" },
      { yaml: `systems: ${"[".repeat(2000)}${"]".repeat(2000)}` },
      { yaml: "__proto__:\n  polluted: true\nsystems: []\n" },
      { yaml: "systems:\n  - key: x1\n    name: X\n    valueEstimate: { amount: 1e400, currency: USD }\n" },
      {
        yaml: "systems:\n  - key: x1\n    name: X\n    signals:\n      - key: s\n        name: S\n        kind: cost\n        limits: [{ windowDays: -1, comparator: above, threshold: 1 }]\n",
      },
      { yaml: 42 },
      { yaml: "systems: []", prune: "yes" },
      {},
    ];
    const counts = await tableCounts(w.database);
    for (const body of hostile) {
      for (const route of ["/api/v1/config/plan", "/api/v1/config/apply"]) {
        const res = await w.admin.post(route, body);
        expect(res.status, `${route} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${route} ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
        expect(typeof res.body.error.code).toBe("string");
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await tableCounts(w.database)).toEqual(counts);

    const exported = await w.leader.get("/api/v1/config/export");
    expect(exported.status).toBe(200);
    expect(String(exported.headers["content-type"])).toContain("application/yaml");
    expect(exported.body).toContain("key: support-assistant");
    const roundTrip = await w.admin.post("/api/v1/config/plan", { yaml: exported.body, prune: true });
    expect(roundTrip.body.counts).toMatchObject({ create: 0, change: 0, prune: 0 });
  });
});
