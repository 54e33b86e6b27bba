import type { Safeguard } from "../contract/safeguards.js";
import type { Page } from "../contract/common.js";
import type { SafeguardKind, SafeguardStatus } from "../contract/enums.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import type { SafeguardsTable } from "./schema.js";

export async function findSafeguardRow(db: Db, id: string): Promise<SafeguardsTable> {
  const row = await db.selectFrom("safeguards").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("safeguard", id);
  return row;
}

export async function presentSafeguards(db: Db, rows: SafeguardsTable[]): Promise<Safeguard[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom("safeguardRisks")
    .innerJoin("risks", "risks.id", "safeguardRisks.riskId")
    .select(["safeguardRisks.safeguardId", "risks.id", "risks.title"])
    .where(
      "safeguardRisks.safeguardId",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("risks.title")
    .execute();
  const refs = await personRefs(
    db,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => ({
    id: r.id,
    systemId: r.systemId,
    name: r.name,
    kind: r.kind as SafeguardKind,
    status: r.status as SafeguardStatus,
    description: r.description,
    owner: r.ownerId ? refOrUnknown(refs, r.ownerId) : null,
    risks: links.filter((l) => l.safeguardId === r.id).map((l) => ({ id: l.id, title: l.title })),
    sourceAnswerId: r.sourceAnswerId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

export async function presentSafeguard(db: Db, row: SafeguardsTable): Promise<Safeguard> {
  const [safeguard] = await presentSafeguards(db, [row]);
  if (!safeguard) throw notFound("safeguard", row.id);
  return safeguard;
}

export async function listSafeguards(
  db: Db,
  filter: {
    systemId?: string | undefined;
    kind?: SafeguardKind | undefined;
    status?: SafeguardStatus | undefined;
    limit: number;
    offset: number;
  },
): Promise<Page<Safeguard>> {
  let q = db.selectFrom("safeguards");
  if (filter.systemId) q = q.where("systemId", "=", filter.systemId);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.status) q = q.where("status", "=", filter.status);
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items = await presentSafeguards(db, rows);
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}
