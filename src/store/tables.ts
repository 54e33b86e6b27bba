import { sql } from "kysely";
import type { Database } from "./database.js";

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  references: string[];
}

const INTERNAL = new Set(["kysely_migration", "kysely_migration_lock"]);

/**
 * Every application table with its columns, primary key and the tables it references, read from
 * the database itself, so backup and migration follow the schema without a list to maintain.
 */
export async function describeTables(database: Database): Promise<TableInfo[]> {
  const db = database.db;
  const tables: TableInfo[] = [];
  if (database.dialect === "sqlite") {
    const names = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      db,
    );
    for (const { name } of names.rows) {
      if (INTERNAL.has(name)) continue;
      const cols = await sql<{
        name: string;
        pk: number;
      }>`select name, pk from pragma_table_info(${name})`.execute(db);
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
        db,
      );
      tables.push({
        name,
        columns: cols.rows.map((c) => c.name),
        primaryKey: cols.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: [...new Set(fks.rows.map((f) => f.table))],
      });
    }
  } else {
    const names = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
      db,
    );
    for (const { name } of names.rows) {
      if (INTERNAL.has(name)) continue;
      const cols = await sql<{
        name: string;
      }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(
        db,
      );
      const pk = await sql<{ name: string }>`
        select a.attname as name from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${name}::regclass and i.indisprimary
        order by array_position(i.indkey, a.attnum)`.execute(db);
      const fks = await sql<{ table: string }>`
        select distinct ccu.table_name as "table" from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${name} and tc.table_schema = current_schema()`.execute(
        db,
      );
      tables.push({
        name,
        columns: cols.rows.map((c) => c.name),
        primaryKey: pk.rows.map((c) => c.name),
        references: fks.rows.map((f) => f.table).filter((t) => t !== name),
      });
    }
  }
  return orderByDependencies(tables);
}

/** Parents before children, so rows can be inserted with foreign keys enforced. */
export function orderByDependencies(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const ref of t.references) {
      const parent = byName.get(ref);
      if (parent) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}
