import type { Kysely } from "kysely";

// Trust limits, risk budgets, their evaluation history, quiet-failure findings and the online
// detector's per-signal state.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trust_limits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("window_days", "double precision", (c) => c.notNull())
    .addColumn("aggregate", "text", (c) => c.notNull())
    .addColumn("quantile", "double precision")
    .addColumn("comparator", "text", (c) => c.notNull())
    .addColumn("threshold", "double precision", (c) => c.notNull())
    .addColumn("horizon_days", "double precision")
    .addColumn("source_answer_id", "text", (c) => c.references("answers.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("risk_budgets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("amount", "double precision")
    .addColumn("target", "double precision")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("comparator", "text", (c) => c.notNull())
    .addColumn("threshold", "double precision")
    .addColumn("risk_id", "text", (c) => c.references("risks.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // One row per state change of a limit or budget: the "with history" of the map.
  await db.schema
    .createTable("evaluation_states")
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addPrimaryKeyConstraint("evaluation_states_pk", ["target_id", "at"])
    .execute();

  await db.schema
    .createTable("findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("since_t", "bigint")
    .addColumn("detected_at", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("change", "double precision", (c) => c.notNull())
    .addColumn("baseline", "double precision", (c) => c.notNull())
    .addColumn("relative_change", "double precision")
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("confidence_label", "text", (c) => c.notNull())
    .addColumn("worse", "integer")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("triaged_by", "text")
    .addColumn("triaged_at", "text")
    .execute();

  await db.schema
    .createTable("detector_states")
    .addColumn("signal_id", "text", (c) => c.primaryKey())
    .addColumn("fed_until", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("state", "text", (c) => c.notNull())
    .execute();

  for (const [name, table, columns] of [
    ["trust_limits_system_idx", "trust_limits", ["system_id"]],
    ["risk_budgets_system_idx", "risk_budgets", ["system_id"]],
    ["findings_system_idx", "findings", ["system_id", "status"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["detector_states", "findings", "evaluation_states", "risk_budgets", "trust_limits"]) {
    await db.schema.dropTable(table).execute();
  }
}
