import type { FocusImport } from "../../contract/connectors.js";
import { afterIngest } from "../../commands/limits.js";
import type { CommandContext } from "../../commands/context.js";
import { conflict, notFound } from "../../core/errors.js";
import { appendAudit } from "../../store/audit.js";
import { inTransaction, type Db } from "../../store/database.js";
import { dialectOf } from "../../store/dialect.js";
import { writePointsInTransaction, type PointRow } from "../../store/points.js";
import type { FocusImportsTable } from "../../store/schema.js";
import { signalIdsOf } from "../derived-signals.js";
import { dailyPoints } from "./import.js";

function present(row: FocusImportsTable): FocusImport {
  let systems: FocusImport["systems"] = [];
  try {
    systems = JSON.parse(row.summary) as FocusImport["systems"];
  } catch {
    systems = [];
  }
  return {
    id: row.id,
    fileName: row.fileName,
    rows: Number(row.rows),
    imported: Number(row.imported),
    duplicates: Number(row.duplicates),
    unmapped: Number(row.unmapped),
    rejected: Number(row.rejected),
    createdAt: row.createdAt,
    undoneAt: row.undoneAt,
    systems,
  };
}

export async function listFocusImports(db: Db): Promise<FocusImport[]> {
  const rows = await db
    .selectFrom("focusImports")
    .selectAll()
    .orderBy("createdAt", "desc")
    .limit(200)
    .execute();
  return rows.map(present);
}

/**
 * Takes an import back: its charges are deleted and the days they touched recomputed from what
 * remains (a day left without charges loses its point). The import stays in the history, marked.
 */
export async function undoFocusImport(ctx: CommandContext, id: string): Promise<FocusImport> {
  const db = ctx.database.db;
  const result = await inTransaction(db, async (tx) => {
    const row = await tx.selectFrom("focusImports").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("focus_import", id);
    if (row.undoneAt) throw conflict("import_already_undone", `This import was undone at ${row.undoneAt}.`);
    const affected = await tx
      .selectFrom("focusCharges")
      .select(["systemId", "day"])
      .distinct()
      .where("importId", "=", id)
      .execute();
    if (dialectOf(tx) === "postgres" && affected.length > 0) {
      const systemIds = [...new Set(affected.map((a) => a.systemId))].sort();
      await tx
        .selectFrom("systems")
        .select("id")
        .where("id", "in", systemIds)
        .orderBy("id")
        .forUpdate()
        .execute();
    }
    await tx.deleteFrom("focusCharges").where("importId", "=", id).execute();
    const days = new Map<string, Set<number>>();
    for (const a of affected) {
      let set = days.get(a.systemId);
      if (!set) days.set(a.systemId, (set = new Set()));
      set.add(Number(a.day));
    }
    const ids = await signalIdsOf(tx, [...days.keys()], "billing.");
    const removed: Array<Pick<PointRow, "signalId" | "t" | "source">> = [];
    const points = await dailyPoints(tx, days, ids, removed);
    await writePointsInTransaction(tx, points, ctx.now.toISOString(), removed);
    const undoneAt = ctx.now.toISOString();
    await tx.updateTable("focusImports").set({ undoneAt }).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: undoneAt,
      actorId: ctx.actor.id,
      systemId: null,
      entity: "focus_import",
      entityId: id,
      action: "undo",
      summary: `${ctx.actor.name} undid the FOCUS import of ${row.fileName} (${Number(row.imported)} charges)`,
      before: present(row),
    });
    const touched = [...new Set([...points, ...removed].map((p) => p.signalId))].map((signalId) => ({
      signalId,
      earliest: Math.min(...[...points, ...removed].filter((p) => p.signalId === signalId).map((p) => p.t)),
    }));
    return { import: present({ ...row, undoneAt }), touched };
  });
  await afterIngest(ctx.database, result.touched, ctx.now).catch(() => undefined);
  return result.import;
}
