import type {
  Readiness,
  StageChangeRequest,
  System,
  SystemCreate,
  SystemUpdate,
} from "../contract/systems.js";
import type { Stage } from "../contract/enums.js";
import { conflict, invalid } from "../core/errors.js";
import { gateOrigin, nextStage, readinessChecks, readinessGaps } from "../core/readiness.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Db, type Tx } from "../store/database.js";
import { readinessSnapshot } from "../store/portfolio.js";
import { loadGatePolicy } from "../store/settings.js";
import { findSystemRow, presentSystem } from "../store/systems.js";
import type { SystemsTable } from "../store/schema.js";
import { newId, type CommandContext } from "./context.js";

async function assertPeopleExist(tx: Tx, ids: Array<[string, string | null | undefined]>): Promise<void> {
  for (const [field, id] of ids) {
    if (!id) continue;
    const found = await tx.selectFrom("people").select("id").where("id", "=", id).executeTakeFirst();
    if (!found)
      throw invalid(
        "unknown_person",
        `${field} names no person in this workspace. Pick someone from /api/v1/people.`,
        { field },
      );
  }
}

function columnsOf(input: Partial<SystemCreate>): Partial<SystemsTable> {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.purpose !== undefined && { purpose: input.purpose }),
    ...(input.expectedOutcome !== undefined && { expectedOutcome: input.expectedOutcome }),
    ...(input.valueEstimate !== undefined && {
      valueAmount: input.valueEstimate?.amount ?? null,
      valueCurrency: input.valueEstimate?.currency ?? null,
    }),
    ...(input.targetDate !== undefined && { targetDate: input.targetDate }),
    ...(input.leadershipOwnerId !== undefined && { leadershipOwnerId: input.leadershipOwnerId }),
    ...(input.engineeringOwnerId !== undefined && { engineeringOwnerId: input.engineeringOwnerId }),
    ...(input.models !== undefined && { models: JSON.stringify(input.models) }),
    ...(input.dataSources !== undefined && { dataSources: JSON.stringify(input.dataSources) }),
    ...(input.dependencies !== undefined && { dependencies: JSON.stringify(input.dependencies) }),
    ...(input.usersReached !== undefined && { usersReached: input.usersReached }),
    ...(input.scaleNow !== undefined && { scaleNow: input.scaleNow }),
    ...(input.scalePlanned !== undefined && { scalePlanned: input.scalePlanned }),
  };
}

/** Registers a new AI system. Its starting stage is recorded like any later stage change. */
export async function createSystem(ctx: CommandContext, input: SystemCreate): Promise<System> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const taken = await tx.selectFrom("systems").select("id").where("key", "=", input.key).executeTakeFirst();
    if (taken)
      throw conflict(
        "system_key_taken",
        `A system with key "${input.key}" already exists. Choose another key.`,
        { field: "key" },
      );
    await assertPeopleExist(tx, [
      ["leadershipOwnerId", input.leadershipOwnerId],
      ["engineeringOwnerId", input.engineeringOwnerId],
    ]);
    const at = ctx.now.toISOString();
    const row: SystemsTable = {
      id: newId(),
      key: input.key,
      stage: input.stage,
      createdAt: at,
      updatedAt: at,
      version: 1,
      ...(columnsOf(input) as Omit<
        SystemsTable,
        "id" | "key" | "stage" | "createdAt" | "updatedAt" | "version"
      >),
    };
    await tx.insertInto("systems").values(row).execute();
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: row.id,
      entity: "system",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} registered ${row.name} at stage ${row.stage}`,
      after: row,
    });
    return row;
  });
  return presentSystem(ctx.database.db, row);
}

/** Edits a system's description. Stage moves go through {@link changeStage}, which is gated. */
export async function updateSystem(ctx: CommandContext, ref: string, input: SystemUpdate): Promise<System> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findSystemRow(tx, ref);
    if (input.version !== undefined && input.version !== before.version) {
      throw conflict(
        "stale_version",
        `This system was changed by someone else (now version ${before.version}). Reload and apply your edit again.`,
        {
          currentVersion: before.version,
        },
      );
    }
    await assertPeopleExist(tx, [
      ["leadershipOwnerId", input.leadershipOwnerId],
      ["engineeringOwnerId", input.engineeringOwnerId],
    ]);
    const after: SystemsTable = {
      ...before,
      ...columnsOf(input),
      updatedAt: ctx.now.toISOString(),
      version: before.version + 1,
    };
    await tx.updateTable("systems").set(after).where("id", "=", before.id).execute();
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: before.id,
      entity: "system",
      entityId: before.id,
      action: "update",
      summary: `${ctx.actor.name} edited ${after.name}`,
      before,
      after,
    });
    return after;
  });
  return presentSystem(ctx.database.db, row);
}

/** What is missing before the system may move to `to` (by default the next stage). */
export async function systemReadiness(
  db: Db,
  ref: string,
  to: Stage | undefined,
  now: Date,
): Promise<Readiness> {
  const row = await findSystemRow(db, ref);
  const current = row.stage as Stage;
  const target = to ?? nextStage(current);
  if (!target) return { from: current, to: null, ready: true, gaps: [], checks: [] };
  const from = gateOrigin(current, target);
  const snapshot = await readinessSnapshot(db, row, now);
  const gates = await loadGatePolicy(db);
  const gaps = readinessGaps(snapshot, from, target, gates);
  return {
    from,
    to: target,
    ready: gaps.length === 0,
    gaps,
    checks: readinessChecks(snapshot, from, target, gates),
  };
}

/** Moves a system to another stage if its readiness gate allows; records who and when. */
export async function changeStage(
  ctx: CommandContext,
  ref: string,
  input: StageChangeRequest,
): Promise<System> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findSystemRow(tx, ref);
    const from = before.stage as Stage;
    if (from === input.to) throw conflict("stage_unchanged", `${before.name} is already at stage ${from}.`);
    const gates = await loadGatePolicy(tx);
    const gaps = readinessGaps(await readinessSnapshot(tx, before, ctx.now), from, input.to, gates);
    if (gaps.length > 0) {
      throw conflict(
        "readiness_gate_failed",
        `${before.name} is not ready for ${input.to}: ${gaps.length} condition${gaps.length === 1 ? " is" : "s are"} not met. See details.gaps.`,
        { gaps },
      );
    }
    const at = ctx.now.toISOString();
    const after: SystemsTable = { ...before, stage: input.to, updatedAt: at, version: before.version + 1 };
    await tx
      .updateTable("systems")
      .set({ stage: input.to, updatedAt: at, version: after.version })
      .where("id", "=", before.id)
      .execute();
    const change = {
      id: newId(),
      systemId: before.id,
      fromStage: from,
      toStage: input.to,
      note: input.note,
      changedBy: ctx.actor.id,
      changedAt: at,
    };
    await tx.insertInto("stageChanges").values(change).execute();
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: before.id,
      entity: "system",
      entityId: before.id,
      action: "stage_change",
      summary: `${ctx.actor.name} moved ${before.name} from ${from} to ${input.to}`,
      before: { stage: from },
      after: { stage: input.to, note: input.note },
    });
    return after;
  });
  return presentSystem(ctx.database.db, row);
}
