import type { Price, PriceCreate, PriceUpdate, TokenType } from "../contract/connectors.js";
import { notFound } from "../core/errors.js";
import { newId, type CommandContext } from "../commands/context.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Db } from "../store/database.js";
import { changesConfig } from "./config-version.js";
import type { ConnectorPricesTable } from "../store/schema.js";
import { globMatches } from "./glob.js";
import { PriceBook } from "./price-book.js";

function present(row: ConnectorPricesTable): Price {
  return {
    id: row.id,
    provider: row.provider,
    model: row.model,
    tokenType: row.tokenType as TokenType,
    perMillion: Number(row.perMillion),
    currency: row.currency,
    effectiveFrom: row.effectiveFrom,
    origin: row.origin === "default" ? "default" : "custom",
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The price table, optionally only the entries whose model pattern matches `model`. */
export async function listPrices(db: Db, model?: string): Promise<Price[]> {
  const rows = await db
    .selectFrom("connectorPrices")
    .selectAll()
    .orderBy("model")
    .orderBy("tokenType")
    .orderBy("effectiveFrom")
    .execute();
  return rows.filter((r) => !model || globMatches(r.model, model)).map(present);
}

/** Everything the receiver needs to price tokens, read once per request. */
export async function loadPriceBook(db: Db): Promise<PriceBook> {
  const rows = await db
    .selectFrom("connectorPrices")
    .select(["provider", "model", "tokenType", "perMillion", "currency", "effectiveFrom"])
    .execute();
  return new PriceBook(
    rows.map((r) => ({ ...r, tokenType: r.tokenType as TokenType, perMillion: Number(r.perMillion) })),
  );
}

async function findPrice(db: Db, id: string): Promise<ConnectorPricesTable> {
  const row = await db.selectFrom("connectorPrices").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("price", id);
  return row;
}

function label(
  row: Pick<
    ConnectorPricesTable,
    "provider" | "model" | "tokenType" | "perMillion" | "currency" | "effectiveFrom"
  >,
): string {
  const who = row.provider === "*" ? row.model : `${row.provider}/${row.model}`;
  return `${who} ${row.tokenType} at ${Number(row.perMillion)} ${row.currency} per million tokens from ${row.effectiveFrom}`;
}

/** Adds a price; it applies to telemetry received from now on (stored costs are not recomputed). */
export async function createPrice(ctx: CommandContext, input: PriceCreate): Promise<Price> {
  const at = ctx.now.toISOString();
  const row: ConnectorPricesTable = {
    id: newId(),
    provider: input.provider,
    model: input.model,
    tokenType: input.tokenType,
    currency: input.currency,
    perMillion: input.perMillion,
    effectiveFrom: input.effectiveFrom,
    origin: "custom",
    note: input.note,
    createdBy: ctx.actor.id,
    createdAt: at,
    updatedAt: at,
  };
  await changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      await tx.insertInto("connectorPrices").values(row).execute();
      await appendAudit(tx, {
        at,
        actorId: ctx.actor.id,
        systemId: null,
        entity: "price",
        entityId: row.id,
        action: "create",
        summary: `${ctx.actor.name} set the price ${label(row)}`,
        after: row,
      });
    }),
  );
  return present(row);
}

/** Changes a price; a reviewed default becomes a custom entry. */
export async function updatePrice(ctx: CommandContext, id: string, input: PriceUpdate): Promise<Price> {
  return changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      const before = await findPrice(tx, id);
      const after: ConnectorPricesTable = {
        ...before,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        origin: "custom",
        updatedAt: ctx.now.toISOString(),
      };
      await tx.updateTable("connectorPrices").set(after).where("id", "=", id).execute();
      await appendAudit(tx, {
        at: after.updatedAt,
        actorId: ctx.actor.id,
        systemId: null,
        entity: "price",
        entityId: id,
        action: "update",
        summary: `${ctx.actor.name} changed the price to ${label(after)}`,
        before,
        after,
      });
      return present(after);
    }),
  );
}

export async function deletePrice(ctx: CommandContext, id: string): Promise<void> {
  await changesConfig(
    ctx.database,
    inTransaction(ctx.database.db, async (tx) => {
      const before = await findPrice(tx, id);
      await tx.deleteFrom("connectorPrices").where("id", "=", id).execute();
      await appendAudit(tx, {
        at: ctx.now.toISOString(),
        actorId: ctx.actor.id,
        systemId: null,
        entity: "price",
        entityId: id,
        action: "delete",
        summary: `${ctx.actor.name} removed the price ${label(before)}`,
        before,
      });
    }),
  );
}
