import type { Kysely } from "kysely";

// Config as code: workspace-level settings (the readiness gate policy first), a stable key for
// trust limits and risk budgets so a file can name them, and question sets for team questions.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workspace_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Null for limits and budgets made in the web app or API: config derives a key from the name.
  await db.schema.alterTable("trust_limits").addColumn("key", "text").execute();
  await db.schema.alterTable("risk_budgets").addColumn("key", "text").execute();
  // "set" is an SQL keyword, hence question_set. Null for the starter bank and ad-hoc questions.
  await db.schema.alterTable("questions").addColumn("question_set", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questions").dropColumn("question_set").execute();
  await db.schema.alterTable("risk_budgets").dropColumn("key").execute();
  await db.schema.alterTable("trust_limits").dropColumn("key").execute();
  await db.schema.dropTable("workspace_settings").execute();
}
