import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { createGunzip, createGzip } from "node:zlib";
import { conflict, invalid } from "../core/errors.js";
import {
  checksums,
  insertRows,
  inSnapshot,
  isEmptyWorkspace,
  resetSequences,
  tableRows,
  TableChecksum,
  type CopyReport,
  type Row,
} from "../store/backup.js";
import { inTransaction, migrateToLatest, type Database, type Db } from "../store/database.js";
import { describeTables, orderByDependencies, type TableInfo } from "../store/tables.js";
import { sql } from "kysely";

export const BACKUP_FORMAT = "parley-backup";
export const BACKUP_VERSION = 1;

type Progress = (table: string, rows: number) => void;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  dialect: string;
  migration: string | null;
}

/**
 * Empties an empty workspace completely: migrations and start-up seed rows (the question bank, the
 * audit head, default prices) would otherwise collide with the copied ones.
 */
async function clearTables(db: Db, tables: TableInfo[]): Promise<void> {
  for (const table of [...orderByDependencies(tables)].reverse())
    await sql`delete from ${sql.table(table.name)}`.execute(db);
}

async function currentMigration(database: Database): Promise<string | null> {
  const report = await migrateToLatest(database);
  return report.current;
}

/**
 * Writes a consistent snapshot of the whole workspace to a gzipped JSON-lines file, safe to run
 * against a live server: everything is read inside one snapshot. The format is the same for SQLite
 * and PostgreSQL, so a backup restores into either.
 */
export async function backupTo(
  database: Database,
  file: string,
  progress: Progress = () => {},
): Promise<CopyReport[]> {
  const migration = await currentMigration(database);
  const tables = await describeTables(database);
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, "drain");
  };
  const header: Header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    dialect: database.dialect,
    migration,
  };
  await write(header);
  const reports = await inSnapshot(database, async (db) => {
    const done: CopyReport[] = [];
    for (const table of tables) {
      await write({ table: table.name, columns: table.columns });
      const sum = new TableChecksum();
      for await (const rows of tableRows(db, table)) {
        for (const row of rows) await write(row);
        sum.add(rows);
        progress(table.name, sum.rows);
      }
      const report = { table: table.name, rows: sum.rows, checksum: sum.digest() };
      await write({ end: table.name, rows: report.rows, checksum: report.checksum });
      done.push(report);
    }
    return done;
  });
  gzip.end();
  await once(out, "finish");
  return reports;
}

/** Reads a backup file back, table by table, checking its checksums as it goes. */
async function* readBackup(
  file: string,
): AsyncGenerator<
  | { header: Header }
  | { table: string; columns: string[] }
  | { rows: Row[] }
  | { end: string; rows: number; checksum: string }
> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: Row[] = [];
  let first = true;
  for await (const line of lines) {
    if (!line) continue;
    const value: unknown = JSON.parse(line);
    if (first) {
      const header = value as Header;
      if (header.format !== BACKUP_FORMAT) throw invalid("not_a_backup", `${file} is not a Parley backup.`);
      if (header.version > BACKUP_VERSION)
        throw invalid(
          "backup_too_new",
          `${file} was written by a newer Parley (format ${header.version}). Upgrade Parley first.`,
        );
      first = false;
      yield { header };
      continue;
    }
    if (Array.isArray(value)) {
      batch.push(value as Row);
      if (batch.length >= 2000) {
        yield { rows: batch };
        batch = [];
      }
      continue;
    }
    if (batch.length) {
      yield { rows: batch };
      batch = [];
    }
    yield value as { table: string; columns: string[] } | { end: string; rows: number; checksum: string };
  }
}

/**
 * Restores a backup into an empty workspace (a fresh SQLite file or an empty PostgreSQL database):
 * one transaction, verified against the checksums recorded in the file.
 */
export async function restoreFrom(
  database: Database,
  file: string,
  progress: Progress = () => {},
): Promise<CopyReport[]> {
  await migrateToLatest(database);
  if (!(await isEmptyWorkspace(database))) {
    throw conflict(
      "target_not_empty",
      "The target database already holds a workspace. Restore into a new SQLite file or an empty PostgreSQL database.",
    );
  }
  const tables = new Map((await describeTables(database)).map((t) => [t.name, t]));
  const reports: CopyReport[] = [];
  await inTransaction(database.db, async (tx) => {
    await clearTables(tx, [...tables.values()]);
    let table: TableInfo | null = null;
    let sum = new TableChecksum();
    for await (const item of readBackup(file)) {
      if ("header" in item) continue;
      if ("columns" in item) {
        const target = tables.get(item.table);
        if (!target)
          throw invalid(
            "unknown_table",
            `The backup has a table "${item.table}" this Parley does not know. Upgrade Parley first.`,
          );
        table = { ...target, columns: item.columns };
        sum = new TableChecksum();
      } else if ("rows" in item && Array.isArray(item.rows)) {
        if (!table) throw invalid("corrupt_backup", "The backup has rows before any table header.");
        await insertRows(tx, table, item.rows);
        sum.add(item.rows);
        progress(table.name, sum.rows);
      } else if ("end" in item) {
        const checksum = sum.digest();
        if (checksum !== item.checksum || sum.rows !== item.rows) {
          throw invalid(
            "corrupt_backup",
            `Table ${item.end} in the backup does not match its checksum; the file is damaged. Nothing was restored.`,
          );
        }
        reports.push({ table: item.end, rows: sum.rows, checksum, verified: true });
        table = null;
      }
    }
    await resetSequences(tx, database.dialect);
  });
  return reports;
}

/**
 * Copies a whole workspace into another, empty database (typically SQLite to PostgreSQL), then
 * proves the copy by comparing per-table row counts and checksums on both sides.
 */
export async function migrateDatabase(
  source: Database,
  target: Database,
  progress: Progress = () => {},
): Promise<CopyReport[]> {
  await migrateToLatest(source);
  await migrateToLatest(target);
  if (!(await isEmptyWorkspace(target))) {
    throw conflict(
      "target_not_empty",
      "The target database already holds a workspace. Point --to at an empty database.",
    );
  }
  const tables = await describeTables(source);
  const targetTables = new Set((await describeTables(target)).map((t) => t.name));
  await inSnapshot(source, async (db) =>
    inTransaction(target.db, async (tx) => {
      await clearTables(tx, await describeTables(target));
      for (const table of tables) {
        if (!targetTables.has(table.name))
          throw invalid("unknown_table", `The target has no table "${table.name}".`);
        let copied = 0;
        for await (const rows of tableRows(db, table)) {
          await insertRows(tx, table, rows);
          copied += rows.length;
          progress(table.name, copied);
        }
      }
      await resetSequences(tx, target.dialect);
    }),
  );
  const before = await checksums(source);
  const after = await checksums(target);
  return [...before.values()].map((b) => ({
    ...b,
    verified: after.get(b.table)?.checksum === b.checksum && after.get(b.table)?.rows === b.rows,
  }));
}
