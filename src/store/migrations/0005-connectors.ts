import type { Kysely } from "kysely";

// Data in from the tools teams already run: OpenTelemetry (OTLP) and FinOps FOCUS billing exports.
// Rules map incoming telemetry and charges to systems; a price table turns tokens into money; the
// per-minute OTLP state lets many requests merge into one point per minute without losing counts;
// FOCUS charges are kept row by row so that re-importing a file changes nothing.

/**
 * Price list entries shipped with Parley, per million tokens in USD. They are public list prices
 * as known in 2025, marked origin "default" so a reader can tell them from negotiated prices; the
 * workspace edits, replaces or deletes them through the API. Frozen here as part of the migration.
 */
const DEFAULT_PRICES: Array<
  [model: string, input: number, output: number, cachedInput?: number, cacheWrite?: number]
> = [
  ["gpt-5*", 1.25, 10, 0.125],
  ["gpt-5-mini*", 0.25, 2, 0.025],
  ["gpt-5-nano*", 0.05, 0.4, 0.005],
  ["gpt-4.1*", 2, 8, 0.5],
  ["gpt-4.1-mini*", 0.4, 1.6, 0.1],
  ["gpt-4.1-nano*", 0.1, 0.4, 0.025],
  ["gpt-4o*", 2.5, 10, 1.25],
  ["gpt-4o-mini*", 0.15, 0.6, 0.075],
  ["o1*", 15, 60, 7.5],
  ["o3*", 2, 8, 0.5],
  ["o3-mini*", 1.1, 4.4, 0.55],
  ["o4-mini*", 1.1, 4.4, 0.275],
  ["text-embedding-3-small*", 0.02, 0],
  ["text-embedding-3-large*", 0.13, 0],
  ["*claude-opus-4-5*", 5, 25, 0.5, 6.25],
  ["*claude-opus-4*", 15, 75, 1.5, 18.75],
  ["*claude-sonnet-4*", 3, 15, 0.3, 3.75],
  ["*claude-3-7-sonnet*", 3, 15, 0.3, 3.75],
  ["*claude-3-5-sonnet*", 3, 15, 0.3, 3.75],
  ["*claude-haiku-4-5*", 1, 5, 0.1, 1.25],
  ["*claude-3-5-haiku*", 0.8, 4, 0.08, 1],
  ["*claude-3-haiku*", 0.25, 1.25, 0.03, 0.3],
  ["gemini-2.5-pro*", 1.25, 10, 0.31],
  ["gemini-2.5-flash*", 0.3, 2.5, 0.075],
  ["gemini-2.5-flash-lite*", 0.1, 0.4, 0.025],
  ["gemini-2.0-flash*", 0.1, 0.4, 0.025],
  ["mistral-large*", 2, 6],
  ["mistral-medium*", 0.4, 2],
  ["mistral-small*", 0.1, 0.3],
  ["deepseek-chat*", 0.27, 1.1, 0.07],
  ["deepseek-reasoner*", 0.55, 2.19, 0.14],
];
const DEFAULT_NOTE =
  "Parley default: public list price as known in 2025. Review it against your contract and the provider's current price list.";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connector_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("connector", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("attribute_key", "text")
    .addColumn("pattern", "text", (c) => c.notNull())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("connector_rules_order")
    .on("connector_rules")
    .columns(["connector", "position"])
    .execute();

  await db.schema
    .createTable("connector_prices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("token_type", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("per_million", "double precision", (c) => c.notNull())
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("connector_sightings")
    .addColumn("connector", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("count", "bigint", (c) => c.notNull())
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("connector_sightings_pk", ["connector", "kind", "name"])
    .execute();

  await db.schema
    .createTable("otlp_minutes")
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("minute", "bigint", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("otlp_minutes_pk", ["system_id", "minute"])
    .execute();

  await db.schema
    .createTable("otlp_metric_streams")
    .addColumn("stream_key", "text", (c) => c.primaryKey())
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("start_time", "bigint", (c) => c.notNull())
    .addColumn("count", "double precision", (c) => c.notNull())
    .addColumn("sum", "double precision", (c) => c.notNull())
    .addColumn("buckets", "text", (c) => c.notNull())
    .addColumn("seen_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("focus_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("rows", "bigint", (c) => c.notNull())
    .addColumn("imported", "bigint", (c) => c.notNull())
    .addColumn("duplicates", "bigint", (c) => c.notNull())
    .addColumn("unmapped", "bigint", (c) => c.notNull())
    .addColumn("rejected", "bigint", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .execute();

  await db.schema
    .createTable("focus_charges")
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("day", "bigint", (c) => c.notNull())
    .addColumn("import_id", "text", (c) => c.notNull().references("focus_imports.id"))
    .addColumn("system_id", "text", (c) => c.notNull().references("systems.id"))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("effective_cost", "double precision", (c) => c.notNull())
    .addColumn("billed_cost", "double precision", (c) => c.notNull())
    .addColumn("list_cost", "double precision")
    .addColumn("token_type", "text")
    .addColumn("tokens", "double precision")
    .addPrimaryKeyConstraint("focus_charges_pk", ["fingerprint", "day"])
    .execute();
  await db.schema
    .createIndex("focus_charges_system_day")
    .on("focus_charges")
    .columns(["system_id", "day"])
    .execute();
  await db.schema.createIndex("focus_charges_import").on("focus_charges").column("import_id").execute();

  const now = new Date().toISOString();
  const rows = DEFAULT_PRICES.flatMap(([model, input, output, cachedInput, cacheWrite]) =>
    (
      [
        ["input", input],
        ["output", output],
        ["cached_input", cachedInput],
        ["cache_write", cacheWrite],
      ] as const
    )
      .filter(([, price]) => price !== undefined)
      .map(([tokenType, price]) => ({
        id: crypto.randomUUID(),
        provider: "*",
        model,
        token_type: tokenType,
        currency: "USD",
        per_million: price,
        effective_from: "2025-01-01",
        origin: "default",
        note: DEFAULT_NOTE,
        created_by: null,
        created_at: now,
        updated_at: now,
      })),
  );
  await db.insertInto("connector_prices").values(rows).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "focus_charges",
    "focus_imports",
    "otlp_metric_streams",
    "otlp_minutes",
    "connector_sightings",
    "connector_prices",
    "connector_rules",
  ])
    await db.schema.dropTable(table).execute();
}
