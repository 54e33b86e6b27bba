import type { Safeguard, SafeguardCreate, SafeguardUpdate } from "../contract/safeguards.js";
import { conflict, invalid } from "../core/errors.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Tx } from "../store/database.js";
import { findSafeguardRow, presentSafeguard } from "../store/safeguards.js";
import { findSystemRow } from "../store/systems.js";
import type { SafeguardsTable } from "../store/schema.js";
import { newId, type CommandContext } from "./context.js";
import { assertAnswerExists } from "./risks.js";

async function linkRisks(tx: Tx, safeguardId: string, systemId: string, riskIds: string[]): Promise<void> {
  const unique = [...new Set(riskIds)];
  if (unique.length > 0) {
    const found = await tx.selectFrom("risks").select(["id", "systemId"]).where("id", "in", unique).execute();
    const bad = unique.filter((id) => !found.some((r) => r.id === id && r.systemId === systemId));
    if (bad.length > 0) {
      throw invalid("unknown_risk", `These risks are not on this system's register: ${bad.join(", ")}.`, {
        field: "riskIds",
        riskIds: bad,
      });
    }
  }
  await tx.deleteFrom("safeguardRisks").where("safeguardId", "=", safeguardId).execute();
  for (const riskId of unique)
    await tx.insertInto("safeguardRisks").values({ safeguardId, riskId }).execute();
}

async function assertOwner(tx: Tx, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const found = await tx.selectFrom("people").select("id").where("id", "=", ownerId).executeTakeFirst();
  if (!found)
    throw invalid("unknown_person", "ownerId names no person in this workspace.", { field: "ownerId" });
}

/** Records a safeguard engineering runs (or plans) and the risks it protects against. */
export async function createSafeguard(
  ctx: CommandContext,
  systemRef: string,
  input: SafeguardCreate,
): Promise<Safeguard> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    await assertOwner(tx, input.ownerId);
    await assertAnswerExists(tx, input.sourceAnswerId);
    const at = ctx.now.toISOString();
    const row: SafeguardsTable = {
      id: newId(),
      systemId: system.id,
      name: input.name,
      kind: input.kind,
      status: input.status,
      description: input.description,
      ownerId: input.ownerId,
      sourceAnswerId: input.sourceAnswerId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await tx.insertInto("safeguards").values(row).execute();
    await linkRisks(tx, row.id, system.id, input.riskIds);
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "safeguard",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} added the ${row.kind} safeguard "${row.name}" (${row.status})`,
      after: { ...row, riskIds: input.riskIds },
    });
    return row;
  });
  return presentSafeguard(ctx.database.db, row);
}

/** Changes a safeguard's status, description, owner or the risks it covers. */
export async function updateSafeguard(
  ctx: CommandContext,
  id: string,
  input: SafeguardUpdate,
): Promise<Safeguard> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findSafeguardRow(tx, id);
    if (input.version !== undefined && input.version !== before.version) {
      throw conflict(
        "stale_version",
        `This safeguard was changed by someone else (now version ${before.version}). Reload and try again.`,
        {
          currentVersion: before.version,
        },
      );
    }
    await assertOwner(tx, input.ownerId);
    await assertAnswerExists(tx, input.sourceAnswerId);
    const after: SafeguardsTable = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      ...(input.sourceAnswerId !== undefined && { sourceAnswerId: input.sourceAnswerId }),
      updatedAt: ctx.now.toISOString(),
      version: before.version + 1,
    };
    await tx.updateTable("safeguards").set(after).where("id", "=", id).execute();
    if (input.riskIds !== undefined) await linkRisks(tx, id, before.systemId, input.riskIds);
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "safeguard",
      entityId: id,
      action: "update",
      summary:
        before.status !== after.status
          ? `${ctx.actor.name} moved the safeguard "${after.name}" from ${before.status} to ${after.status}`
          : `${ctx.actor.name} edited the safeguard "${after.name}"`,
      before,
      after: { ...after, ...(input.riskIds !== undefined && { riskIds: input.riskIds }) },
    });
    return after;
  });
  return presentSafeguard(ctx.database.db, row);
}
