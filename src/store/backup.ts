import { createHash } from "node:crypto";
import { sql, type QueryResult, type RawBuilder } from "kysely";
import type { Database, Db } from "./database.js";
import { describeTables, type TableInfo } from "./tables.js";

export type Row = unknown[];
const PAGE = 5000;

/**
 * Rows of a table in primary-key order, a page at a time (keyset pagination, so millions of points
 * stream in flat memory). Values come positionally in `table.columns` order.
 */
export async function* tableRows(db: Db, table: TableInfo): AsyncGenerator<Row[]> {
  const cols = sql.join(table.columns.map((c) => sql.ref(c)));
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  const keyRefs = sql.join(key.map((c) => sql.ref(c)));
  const keyIdx = key.map((c) => table.columns.indexOf(c));
  let last: Row | null = null;
  for (;;) {
    const from: Row | null = last;
    const after: RawBuilder<unknown> = from
      ? sql`where (${keyRefs}) > (${sql.join(keyIdx.map((i) => from[i]))})`
      : sql``;
    const page: QueryResult<Record<string, unknown>> = await sql<
      Record<string, unknown>
    >`select ${cols} from ${sql.table(table.name)} ${after} order by ${keyRefs} limit ${PAGE}`.execute(db);
    if (page.rows.length === 0) return;
    const rows: Row[] = page.rows.map((r) => Object.values(r));
    yield rows;
    if (page.rows.length < PAGE) return;
    last = rows.at(-1)!;
  }
}

/** A running SHA-256 over rows in key order; equal data gives equal sums on SQLite and PostgreSQL. */
export class TableChecksum {
  private readonly hash = createHash("sha256");
  rows = 0;
  add(rows: Row[]): void {
    for (const row of rows)
      this.hash.update(`${JSON.stringify(row.map((v) => (typeof v === "bigint" ? Number(v) : v)))}\n`);
    this.rows += rows.length;
  }
  digest(): string {
    return this.hash.digest("hex");
  }
}

/**
 * Runs `work` inside one read snapshot, so a backup taken while the server writes is consistent:
 * REPEATABLE READ on PostgreSQL, a read transaction (WAL snapshot) on SQLite.
 */
export async function inSnapshot<T>(database: Database, work: (db: Db) => Promise<T>): Promise<T> {
  if (database.dialect === "postgres") {
    return database.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute((tx) => work(tx));
  }
  return database.db.transaction().execute((tx) => work(tx));
}

export interface CopyReport {
  table: string;
  rows: number;
  checksum: string;
  verified?: boolean;
}

function batchSize(columns: number): number {
  return Math.max(1, Math.floor(30_000 / Math.max(columns, 1)));
}

/** Inserts rows into a table of an empty target database, in batches the driver accepts. */
export async function insertRows(db: Db, table: TableInfo, rows: Row[]): Promise<void> {
  const size = batchSize(table.columns.length);
  for (let i = 0; i < rows.length; i += size) {
    const values = rows
      .slice(i, i + size)
      .map((row) => sql`(${sql.join(row.map((v) => (typeof v === "bigint" ? Number(v) : v)))})`);
    await sql`insert into ${sql.table(table.name)} (${sql.join(table.columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/** After rows with explicit ids are copied into PostgreSQL, its sequences must continue after them. */
export async function resetSequences(db: Db, dialect: Database["dialect"]): Promise<void> {
  if (dialect !== "postgres") return;
  // Single-word aliases: the camel-case plugin would rename table_name in the result.
  const serials = await sql<{ tbl: string; col: string }>`
    select table_name as tbl, column_name as col from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval%'`.execute(db);
  for (const s of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${s.tbl}, ${s.col}), coalesce((select max(${sql.ref(s.col)}) from ${sql.table(s.tbl)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/** Per-table row counts and checksums of a whole database, in one snapshot. */
export async function checksums(database: Database): Promise<Map<string, CopyReport>> {
  const tables = await describeTables(database);
  return inSnapshot(database, async (db) => {
    const out = new Map<string, CopyReport>();
    for (const table of tables) {
      const sum = new TableChecksum();
      for await (const rows of tableRows(db, table)) sum.add(rows);
      out.set(table.name, { table: table.name, rows: sum.rows, checksum: sum.digest() });
    }
    return out;
  });
}

/** Whether the target holds no workspace yet (restores and migrations only go into empty ones). */
export async function isEmptyWorkspace(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
