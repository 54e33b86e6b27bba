import { Command } from "commander";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AUDIT_BROKEN_EXIT_CODE, registerAuditCommand } from "../../src/cli/audit.js";
import { createWorld, DIALECTS, type TestWorld } from "../integration/harness.js";
import { buildWorkspace } from "./support/workspace.js";

/** Runs `parley --database <location> audit verify [...args]` in-process; returns output and exit code. */
async function parley(location: string, ...args: string[]): Promise<{ out: string; exitCode: number }> {
  const program = new Command().name("parley").option("-d, --database <path-or-url>").exitOverride();
  registerAuditCommand(program);
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  const before = process.exitCode;
  try {
    await program.parseAsync(["node", "parley", "--database", location, "audit", "verify", ...args]);
    return { out: chunks.join(""), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
}

describe.each(DIALECTS)("parley audit verify [%s]", (dialect) => {
  let w: TestWorld;
  let location: string;

  beforeAll(async () => {
    w = await createWorld(dialect);
    await buildWorkspace(w);
    // For PostgreSQL the test URL has no password, so the printable location is the URL itself.
    location = w.database.location;
  });
  afterAll(() => w?.close());

  it("exits 0 and says so when the history is intact", async () => {
    const { out, exitCode } = await parley(location);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/is intact: \d+ entries checked, head at entry \d+/);
    const json = await parley(location, "--json");
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ intact: true, problems: [] });
  });

  it(`exits ${AUDIT_BROKEN_EXIT_CODE} and lists each problem with its entry when the history was edited`, async () => {
    await sql`update audit_events set summary = 'edited' where seq = 2`.execute(w.database.db);
    await sql`delete from audit_events where seq = 5`.execute(w.database.db);
    const { out, exitCode } = await parley(location);
    expect(exitCode).toBe(AUDIT_BROKEN_EXIT_CODE);
    expect(out).toContain("was changed outside Parley: 3 problems");
    expect(out).toMatch(/entry\s+2\s+hash_mismatch\s+Entry 2 was changed after it was written\./);
    expect(out).toMatch(/entry\s+6\s+gap\s+Entry 6 follows 4: entries are missing\./);
    expect(out).toMatch(/entry\s+6\s+broken_link/);
    const json = await parley(location, "--json");
    expect(json.exitCode).toBe(AUDIT_BROKEN_EXIT_CODE);
    const parsed = JSON.parse(json.out);
    expect(parsed.intact).toBe(false);
    expect(parsed.problems.map((p: { seq: number; problem: string }) => `${p.seq} ${p.problem}`)).toEqual([
      "2 hash_mismatch",
      "6 gap",
      "6 broken_link",
    ]);
  });
});
