import type { Kysely } from "kysely";
import { dialectOf } from "../dialect.js";

// Written in snake_case; identical on SQLite and PostgreSQL except the audit sequence column.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const s = db.schema;

  await s
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .execute();

  await s
    .createTable("systems")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("expected_outcome", "text", (c) => c.notNull())
    .addColumn("value_amount", "double precision")
    .addColumn("value_currency", "text")
    .addColumn("target_date", "text")
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("leadership_owner_id", "text", (c) => c.references("people.id"))
    .addColumn("engineering_owner_id", "text", (c) => c.references("people.id"))
    .addColumn("models", "text", (c) => c.notNull())
    .addColumn("data_sources", "text", (c) => c.notNull())
    .addColumn("dependencies", "text", (c) => c.notNull())
    .addColumn("users_reached", "text", (c) => c.notNull())
    .addColumn("scale_now", "text", (c) => c.notNull())
    .addColumn("scale_planned", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  await s
    .createTable("stage_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("from_stage", "text", (c) => c.notNull())
    .addColumn("to_stage", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("asked_by", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("builtin", "integer", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("asks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id"))
    .addColumn("question_id", "text", (c) => c.references("questions.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("asked_by", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ask_id", "text", (c) => c.notNull().references("asks.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("answered_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("read_backs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ask_id", "text", (c) => c.notNull().references("asks.id"))
    .addColumn("answer_id", "text", (c) => c.notNull().references("answers.id"))
    .addColumn("restatement", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("read_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("risks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("failure_mode", "text", (c) => c.notNull())
    .addColumn("triggers", "text", (c) => c.notNull())
    .addColumn("dependencies", "text", (c) => c.notNull())
    .addColumn("business_impact", "text", (c) => c.notNull())
    .addColumn("impact_areas", "text", (c) => c.notNull())
    .addColumn("growth", "text", (c) => c.notNull())
    .addColumn("growth_drivers", "text", (c) => c.notNull())
    .addColumn("likelihood", "integer", (c) => c.notNull())
    .addColumn("impact", "integer", (c) => c.notNull())
    .addColumn("cost_low", "double precision")
    .addColumn("cost_high", "double precision")
    .addColumn("cost_currency", "text")
    .addColumn("revealing_signals", "text", (c) => c.notNull())
    .addColumn("source_answer_id", "text", (c) => c.references("answers.id"))
    .addColumn("closed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("proposed_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  await s
    .createTable("decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("risk_id", "text", (c) => c.notNull().references("risks.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("conditions", "text", (c) => c.notNull())
    .addColumn("review_by", "text")
    .addColumn("decided_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("superseded_by", "text")
    .addColumn("source_answer_id", "text", (c) => c.references("answers.id"))
    .execute();

  await s
    .createTable("safeguards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("people.id"))
    .addColumn("source_answer_id", "text", (c) => c.references("answers.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  await s
    .createTable("safeguard_risks")
    .addColumn("safeguard_id", "text", (c) => c.notNull().references("safeguards.id"))
    .addColumn("risk_id", "text", (c) => c.notNull().references("risks.id"))
    .addPrimaryKeyConstraint("safeguard_risks_pk", ["safeguard_id", "risk_id"])
    .execute();

  await s
    .createTable("statements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("by_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("missing_conditions", "text", (c) => c.notNull())
    .addColumn("risk_if_shipped_now", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("accepted_risk_ids", "text", (c) => c.notNull())
    .addColumn("accepted_risks_text", "text", (c) => c.notNull())
    .addColumn("accepted_until", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("audit_events")
    .addColumn("seq", pg ? "serial" : "integer", (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("system_id", "text")
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("audit_head").values({ id: 1, seq: 0, hash: "genesis" }).execute();

  const indexes: Array<[string, string, string[]]> = [
    ["systems_stage_idx", "systems", ["stage"]],
    ["stage_changes_system_idx", "stage_changes", ["system_id"]],
    ["rounds_system_idx", "rounds", ["system_id", "held_on"]],
    ["asks_round_idx", "asks", ["round_id"]],
    ["answers_ask_idx", "answers", ["ask_id"]],
    ["read_backs_ask_idx", "read_backs", ["ask_id"]],
    ["risks_system_idx", "risks", ["system_id"]],
    ["decisions_risk_idx", "decisions", ["risk_id"]],
    ["safeguards_system_idx", "safeguards", ["system_id"]],
    ["safeguard_risks_risk_idx", "safeguard_risks", ["risk_id"]],
    ["statements_system_idx", "statements", ["system_id"]],
    ["audit_events_system_idx", "audit_events", ["system_id", "seq"]],
    ["sessions_person_idx", "sessions", ["person_id"]],
  ];
  for (const [name, table, columns] of indexes) {
    await s.createIndex(name).on(table).columns(columns).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    "audit_head",
    "audit_events",
    "statements",
    "safeguard_risks",
    "safeguards",
    "decisions",
    "risks",
    "read_backs",
    "answers",
    "asks",
    "rounds",
    "questions",
    "stage_changes",
    "systems",
    "api_tokens",
    "sessions",
    "people",
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
