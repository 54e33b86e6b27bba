import type { Kysely } from "kysely";

// Signals and their points. Times are epoch milliseconds in 64-bit integers on both databases, so
// range scans and bucketing are plain integer arithmetic.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("aggregation", "text", (c) => c.notNull())
    .addColumn("quantile", "double precision")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_point_t", "bigint")
    .addColumn("last_received_at", "text")
    .addUniqueConstraint("signals_system_key_unique", ["system_id", "key"])
    .execute();

  await db.schema
    .createTable("points")
    .addColumn("signal_id", "text", (c) => c.notNull())
    .addColumn("t", "bigint", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("denominator", "double precision")
    .addPrimaryKeyConstraint("points_pk", ["signal_id", "t", "source"])
    .execute();

  await db.schema
    .createTable("rollups")
    .addColumn("signal_id", "text", (c) => c.notNull())
    .addColumn("granularity", "text", (c) => c.notNull())
    .addColumn("start", "bigint", (c) => c.notNull())
    .addColumn("count", "bigint", (c) => c.notNull())
    .addColumn("sum", "double precision", (c) => c.notNull())
    .addColumn("min", "double precision", (c) => c.notNull())
    .addColumn("max", "double precision", (c) => c.notNull())
    .addColumn("denominator_sum", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollups_pk", ["signal_id", "granularity", "start"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["rollups", "points", "signals"]) await db.schema.dropTable(table).execute();
}
