import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from "kysely";
import pg from "pg";
import { ParleyError } from "../core/errors.js";
import type { DialectName } from "./dialect.js";
import { migrations } from "./migrations/index.js";
import type { Schema } from "./schema.js";

export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** Where it lives, with any password removed: safe to print. */
  location: string;
  /** The raw driver handles, for the few hot paths (bulk point writes) that bypass the builder. */
  raw: { sqlite: SQLite.Database } | { pool: pg.Pool };
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = "parley-data/parley.db";

/** The database setting: PARLEY_DATABASE (a file path or postgres:// URL), then DATABASE_URL. */
export function databaseSetting(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARLEY_DATABASE || env.DATABASE_URL || DEFAULT_DATABASE;
}

function isPostgresUrl(setting: string): boolean {
  return /^postgres(ql)?:\/\//i.test(setting);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

// PostgreSQL returns COUNT(*) and BIGINT as strings; every count we take fits in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * Opens the database named by `setting`: a postgres:// URL selects PostgreSQL, anything else is a
 * SQLite file (created with its folder if missing). This is the only place that picks a driver.
 */
export function openDatabase(setting: string = databaseSetting()): Database {
  if (isPostgresUrl(setting)) {
    const pool = new pg.Pool({ connectionString: setting, max: 10 });
    // An idle client losing its connection (a restart, a dropped database) must not crash the process;
    // the pool replaces it and the next query reports any real problem.
    pool.on("error", () => {});
    const db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, dialect: "postgres", location: redact(setting), raw: { pool }, close: () => db.destroy() };
  }
  if (setting !== ":memory:") mkdirSync(dirname(setting), { recursive: true });
  const sqlite = new SQLite(setting);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: reusingStatements(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: "sqlite", location: setting, raw: { sqlite }, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; under load that preparing was a large share of the server's
 * CPU profile. This keeps the most recently used prepared statements by SQL text. A statement
 * still iterating (a streamed read) is busy and cannot be shared, so that caller gets its own.
 */
function reusingStatements(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached?.busy) return sqlite.prepare(text);
      const statement = cached ?? sqlite.prepare(text);
      cache.delete(text); // re-inserted as the most recently used
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/**
 * Brings the schema to the latest version; the Migrator's result is checked, never swallowed.
 * Migrations still run in name order, but one that is missing from the database is applied even
 * when a later one already ran: 0008-rehearsal landed after 0009-notifications during development,
 * and Kysely's default order check refuses such a database instead of completing it.
 */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new ParleyError(
      "conflict",
      "migration_failed",
      `Migration ${failed?.migrationName ?? "(setup)"} failed: ${reason}. The database was left at the last good version.`,
    );
  }
  const all = await migrator.getMigrations();
  const executed = all.filter((m) => m.executedAt);
  return {
    applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
    current: executed.at(-1)?.name ?? null,
  };
}

/** Runs `work` in one transaction: either everything it wrote is committed, or nothing is. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
