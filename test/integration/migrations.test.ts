import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import { createCapacityLimit } from "../../src/commands/rehearsal.js";
import { createSystem } from "../../src/commands/systems.js";
import { CapacityLimitCreate } from "../../src/contract/rehearsal.js";
import { SystemCreate } from "../../src/contract/systems.js";
import { migrateToLatest, type Database } from "../../src/store/database.js";
import * as rehearsal from "../../src/store/migrations/0008-rehearsal.js";
import { migrations } from "../../src/store/migrations/index.js";
import { capacityLimitRows } from "../../src/store/rehearsal.js";
import { DIALECTS, freshDatabase } from "./harness.js";

// 0008-rehearsal landed after 0009-notifications during development, so a dev database can have
// 0009 applied and 0008 missing. Opening it must apply 0008 rather than refuse the database.

/** Puts a migrated database back in the state of one that ran 0009 before 0008 existed. */
async function withoutRehearsalMigration(database: Database): Promise<void> {
  await rehearsal.down(database.db);
  await sql`delete from kysely_migration where name = '0008-rehearsal'`.execute(database.db);
}

async function migrationNames(database: Database): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    database.db,
  );
  return result.rows.map((r) => r.name);
}

describe.each(DIALECTS)("[%s] migrations applied out of order", (dialect) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it("applies 0008-rehearsal to a database that already ran 0009-notifications, and the database works", async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    const { database } = fresh;
    await withoutRehearsalMigration(database);
    expect(await migrationNames(database)).not.toContain("0008-rehearsal");
    expect(await migrationNames(database)).toContain("0009-notifications");

    // Kysely's default order check refuses exactly this database.
    const strict = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    const refused = await strict.migrateToLatest();
    expect(String(refused.error)).toMatch(/corrupted migrations/);

    const report = await migrateToLatest(database);
    expect(report).toEqual({ applied: ["0008-rehearsal"], current: "0009-notifications" });
    expect(await migrationNames(database)).toEqual(Object.keys(migrations).sort());
    // Migrating again finds nothing left to do.
    expect(await migrateToLatest(database)).toEqual({ applied: [], current: "0009-notifications" });

    // 0008's tables are there and usable, and 0009's survived.
    const now = new Date("2026-06-01T12:00:00Z");
    const admin = await setupFirstAdmin(
      database,
      { name: "A", email: "a@test.dev", side: "engineering", password: "long-enough-password" },
      now,
    );
    const ctx = { database, actor: { id: admin.id, name: "A", side: admin.side, isAdmin: true }, now };
    const system = await createSystem(ctx, SystemCreate.parse({ key: "support-bot", name: "Support bot" }));
    await createCapacityLimit(
      ctx,
      "support-bot",
      CapacityLimitCreate.parse({
        name: "Model tokens per minute",
        kind: "tokens_per_minute",
        value: 30_000,
      }),
    );
    expect((await capacityLimitRows(database.db, system.id)).map((r) => r.name)).toEqual([
      "Model tokens per minute",
    ]);
    const channels = await sql<{ n: number }>`select count(*) as n from notification_channels`.execute(
      database.db,
    );
    expect(Number(channels.rows[0]?.n)).toBe(0);
  });
});
