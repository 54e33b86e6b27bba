import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, setupFirstAdmin } from "../../src/commands/auth.js";
import { createSignal } from "../../src/commands/signals.js";
import { createSystem } from "../../src/commands/systems.js";
import { openDatabase } from "../../src/store/database.js";
import { DIALECTS, freshDatabase } from "./harness.js";

const CLI = join(import.meta.dirname, "../../src/cli/main.ts");
const KILLS = 4;
const BATCH = 500;

function startServer(database: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CLI, "-d", database, "serve", "--port", "0", "--host", "127.0.0.1"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace("localhost", "127.0.0.1") });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", () => clearTimeout(timer));
  });
}

describe.each(DIALECTS)("crash safety under SIGKILL [%s]", (dialect) => {
  let setting: string;
  let drop: () => Promise<void>;
  let token: string;
  let signalId: string;

  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    setting = fresh.database.location;
    drop = fresh.drop;
    const database = fresh.database;
    const now = new Date();
    const admin = await setupFirstAdmin(
      database,
      { name: "Ops", email: "ops@example.com", side: "engineering", password: "crash-test-password" },
      now,
    );
    const ctx = { database, actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true }, now };
    await createSystem(ctx, {
      key: "bot",
      name: "Bot",
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
    signalId = (
      await createSignal(ctx, "bot", {
        key: "requests",
        name: "Requests",
        kind: "adoption",
        unit: "",
        direction: "higher_is_better",
        aggregation: "sum",
        quantile: null,
        description: "",
      })
    ).id;
    token = (await createApiToken(ctx, { name: "collector", scopes: ["ingest"] })).token;
    await database.close();
  });
  afterAll(() => drop());

  it(`loses no acknowledged point across ${KILLS} kills and keeps the database intact`, async () => {
    const acknowledged: number[] = [];
    let next = Date.UTC(2026, 0, 1);
    for (let round = 0; round < KILLS; round++) {
      const { child, url } = await startServer(setting);
      const exited = new Promise((resolve) => child.on("exit", resolve));
      let sending = true;
      const client = (async () => {
        while (sending) {
          const ts = Array.from({ length: BATCH }, (_, i) => next + i * 1000);
          next += BATCH * 1000;
          try {
            const res = await fetch(`${url}/api/v1/signals/${signalId}/points`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: JSON.stringify(ts.map((t) => ({ t, v: 1 }))),
            });
            if (res.status === 200 && ((await res.json()) as { accepted: number }).accepted === BATCH)
              acknowledged.push(...ts);
          } catch {
            return; // the server died mid-request: that batch was never acknowledged
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 800 + round * 300));
      child.kill("SIGKILL");
      await exited;
      sending = false;
      await client;
    }
    expect(acknowledged.length).toBeGreaterThan(BATCH);
    console.log(
      `[${dialect}] ${KILLS} SIGKILLs during ingestion; ${acknowledged.length} points acknowledged`,
    );

    const database = openDatabase(setting);
    try {
      const stored = await database.db
        .selectFrom("points")
        .select("t")
        .where("signalId", "=", signalId)
        .execute();
      const have = new Set(stored.map((r) => Number(r.t)));
      const lost = acknowledged.filter((t) => !have.has(t));
      expect(lost.length, `lost ${lost.length} acknowledged points`).toBe(0);
      if (database.dialect === "sqlite") {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
        expect(Object.values(check.rows[0]!)[0]).toBe("ok");
      } else {
        await sql`create extension if not exists amcheck`.execute(database.db);
        const indexes = await sql<{
          name: string;
        }>`select indexrelid::regclass::text as name from pg_index join pg_class c on c.oid = indrelid join pg_am am on am.oid = (select relam from pg_class where oid = indexrelid) where c.relnamespace = 'public'::regnamespace and am.amname = 'btree'`.execute(
          database.db,
        );
        for (const index of indexes.rows)
          await sql`select bt_index_check(${index.name}::regclass, true)`.execute(database.db);
        expect(indexes.rows.length).toBeGreaterThan(5);
      }
    } finally {
      await database.close();
    }
  }, 240_000);
});
