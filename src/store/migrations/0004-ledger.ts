import type { Kysely } from "kysely";

// The invisible-work ledger: what engineering's safeguards caught or prevented, with an estimated
// value avoided. Money stays a range in one currency per entry; rollups never add currencies.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ledger_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("safeguard_id", "text", (c) => c.references("safeguards.id"))
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("value_low", "double precision")
    .addColumn("value_high", "double precision")
    .addColumn("value_currency", "text")
    .addColumn("estimate_basis", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_url", "text")
    // Set by a safeguard that pushes entries, so re-sending the same report updates it.
    .addColumn("external_id", "text")
    .addColumn("entered_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createIndex("ledger_entries_system_idx")
    .on("ledger_entries")
    .columns(["system_id", "occurred_on"])
    .execute();
  await db.schema.createIndex("ledger_entries_date_idx").on("ledger_entries").column("occurred_on").execute();
  // Both databases let several rows share a NULL external id; a pushed id is unique per system.
  await db.schema
    .createIndex("ledger_entries_external_idx")
    .on("ledger_entries")
    .columns(["system_id", "external_id"])
    .unique()
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ledger_entries").execute();
}
