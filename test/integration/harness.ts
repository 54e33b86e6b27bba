import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { seedQuestionBank } from "../../src/commands/conversations.js";
import { createPerson } from "../../src/commands/people.js";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import type { Side } from "../../src/contract/enums.js";
import type { Person } from "../../src/contract/people.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import { migrateToLatest, openDatabase, type Database } from "../../src/store/database.js";

export type DialectName = "sqlite" | "postgres";

/**
 * The databases every store test runs on. PostgreSQL comes from PARLEY_TEST_PG_URL (the test
 * command starts a throwaway server); under CI its absence is an error, not a silent skip.
 */
export const DIALECTS: DialectName[] = (() => {
  if (process.env.PARLEY_TEST_PG_URL) return ["sqlite", "postgres"];
  if (process.env.CI)
    throw new Error("PARLEY_TEST_PG_URL is not set: the test command must start PostgreSQL");
  return ["sqlite"];
})();

/** A fresh, empty, migrated database of the given kind, and a way to throw it away. */
export async function freshDatabase(
  dialect: DialectName,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "parley-test-"));
    const database = openDatabase(join(dir, "parley.db"));
    await migrateToLatest(database);
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.PARLEY_TEST_PG_URL!;
  const name = `parley_t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  await migrateToLatest(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const PASSWORD = "test-password-123";

export interface Caller {
  person: Person;
  cookie: string;
  get(url: string): Promise<Response>;
  post(url: string, body?: unknown): Promise<Response>;
  patch(url: string, body: unknown): Promise<Response>;
  put(url: string, body: unknown): Promise<Response>;
  del(url: string): Promise<Response>;
}

export interface Response {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: Record<string, unknown>;
}

export interface TestWorld {
  database: Database;
  app: App;
  clock: { now: Date };
  admin: Caller;
  leader: Caller;
  engineer: Caller;
  anonymous: Caller;
  as(cookieOrToken: { cookie?: string; token?: string }): Caller;
  close(): Promise<void>;
}

function caller(app: App, person: Person, auth: { cookie?: string; token?: string }): Caller {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = `parley_session=${auth.cookie}`;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const send = async (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
  ): Promise<Response> => {
    const res = await app.inject({
      method,
      url,
      headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { payload: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  };
  return {
    person,
    cookie: auth.cookie ?? "",
    get: (url) => send("GET", url),
    post: (url, body) => send("POST", url, body ?? {}),
    patch: (url, body) => send("PATCH", url, body),
    put: (url, body) => send("PUT", url, body),
    del: (url) => send("DELETE", url),
  };
}

/** A running app on a fresh database with an admin, a leadership person and an engineer. */
export async function createWorld(
  dialect: DialectName,
  start = new Date("2026-06-01T12:00:00Z"),
): Promise<TestWorld> {
  const { database, drop } = await freshDatabase(dialect);
  const clock = { now: start };
  await seedQuestionBank(database, clock.now);
  const admin = await setupFirstAdmin(
    database,
    { name: "Ada Admin", email: "admin@test.dev", side: "engineering", password: PASSWORD },
    clock.now,
  );
  const ctx = {
    database,
    actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true },
    now: clock.now,
  };
  const make = (name: string, email: string, side: Side) =>
    createPerson(ctx, { name, email, side, isAdmin: false, password: PASSWORD });
  const leaderPerson = await make("Lena Leader", "lena@test.dev", "leadership");
  const engineerPerson = await make("Eli Engineer", "eli@test.dev", "engineering");
  // Time moves on by a millisecond per request, as it would between real requests.
  const tick = () => (clock.now = new Date(clock.now.getTime() + 1));
  const app = await buildApp({ database, clock: tick });
  const signIn = async (email: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session");
    if (!cookie) throw new Error(`sign-in failed for ${email}: ${res.body}`);
    return cookie.value;
  };
  const world: TestWorld = {
    database,
    app,
    clock,
    admin: caller(app, admin, { cookie: await signIn("admin@test.dev") }),
    leader: caller(app, leaderPerson, { cookie: await signIn("lena@test.dev") }),
    engineer: caller(app, engineerPerson, { cookie: await signIn("eli@test.dev") }),
    anonymous: caller(app, admin, {}),
    as: (auth) => caller(app, admin, auth),
    close: async () => {
      await app.close();
      await drop();
    },
  };
  return world;
}

/** Row counts of every table, to prove a failed request changed nothing. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = [
    "people",
    "systems",
    "stage_changes",
    "questions",
    "rounds",
    "asks",
    "answers",
    "read_backs",
    "risks",
    "decisions",
    "safeguards",
    "safeguard_risks",
    "statements",
    "audit_events",
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(database.db);
    counts[t] = Number(result.rows[0]?.n);
  }
  return counts;
}
