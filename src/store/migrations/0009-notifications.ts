import type { Kysely } from "kysely";

// Notifications and the scheduler. Events are an outbox: each has a unique key derived from what
// happened (a limit's state change at a time, a finding, an acceptance's review date), so however
// many servers scan for it, it is recorded once. Each event fans out to deliveries, one per
// (event, channel) or (event, person), also unique; a delivery is sent by whichever server claims it
// first (a compare-and-set on its lease), retried with backoff, and marked sent once.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;

  await s
    .createTable("notification_channels")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull()) // slack | webhook | email
    .addColumn("url", "text") // slack and webhook
    .addColumn("secret", "text") // webhook HMAC key
    .addColumn("recipients", "text", (c) => c.notNull().defaultTo("[]")) // email addresses, JSON
    .addColumn("events", "text", (c) => c.notNull()) // event kinds, JSON
    .addColumn("system_ids", "text") // JSON list, null = every system
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failing_since", "text")
    .addColumn("last_error", "text")
    .addColumn("last_success_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await s
    .createTable("notification_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("system_id", "text", (c) => c.references("systems.id"))
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull()) // info | warning | critical
    .addColumn("person_ids", "text", (c) => c.notNull()) // who it concerns, JSON
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("notification_events_created_idx")
    .on("notification_events")
    .column("created_at")
    .execute();

  await s
    .createTable("notification_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    // (event or digest key, target) is unique: the same thing never goes to the same place twice.
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("event_id", "text", (c) => c.references("notification_events.id"))
    .addColumn("channel_id", "text", (c) => c.references("notification_channels.id"))
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .addColumn("digest_from", "text")
    .addColumn("digest_to", "text")
    .addColumn("status", "text", (c) => c.notNull()) // pending | sent | failed | skipped
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("leased_by", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("notification_deliveries_due_idx")
    .on("notification_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();

  await s
    .createTable("notification_preferences")
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("event_kind", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull()) // immediate | digest | off
    .addPrimaryKeyConstraint("notification_preferences_pk", ["person_id", "event_kind"])
    .execute();

  await s
    .createTable("review_cadences")
    .addColumn("system_id", "text", (c) => c.primaryKey().references("systems.id"))
    .addColumn("every_days", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("people.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // One row per periodic job. A server runs a job only after moving next_run_at forward with a
  // compare-and-set, so on several servers sharing one database each run happens once.
  await s
    .createTable("scheduled_jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("last_started_at", "text")
    .addColumn("last_finished_at", "text")
    .addColumn("last_run_by", "text")
    .addColumn("last_result", "text")
    .addColumn("last_error", "text")
    .addColumn("runs", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "scheduled_jobs",
    "review_cadences",
    "notification_preferences",
    "notification_deliveries",
    "notification_events",
    "notification_channels",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
