import type { Kysely } from "kysely";

// The scale rehearsal: each system's planned scale (one row, the plan as JSON), the capacity
// limits engineering records, and saved rehearsals with the inputs they were computed from, so
// a readiness rule can ask how old the latest one is.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("planned_scales")
    .addColumn("system_id", "text", (c) => c.primaryKey().references("systems.id"))
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("capacity_limits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("peak_factor", "double precision")
    .addColumn("quantile", "double precision")
    .addColumn("measure", "text")
    .addColumn("count_window", "text")
    .addColumn("current_usage", "double precision")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("capacity_limits_system_idx")
    .on("capacity_limits")
    .column("system_id")
    .execute();

  await db.schema
    .createTable("rehearsals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("what_if", "text", (c) => c.notNull())
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("first_break_multiple", "double precision")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rehearsals_system_idx")
    .on("rehearsals")
    .columns(["system_id", "created_at"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["rehearsals", "capacity_limits", "planned_scales"])
    await db.schema.dropTable(table).execute();
}
