import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const CLI = ["--import", "tsx", join(root, "src/cli/main.ts")];

async function parley(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], {
      env: { ...process.env, PARLEY_ACTOR: "", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each run starts a fresh process that compiles the CLI with tsx: allow for a slow machine.
describe("parley apply, export, config and openslo on the command line", { timeout: 180_000 }, () => {
  let dir: string;
  let db: string;
  const example = join(root, "examples/parley.yaml");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-config-cli-"));
    db = join(dir, "p.db");
    const init = await parley([
      "-d",
      db,
      "init",
      "--email",
      "ops@x.dev",
      "--name",
      "Ops",
      "--password",
      "long-enough-pass",
    ]);
    expect(init.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("plans with --dry-run, needs --as and --yes off a terminal, then applies and is idempotent", async () => {
    const dry = await parley(["-d", db, "apply", example, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+   system support-assistant (create)");
    expect(dry.stdout).toContain("Plan: 13 to create, 1 to change, 0 to prune, 0 unchanged.");

    const noActor = await parley(["-d", db, "apply", example, "--yes"]);
    expect(noActor.code).toBe(2);
    expect(noActor.stderr).toMatch(/--as you@example\.com/);
    const noTty = await parley(["-d", db, "apply", example, "--as", "ops@x.dev"]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/pass --yes to apply/);

    const applied = await parley(["-d", db, "apply", example, "--yes", "--as", "ops@x.dev"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Applied: 13 created, 1 changed, 0 archived, 0 unchanged.");
    const again = await parley(["-d", db, "apply", example, "--yes"], { PARLEY_ACTOR: "ops@x.dev" });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Plan: 0 to create, 0 to change, 0 to prune, 14 unchanged.");
    const json = await parley(["-d", db, "apply", example, "--dry-run", "--json"]);
    expect(JSON.parse(json.stdout).plan.counts).toMatchObject({ create: 0, change: 0, unchanged: 14 });
  });

  it("reports validation problems as file:line:column lines with exit 2", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "systems:\n  - key: support-assistant\n    stage: prod\n    colour: blue\n");
    const result = await parley(["-d", db, "apply", bad, "--dry-run"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").slice(0, 2)).toEqual([
      `${bad}:3:12: systems[0].stage: "prod" is not a stage. Fix: did you mean production? (one of idea, demo, pilot, production, retired).`,
      `${bad}:4:5: systems[0].colour: unknown field "colour". Fix: remove it; the fields here are name, purpose, expectedOutcome, valueEstimate, targetDate, models, dataSources, dependencies, usersReached, scaleNow, scalePlanned, key, stage, owners, signals.`,
    ]);
    const offline = await parley(["config", "validate", bad, "--json"]);
    expect(offline.code).toBe(2);
    expect(JSON.parse(offline.stdout).error.details.problems).toHaveLength(2);
    expect((await parley(["config", "validate", example])).code).toBe(0);
  });

  it("exits 1 when a readiness gate refuses a stage move, changing nothing", async () => {
    const gated = join(dir, "gated.yaml");
    writeFileSync(
      gated,
      readFileSync(example, "utf8").replace("    stage: pilot\n", "    stage: production\n"),
    );
    const result = await parley(["-d", db, "apply", gated, "--yes", "--as", "ops@x.dev"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not ready for production/);
    expect(result.stderr).toMatch(/No data from "Model spend" in the last 24 hours/);
  });

  it("exports YAML that applies with zero changes, and prints the JSON Schema", async () => {
    const out = join(dir, "export.yaml");
    const exported = await parley([
      "-d",
      db,
      "export",
      "--out",
      out,
      "--schema-ref",
      "http://localhost:7300/api/v1/config/schema",
    ]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe(
      "# yaml-language-server: $schema=http://localhost:7300/api/v1/config/schema",
    );
    const plan = await parley(["-d", db, "apply", out, "--dry-run", "--prune"]);
    expect(plan.stdout).toMatch(/Plan: 0 to create, 0 to change, 0 to prune, \d+ unchanged\./);
    const schema = await parley(["config", "schema"]);
    expect(JSON.parse(schema.stdout)).toEqual(
      JSON.parse(readFileSync(join(root, "schema/parley.schema.json"), "utf8")),
    );
  });

  it("imports and exports OpenSLO", async () => {
    const slos = join(root, "examples/openslo/support-assistant-slos.yaml");
    const imported = await parley(["-d", db, "openslo", "import", slos, "--yes", "--as", "ops@x.dev"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Applied: 6 created");
    expect(imported.stdout).toContain("Note: SLO draft-errors: Occurrences is counted as hourly slices");
    const out = join(dir, "slos.yaml");
    const exported = await parley([
      "-d",
      db,
      "openslo",
      "export",
      "--system",
      "support-assistant",
      "--out",
      out,
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain("4 SLOs exported");
    const back = await parley(["-d", db, "openslo", "import", out, "--dry-run"]);
    expect(back.stdout).toContain("Plan: 0 to create, 0 to change");
    const unknown = await parley(["-d", db, "openslo", "export", "--system", "nope"]);
    expect(unknown.code).toBe(2);
  });
});
