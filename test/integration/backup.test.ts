import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupTo, migrateDatabase, restoreFrom } from "../../src/commands/backup.js";
import { loadDemoWorkspace } from "../../src/commands/demo.js";
import { verifyAuditChain } from "../../src/core/audit.js";
import { allAuditInOrder } from "../../src/store/audit.js";
import { checksums } from "../../src/store/backup.js";
import { DIALECTS, freshDatabase, type DialectName } from "./harness.js";

const NOW = new Date("2026-11-28T09:00:00Z");

describe.each(DIALECTS)("backup and restore from %s", (from) => {
  let dir: string;
  let source: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-backup-"));
    source = await freshDatabase(from);
    await loadDemoWorkspace(source.database, NOW);
  });
  afterAll(async () => {
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(DIALECTS)(
    "restores into an empty %s database, identical table by table",
    async (to: DialectName) => {
      const file = join(dir, `backup-${to}.jsonl.gz`);
      const written = await backupTo(source.database, file);
      expect(written.find((t) => t.table === "points")!.rows).toBeGreaterThan(500);
      const target = await freshDatabase(to);
      try {
        const restored = await restoreFrom(target.database, file);
        expect(restored.every((t) => t.verified)).toBe(true);
        const a = await checksums(source.database);
        const b = await checksums(target.database);
        for (const [table, sum] of a) expect(b.get(table), table).toEqual(sum);
        expect(verifyAuditChain(await allAuditInOrder(target.database.db))).toEqual([]);
        // The copy is a working workspace: new writes continue the audit chain and the sequences.
        const again = await restoreFrom(target.database, file).catch((e: Error) => e);
        expect(String(again)).toMatch(/already holds a workspace/);
      } finally {
        await target.drop();
      }
    },
  );

  it("takes a consistent snapshot while writes continue", async () => {
    const file = join(dir, "live.jsonl.gz");
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        await source.database.db
          .insertInto("evaluationStates")
          .values({
            targetId: `live-${i}`,
            at: new Date(NOW.getTime() + i).toISOString(),
            state: "ok",
            value: i,
          })
          .execute();
        i += 1;
        // Like requests arriving over the network, each write lets other work run in between.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return i;
    })();
    const written = await backupTo(source.database, file);
    writing = false;
    const total = await writer;
    expect(total).toBeGreaterThan(0);
    const target = await freshDatabase("sqlite");
    try {
      const restored = await restoreFrom(target.database, file);
      expect(restored.every((t) => t.verified)).toBe(true);
      expect(restored.find((t) => t.table === "evaluation_states")!.rows).toBe(
        written.find((t) => t.table === "evaluation_states")!.rows,
      );
    } finally {
      await target.drop();
    }
  });

  it("refuses a file that is not a backup or is damaged", async () => {
    const target = await freshDatabase("sqlite");
    try {
      const { writeFileSync } = await import("node:fs");
      const { gzipSync } = await import("node:zlib");
      const bogus = join(dir, "bogus.gz");
      writeFileSync(bogus, gzipSync('{"hello":1}\n'));
      await expect(restoreFrom(target.database, bogus)).rejects.toThrow(/not a Parley backup/);
      const damaged = join(dir, "damaged.gz");
      writeFileSync(
        damaged,
        gzipSync(
          [
            JSON.stringify({
              format: "parley-backup",
              version: 1,
              createdAt: "",
              dialect: "sqlite",
              migration: null,
            }),
            JSON.stringify({
              table: "questions",
              columns: [
                "id",
                "text",
                "asked_by",
                "category",
                "builtin",
                "archived",
                "created_by",
                "created_at",
              ],
            }),
            JSON.stringify(["q1", "x", "leadership", "other", 0, 0, null, "2026-01-01T00:00:00Z"]),
            JSON.stringify({ end: "questions", rows: 1, checksum: "0000" }),
          ].join("\n"),
        ),
      );
      await expect(restoreFrom(target.database, damaged)).rejects.toThrow(/does not match its checksum/);
      const rows = await target.database.db.selectFrom("questions").select("id").execute();
      expect(rows).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});

describe.runIf(DIALECTS.includes("postgres"))("migrate-db from SQLite to PostgreSQL", () => {
  it("copies the demo workspace and proves every table identical", async () => {
    const source = await freshDatabase("sqlite");
    const target = await freshDatabase("postgres");
    try {
      await loadDemoWorkspace(source.database, NOW);
      const report = await migrateDatabase(source.database, target.database);
      expect(report.length).toBeGreaterThan(20);
      expect(report.filter((t) => !t.verified)).toEqual([]);
      // The sequence behind the audit log continues after the copied entries.
      expect(verifyAuditChain(await allAuditInOrder(target.database.db))).toEqual([]);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
