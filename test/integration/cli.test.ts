import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignal } from "../../src/commands/signals.js";
import { buildProgram } from "../../src/cli/program.js";
import { openDatabase } from "../../src/store/database.js";
import { DIALECTS, freshDatabase } from "./harness.js";

const run = promisify(execFile);
const CLI = ["--import", "tsx", join(import.meta.dirname, "../../src/cli/main.ts")];

async function parley(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the parley CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "parley-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has --help on every command", async () => {
    const top = await parley(["--help"]);
    expect(top.code).toBe(0);
    const program = buildProgram();
    const commands = program.commands.map((c) => c.name());
    expect(commands).toEqual(
      expect.arrayContaining(["serve", "init", "demo", "migrate", "status", "ingest", "detect"]),
    );
    for (const cmd of program.commands) {
      expect(top.stdout).toContain(cmd.name());
      let help = "";
      cmd.exitOverride().configureOutput({ writeOut: (s) => (help += s) });
      expect(() => cmd.parse(["--help"], { from: "user" })).toThrow();
      expect(help, cmd.name()).toContain(`Usage: parley ${cmd.name()}`);
      expect(help).toContain("--help");
    }
  });

  it("initialises a workspace, refuses a weak password, and reports status as JSON", async () => {
    const db = join(dir, "init.db");
    const weak = await parley(["-d", db, "init", "--email", "a@b.co", "--name", "A", "--password", "short"]);
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/--password: use at least 10 characters/);
    const ok = await parley([
      "-d",
      db,
      "init",
      "--email",
      "a@b.co",
      "--name",
      "A",
      "--password",
      "long-enough-password",
      "--json",
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).admin.email).toBe("a@b.co");
    const again = await parley([
      "-d",
      db,
      "init",
      "--email",
      "c@b.co",
      "--name",
      "C",
      "--password",
      "long-enough-password",
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already has an admin/);
    const status = await parley(["-d", db, "status", "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ setUp: true, systems: 0, dialect: "sqlite" });
    const migrate = await parley(["-d", db, "migrate", "--json"]);
    expect(JSON.parse(migrate.stdout).applied).toEqual([]);
  });

  it("detects a level shift and a trend in a plain series", async () => {
    const values = Array.from({ length: 120 }, (_, i) => (i < 60 ? 10 : 16) + Math.sin(i * 1.7) * 0.8);
    const file = join(dir, "series.txt");
    writeFileSync(file, values.join("\n"));
    const out = await parley(["detect", file]);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.changePoints.length).toBeGreaterThanOrEqual(1);
    expect(Math.abs(result.changePoints[0].index - 60)).toBeLessThanOrEqual(5);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "value\n1\nabc\n3\n");
    const badOut = await parley(["detect", bad]);
    expect(badOut.code).not.toBe(0);
    expect(badOut.stderr).toMatch(/line 3/);
  });
});

describe.each(DIALECTS)("parley ingest [%s]", (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-ingest-"));
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    url = fresh.database.location;
    await fresh.database.close();
    const demo = await parley(["-d", url, "demo", "--json"]);
    expect(demo.code).toBe(0);
    const database = openDatabase(url);
    const actor = { id: "x", name: "Test", side: "engineering" as const, isAdmin: true };
    await createSignal({ database, actor, now: new Date() }, "support-assistant", {
      key: "test_spend",
      name: "Spend",
      kind: "cost",
      unit: "USD",
      direction: "higher_is_worse",
      aggregation: "sum",
      quantile: null,
      description: "",
    });
    await database.close();
  });
  afterAll(async () => {
    await drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it("streams CSV and NDJSON files, reporting bad rows by line", async () => {
    const csv = join(dir, "points.csv");
    const rows = Array.from(
      { length: 25_000 },
      (_, i) => `${Date.UTC(2026, 0, 1) + i * 60_000},${(i % 10) / 10},billing`,
    );
    writeFileSync(
      csv,
      ["t,v,source", ...rows.slice(0, 100), "2026-01-01T00:00,5,billing", ...rows.slice(100)].join("\n"),
    );
    const csvOut = await parley([
      "-d",
      url,
      "ingest",
      csv,
      "--signal",
      "support-assistant/test_spend",
      "--json",
    ]);
    expect(csvOut.code).toBe(1);
    const result = JSON.parse(csvOut.stdout);
    expect(result).toMatchObject({ accepted: 25_000, rejected: 1 });
    expect(result.problems[0]).toMatchObject({ line: 102 });
    const again = await parley([
      "-d",
      url,
      "ingest",
      csv,
      "--signal",
      "support-assistant/test_spend",
      "--json",
    ]);
    expect(JSON.parse(again.stdout).accepted).toBe(25_000);
    const check = openDatabase(url);
    const n = await check.db
      .selectFrom("points")
      .innerJoin("signals", "signals.id", "points.signalId")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("signals.key", "=", "test_spend")
      .executeTakeFirstOrThrow();
    await check.close();
    expect(Number(n.n)).toBe(25_000);

    const gate = await parley(["-d", url, "check", "--system", "support-assistant"]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/does not meet the production gate/);
    expect(gate.stdout).toMatch(
      /quietly growing risk "Help-centre articles go out of date" has no live detect safeguard/,
    );
    const pass = await parley(["-d", url, "check", "--system", "code-review-helper", "--json"]);
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout)).toMatchObject({
      ready: true,
      results: [{ system: "code-review-helper", to: "pilot" }],
    });

    const unknown = join(dir, "unknown.ndjson");
    writeFileSync(
      unknown,
      JSON.stringify({ signal: "support-assistant/nope", t: "2026-01-01T00:00:00Z", v: 1 }) + "\n",
    );
    const refused = await parley(["-d", url, "ingest", unknown, "--json"]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).problems[0].reason).toMatch(/unknown signal/);
  });
});
