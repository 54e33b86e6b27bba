import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoWorkspace } from "../../src/commands/demo.js";
import { loadDemoLedger } from "../../src/commands/ledger.js";
import { openReadyDatabase } from "../../src/cli/database.js";

// `parley brief` run as a real process. The command is registered on a bare program here, so the
// test does not depend on where src/cli/program.ts wires it.

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const PROGRAM = `
import { Command } from "commander";
import { registerBriefCommands } from ${JSON.stringify(join(ROOT, "src/cli/briefs.ts"))};
const program = new Command().name("parley").exitOverride((err) => process.exit(err.exitCode));
registerBriefCommands(program, () => process.env.PARLEY_DATABASE);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

async function parley(args: string[], database: string) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", PROGRAM, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, PARLEY_DATABASE: database },
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("parley brief", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-brief-cli-"));
    db = join(dir, "demo.db");
    const database = await openReadyDatabase(db);
    await loadDemoWorkspace(database);
    await loadDemoLedger(database);
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("explains itself with --help", async () => {
    const help = await parley(["brief", "--help"], db);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: parley brief [options]");
    for (const option of [
      "--for <voice>",
      "--system <key>",
      "--format <format>",
      "--from <date>",
      "--to <date>",
      "--output <file>",
    ])
      expect(help.stdout).toContain(option);
  });

  it("writes a Markdown brief to standard output", async () => {
    const md = await parley(["brief", "--for", "leadership", "--system", "support-assistant"], db);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Leadership brief: Support reply assistant/);
    expect(md.stdout).toContain("## Value protected by engineering");
  });

  it("writes JSON and PDF files", async () => {
    const json = await parley(
      ["brief", "--for", "engineering", "--format", "json", "--from", "2026-01-01", "--to", "2026-01-31"],
      db,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).period).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    const file = join(dir, "brief.pdf");
    const pdf = await parley(["brief", "--for", "leadership", "--format", "pdf", "-o", file], db);
    expect(pdf.code).toBe(0);
    expect(pdf.stderr).toContain(`to ${file}`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    if (hasPdftotext)
      expect(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })).toContain("At a glance");
  });

  it("fails with a clear message and a non-zero exit", async () => {
    const noVoice = await parley(["brief"], db);
    expect(noVoice.code).not.toBe(0);
    expect(noVoice.stderr).toMatch(/required option '--for <voice>' not specified/);
    const badVoice = await parley(["brief", "--for", "board"], db);
    expect(badVoice.code).not.toBe(0);
    expect(badVoice.stderr).toMatch(/Allowed choices are leadership, engineering/);
    const badDate = await parley(["brief", "--for", "leadership", "--from", "last week"], db);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--from: "last week" is not a date. Use YYYY-MM-DD');
    const unknown = await parley(["brief", "--for", "leadership", "--system", "nope"], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("[system_not_found]");
    const jsonError = await parley(
      ["brief", "--for", "leadership", "--system", "nope", "--format", "json"],
      db,
    );
    expect(JSON.parse(jsonError.stdout).error.code).toBe("system_not_found");
    const unwritable = await parley(
      ["brief", "--for", "leadership", "-o", join(dir, "missing/dir/b.md")],
      db,
    );
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain("[cannot_write]");
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });
});
