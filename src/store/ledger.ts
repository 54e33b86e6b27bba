import type { Page } from "../contract/common.js";
import type { SafeguardKind } from "../contract/enums.js";
import type { LedgerEntry, LedgerKind, LedgerRollup, LedgerRollupQuery } from "../contract/ledger.js";
import { notFound } from "../core/errors.js";
import { ledgerPeriod, rollupLedger } from "../core/ledger.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import type { LedgerEntriesTable } from "./schema.js";
import { findSystemRow } from "./systems.js";

export async function findLedgerRow(db: Db, id: string): Promise<LedgerEntriesTable> {
  const row = await db.selectFrom("ledgerEntries").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("ledger_entry", id);
  return row;
}

/** Presents ledger rows with their system, safeguard and the person who entered them. */
export async function presentLedgerEntries(db: Db, rows: LedgerEntriesTable[]): Promise<LedgerEntry[]> {
  if (rows.length === 0) return [];
  const systems = await db
    .selectFrom("systems")
    .select(["id", "key", "name"])
    .where("id", "in", [...new Set(rows.map((r) => r.systemId))])
    .execute();
  const safeguardIds = [...new Set(rows.map((r) => r.safeguardId).filter((id): id is string => Boolean(id)))];
  const safeguards = safeguardIds.length
    ? await db
        .selectFrom("safeguards")
        .select(["id", "name", "kind"])
        .where("id", "in", safeguardIds)
        .execute()
    : [];
  const systemById = new Map(systems.map((s) => [s.id, s]));
  const safeguardById = new Map(safeguards.map((s) => [s.id, s]));
  const refs = await personRefs(
    db,
    rows.map((r) => r.enteredBy),
  );
  return rows.map((r) => {
    const system = systemById.get(r.systemId) ?? { id: r.systemId, key: "", name: "(unknown system)" };
    const safeguard = r.safeguardId ? safeguardById.get(r.safeguardId) : undefined;
    return {
      id: r.id,
      system,
      safeguard: safeguard
        ? { id: safeguard.id, name: safeguard.name, kind: safeguard.kind as SafeguardKind }
        : null,
      occurredOn: r.occurredOn,
      kind: r.kind as LedgerKind,
      summary: r.summary,
      value:
        r.valueLow !== null && r.valueHigh !== null && r.valueCurrency
          ? { low: Number(r.valueLow), high: Number(r.valueHigh), currency: r.valueCurrency }
          : null,
      estimateBasis: r.estimateBasis,
      evidenceUrl: r.evidenceUrl,
      externalId: r.externalId,
      enteredBy: refOrUnknown(refs, r.enteredBy),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: Number(r.version),
    };
  });
}

export interface LedgerFilter {
  systemIds?: string[] | undefined;
  kind?: LedgerKind | undefined;
  /** First and last day included, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Db, filter: LedgerFilter) {
  let q = db.selectFrom("ledgerEntries");
  if (filter.systemIds) q = q.where("systemId", "in", filter.systemIds);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.from) q = q.where("occurredOn", ">=", filter.from);
  if (filter.to) q = q.where("occurredOn", "<=", filter.to);
  return q;
}

/** Every matching row, newest first (for rollups and briefs, which need the whole period). */
export async function ledgerRows(db: Db, filter: LedgerFilter): Promise<LedgerEntriesTable[]> {
  if (filter.systemIds?.length === 0) return [];
  return filtered(db, filter)
    .selectAll()
    .orderBy("occurredOn", "desc")
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .execute();
}

/** A page of entries, newest first. */
export async function listLedger(
  db: Db,
  filter: LedgerFilter & { limit: number; offset: number },
): Promise<Page<LedgerEntry>> {
  if (filter.systemIds?.length === 0)
    return { items: [], total: 0, limit: filter.limit, offset: filter.offset, nextOffset: null };
  const total = Number(
    (
      await filtered(db, filter)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy("occurredOn", "desc")
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items = await presentLedgerEntries(db, rows);
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}

/** What the ledger adds up to per system or month over a period, one total per currency. */
export async function ledgerRollup(db: Db, query: LedgerRollupQuery, today: string): Promise<LedgerRollup> {
  const { from, to } = ledgerPeriod(query, today);
  const systemIds = query.systemId ? [(await findSystemRow(db, query.systemId)).id] : undefined;
  const entries = await presentLedgerEntries(
    db,
    await ledgerRows(db, { systemIds, kind: query.kind, from, to }),
  );
  const rolled = rollupLedger(
    entries.map((e) => ({
      kind: e.kind,
      value: e.value,
      occurredOn: e.occurredOn,
      systemKey: e.system.key,
      systemName: e.system.name,
    })),
    query.by,
  );
  return { from, to, by: query.by, ...rolled };
}
