// The workspace every throughput benchmark starts from: a migrated database, one admin and a
// system keyed "bench". Returns the admin's command context.
import { setupFirstAdmin } from "../../src/commands/auth.js";
import type { CommandContext } from "../../src/commands/context.js";
import { createSystem } from "../../src/commands/systems.js";
import { migrateToLatest, type Database } from "../../src/store/database.js";

export const BENCH_EMAIL = "bench@example.com";
export const BENCH_PASSWORD = "bench-password-1";

export async function benchWorkspace(database: Database): Promise<CommandContext> {
  await migrateToLatest(database);
  const now = new Date();
  const admin = await setupFirstAdmin(
    database,
    { name: "Bench", email: BENCH_EMAIL, side: "engineering", password: BENCH_PASSWORD },
    now,
  );
  const ctx = { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
  await createSystem(ctx, {
    key: "bench",
    name: "Bench",
    purpose: "",
    expectedOutcome: "",
    valueEstimate: null,
    targetDate: null,
    stage: "idea",
    leadershipOwnerId: null,
    engineeringOwnerId: null,
    models: [],
    dataSources: [],
    dependencies: [],
    usersReached: "internal",
    scaleNow: "",
    scalePlanned: "",
  });
  return ctx;
}
