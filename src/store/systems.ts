import type { StageChange, System } from "../contract/systems.js";
import type { Stage, UsersReached } from "../contract/enums.js";
import type { Page } from "../contract/common.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import { jsonList } from "./rows.js";
import type { SystemsTable } from "./schema.js";

/** Finds a system by id or by key; throws a 404-kind error otherwise. */
export async function findSystemRow(db: Db, ref: string): Promise<SystemsTable> {
  const row = await db
    .selectFrom("systems")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", ref), eb("key", "=", ref.toLowerCase())]))
    .executeTakeFirst();
  if (!row) throw notFound("system", ref);
  return row;
}

export async function presentSystems(db: Db, rows: SystemsTable[]): Promise<System[]> {
  const refs = await personRefs(
    db,
    rows.flatMap((r) => [r.leadershipOwnerId, r.engineeringOwnerId]),
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    purpose: r.purpose,
    expectedOutcome: r.expectedOutcome,
    valueEstimate:
      r.valueAmount !== null && r.valueCurrency
        ? { amount: Number(r.valueAmount), currency: r.valueCurrency }
        : null,
    targetDate: r.targetDate,
    stage: r.stage as Stage,
    leadershipOwner: r.leadershipOwnerId ? refOrUnknown(refs, r.leadershipOwnerId) : null,
    engineeringOwner: r.engineeringOwnerId ? refOrUnknown(refs, r.engineeringOwnerId) : null,
    models: jsonList(r.models),
    dataSources: jsonList(r.dataSources),
    dependencies: jsonList(r.dependencies),
    usersReached: r.usersReached as UsersReached,
    scaleNow: r.scaleNow,
    scalePlanned: r.scalePlanned,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

export async function presentSystem(db: Db, row: SystemsTable): Promise<System> {
  const [system] = await presentSystems(db, [row]);
  if (!system) throw new Error("presentSystems returned nothing for one row");
  return system;
}

export interface SystemFilter {
  stage?: Stage | undefined;
  ownerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listSystems(db: Db, filter: SystemFilter): Promise<Page<System>> {
  let q = db.selectFrom("systems");
  if (filter.stage) q = q.where("stage", "=", filter.stage);
  if (filter.ownerId) {
    const owner = filter.ownerId;
    q = q.where((eb) => eb.or([eb("leadershipOwnerId", "=", owner), eb("engineeringOwnerId", "=", owner)]));
  }
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb("key", "like", like),
        eb(eb.fn("lower", ["name"]), "like", like),
        eb(eb.fn("lower", ["purpose"]), "like", like),
      ]),
    );
  }
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
  const items = await presentSystems(db, rows);
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}

export async function listStageChanges(db: Db, systemId: string): Promise<StageChange[]> {
  const rows = await db
    .selectFrom("stageChanges")
    .selectAll()
    .where("systemId", "=", systemId)
    .orderBy("changedAt", "desc")
    .execute();
  const refs = await personRefs(
    db,
    rows.map((r) => r.changedBy),
  );
  return rows.map((r) => ({
    id: r.id,
    systemId: r.systemId,
    from: r.fromStage as Stage,
    to: r.toStage as Stage,
    note: r.note,
    changedBy: refOrUnknown(refs, r.changedBy),
    changedAt: r.changedAt,
  }));
}
