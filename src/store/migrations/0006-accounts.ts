import type { Kysely } from "kysely";

// Accounts: invitations and password resets. Both carry a random single-use token that is stored
// only as its SHA-256 hash, like sessions, so a copy of the database cannot be used to sign in.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    // "email" when the link was e-mailed, "link" when the admin was given it to pass on.
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("people.id"))
    // Set when a newer invitation to the same address replaced this one.
    .addColumn("replaced_by", "text")
    .execute();
  await db.schema.createIndex("invitations_email_idx").on("invitations").column("email").execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    // A newer request, or a completed reset, ends every other open token of the person.
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("password_resets_person_idx")
    .on("password_resets")
    .column("person_id")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_resets").execute();
  await db.schema.dropTable("invitations").execute();
}
