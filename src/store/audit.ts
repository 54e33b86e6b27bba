import { auditHash, type AuditFields } from "../core/audit.js";
import type { Db, Tx } from "./database.js";
import { dialectOf } from "./dialect.js";

export interface AuditInput {
  at: string;
  actorId: string | null;
  systemId: string | null;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the tamper-evident history, inside the caller's transaction. The head row
 * is locked (PostgreSQL) or the write lock is already held (SQLite), so the chain never forks.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  let headQuery = tx.selectFrom("auditHead").select(["seq", "hash"]).where("id", "=", 1);
  if (dialectOf(tx) === "postgres") headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  // Hash exactly what the database will store: drivers replace NUL and lone surrogates.
  const clean = (s: string) => s.replace(/\u0000|\p{Cs}/gu, "\uFFFD");
  const fields: AuditFields = {
    seq: head.seq + 1,
    at: clean(input.at),
    actorId: input.actorId === null ? null : clean(input.actorId),
    systemId: input.systemId === null ? null : clean(input.systemId),
    entity: clean(input.entity),
    entityId: clean(input.entityId),
    action: clean(input.action),
    summary: clean(input.summary),
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
  };
  const hash = auditHash(head.hash, fields);
  await tx
    .insertInto("auditEvents")
    .values({ ...fields, prevHash: head.hash, hash })
    .execute();
  await tx.updateTable("auditHead").set({ seq: fields.seq, hash }).where("id", "=", 1).execute();
}

export async function listAudit(
  db: Db,
  filter: { systemId?: string; since?: string; limit: number; offset: number },
) {
  let q = db.selectFrom("auditEvents");
  if (filter.systemId) q = q.where("systemId", "=", filter.systemId);
  if (filter.since) q = q.where("at", ">=", filter.since);
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("seq", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total };
}

export async function allAuditInOrder(db: Db) {
  return db.selectFrom("auditEvents").selectAll().orderBy("seq", "asc").execute();
}
