import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import { createSignal } from "../../src/commands/signals.js";
import { createSystem } from "../../src/commands/systems.js";
import { SignalCreate } from "../../src/contract/signals.js";
import { SystemCreate } from "../../src/contract/systems.js";
import type { Database } from "../../src/store/database.js";
import { readSeries, findSignalRow } from "../../src/store/signals.js";
import { focusCsv, MAY_ROWS } from "../otel-app/focus-samples.js";
import { DIALECTS, freshDatabase } from "./harness.js";

const run = promisify(execFile);
const CLI = ["--import", "tsx", join(import.meta.dirname, "../otel-app/cli-main.ts")];

async function parley(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each case runs the CLI as a child process a few times; on a busy machine that takes a while.
describe.each(DIALECTS)("parley import [%s]", { timeout: 120_000 }, (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let dir: string;
  let db: string;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    db = database.location; // a file path, or a postgres:// URL (the test server has no password to redact)
    dir = mkdtempSync(join(tmpdir(), "parley-import-"));
    const now = new Date("2026-06-01T12:00:00Z");
    const admin = await setupFirstAdmin(
      database,
      { name: "A", email: "a@test.dev", side: "engineering", password: "long-enough-password" },
      now,
    );
    const ctx = { database, actor: { id: admin.id, name: "A", side: admin.side, isAdmin: true }, now };
    await createSystem(ctx, SystemCreate.parse({ key: "support-bot", name: "Support bot" }));
    await createSignal(
      ctx,
      "support-bot",
      SignalCreate.parse({ key: "cost_usd", name: "Spend", kind: "cost", unit: "USD", aggregation: "sum" }),
    );
    await createSignal(
      ctx,
      "support-bot",
      SignalCreate.parse({
        key: "escalations",
        name: "Escalations",
        kind: "manual_work",
        aggregation: "ratio",
      }),
    );
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function points(ref: string) {
    const signal = await findSignalRow(database.db, ref);
    const series = await readSeries(database.db, signal, {
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2027, 0, 1),
      resolution: "raw",
    });
    return series.points.map((p) => ({ t: new Date(p.t).toISOString(), v: p.v }));
  }

  it("previews a CSV with a column mapping and stores nothing in a dry run", async () => {
    const file = join(dir, "spend.csv");
    writeFileSync(
      file,
      "day,team,cost_cents,ignored\n2026-05-01,a,1250,x\n2026-05-02,a,980,y\n2026-05-03,a,oops,z\n2026-05-04 10:00,a,5,w\n",
    );
    const dry = await parley([
      "-d",
      db,
      "import",
      "csv",
      file,
      "--signal",
      "support-bot/cost_usd",
      "--time-column",
      "day",
      "--value-column",
      "cost_cents",
      "--scale",
      "0.01",
      "--dry-run",
      "--preview",
      "2",
      "--json",
    ]);
    expect(dry.code).toBe(1);
    const result = JSON.parse(dry.stdout);
    expect(result).toMatchObject({ dryRun: true, rows: 4, accepted: 2, rejected: 2 });
    expect(result.preview).toEqual([
      { line: 2, t: "2026-05-01T00:00:00.000Z", v: 12.5, source: "", signal: "support-bot/cost_usd" },
      { line: 3, t: "2026-05-02T00:00:00.000Z", v: 9.8, source: "", signal: "support-bot/cost_usd" },
    ]);
    expect(result.problems).toEqual([
      { line: 4, reason: '"oops" in cost_cents is not a number' },
      { line: 5, reason: expect.stringMatching(/no time zone.*--utc/) },
    ]);
    expect(await points("support-bot/cost_usd")).toEqual([]);
    const human = await parley([
      "-d",
      db,
      "import",
      "csv",
      file,
      "-s",
      "support-bot/cost_usd",
      "-t",
      "day",
      "-v",
      "cost_cents",
      "--scale",
      "0.01",
      "--dry-run",
    ]);
    expect(human.stdout).toMatch(/Dry run of .*nothing was stored/);
    expect(human.stdout).toMatch(/2 of 4 rows would be stored, 2 rejected/);
  });

  it("imports the mapped rows, idempotently, with --utc for zone-less times", async () => {
    const file = join(dir, "spend.csv");
    const args = [
      "-d",
      db,
      "import",
      "csv",
      file,
      "-s",
      "support-bot/cost_usd",
      "-t",
      "day",
      "-v",
      "cost_cents",
      "--scale",
      "0.01",
      "--utc",
      "--source",
      "finance-sheet",
      "--json",
    ];
    const first = await parley(args);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 4, accepted: 3, rejected: 1 });
    await parley(args);
    expect(await points("support-bot/cost_usd")).toEqual([
      { t: "2026-05-01T00:00:00.000Z", v: 12.5 },
      { t: "2026-05-02T00:00:00.000Z", v: 9.8 },
      { t: "2026-05-04T10:00:00.000Z", v: 0.05 },
    ]);
  });

  it("maps nested NDJSON fields, a per-row signal and a denominator, from a gzipped file", async () => {
    const lines = [
      {
        ts: 1777600000,
        metrics: { escalated: 3, handled: 120 },
        signal: "support-bot/escalations",
        region: "eu",
      },
      {
        ts: 1777686400000,
        metrics: { escalated: 1, handled: 80 },
        signal: "support-bot/escalations",
        region: "us",
      },
      { ts: 1777686400000, metrics: { escalated: 1, handled: 80 }, signal: "support-bot/nope" },
    ];
    const file = join(dir, "tickets.ndjson.gz");
    writeFileSync(file, gzipSync(lines.map((l) => JSON.stringify(l)).join("\n") + "\nnot json\n"));
    const args = [
      "-d",
      db,
      "import",
      "ndjson",
      file,
      "--signal-column",
      "signal",
      "-t",
      "ts",
      "-v",
      "metrics.escalated",
      "-n",
      "metrics.handled",
      "--source-column",
      "region",
      "--json",
    ];
    const dry = JSON.parse((await parley([...args, "--dry-run"])).stdout);
    expect(dry).toMatchObject({ accepted: 2, rejected: 2 });
    expect(dry.problems.map((p: { line: number }) => p.line)).toEqual([3, 4]);
    const res = JSON.parse((await parley(args)).stdout);
    expect(res).toMatchObject({ accepted: 2, rejected: 2 });
    const signal = await findSignalRow(database.db, "support-bot/escalations");
    const day = await readSeries(database.db, signal, {
      from: Date.UTC(2026, 4, 1),
      to: Date.UTC(2026, 4, 3),
      resolution: "day",
    });
    expect(day.points.map((p) => p.v)).toEqual([3 / 120, 1 / 80]);
  });

  it("explains an unknown signal and creates it with --create", async () => {
    const file = join(dir, "adoption.csv");
    writeFileSync(file, "when,users\n2026-05-01T00:00:00Z,40\n");
    const missing = await parley([
      "-d",
      db,
      "import",
      "csv",
      file,
      "-s",
      "support-bot/weekly_users",
      "-t",
      "when",
      "-v",
      "users",
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no signal "support-bot\/weekly_users".*--create/);
    const created = await parley([
      "-d",
      db,
      "import",
      "csv",
      file,
      "-s",
      "support-bot/weekly_users",
      "-t",
      "when",
      "-v",
      "users",
      "--create",
      "adoption",
      "--unit",
      "users",
      "--json",
    ]);
    expect(JSON.parse(created.stdout)).toMatchObject({ accepted: 1 });
    expect(await findSignalRow(database.db, "support-bot/weekly_users")).toMatchObject({
      kind: "adoption",
      unit: "users",
      aggregation: "mean",
    });
  });

  it("imports a FOCUS export from the command line, and a second time changes nothing", async () => {
    const file = join(dir, "focus-may.csv");
    writeFileSync(file, focusCsv(MAY_ROWS));
    const dry = await parley(["-d", db, "import", "focus", file, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rows: 9, imported: 0, unmapped: 9 });
    const human = await parley(["-d", db, "import", "focus", file, "--dry-run"]);
    expect(human.stdout).toMatch(/Unmapped \(tag rows parley-system=<system key>, or add a rule/);
    const tagged = MAY_ROWS.map((r) => ({ ...r, Tags: '{"parley-system":"support-bot"}' }));
    writeFileSync(file, focusCsv(tagged));
    const first = JSON.parse((await parley(["-d", db, "import", "focus", file, "--json"])).stdout);
    expect(first).toMatchObject({ imported: 9, unmapped: 0 });
    const again = JSON.parse((await parley(["-d", db, "import", "focus", file, "--json"])).stdout);
    expect(again).toMatchObject({ importId: null, imported: 0, duplicates: 9 });
    const cost = await points("support-bot/billing.cost.usd");
    expect(cost[0]).toEqual({
      t: "2026-05-01T00:00:00.000Z",
      v: expect.closeTo(0.18 + 0.12 + 3 + 10 + 8 + 0.06 + 40, 6),
    });
    expect((await parley(["-d", db, "import", "focus", join(dir, "missing.csv")])).stderr).toMatch(
      /Cannot read/,
    );
  });
});
