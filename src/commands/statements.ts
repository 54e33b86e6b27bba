import type { Statement, StatementCreate } from "../contract/statements.js";
import { invalid } from "../core/errors.js";
import { statementPermission } from "../core/statements.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction } from "../store/database.js";
import { presentStatements } from "../store/statements.js";
import { findSystemRow } from "../store/systems.js";
import type { StatementsTable } from "../store/schema.js";
import { isoDate, daysBetween } from "../core/calendar.js";
import { enforce, newId, type CommandContext } from "./context.js";

/** Records a structured "not ready" (engineering) or "go faster" (leadership) statement. */
export async function makeStatement(
  ctx: CommandContext,
  systemRef: string,
  input: StatementCreate,
): Promise<Statement> {
  enforce(statementPermission(ctx.actor, input.kind));
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    const base = {
      id: newId(),
      systemId: system.id,
      kind: input.kind,
      byId: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    let row: StatementsTable;
    if (input.kind === "not_ready") {
      row = {
        ...base,
        missingConditions: JSON.stringify(input.missingConditions),
        riskIfShippedNow: input.riskIfShippedNow,
        note: input.note,
        acceptedRiskIds: "[]",
        acceptedRisksText: "",
        acceptedUntil: null,
        reason: "",
      };
    } else {
      if (input.acceptedRiskIds.length === 0 && !input.acceptedRisksText.trim()) {
        throw invalid(
          "accepted_risks_required",
          "Name the risks you accept by going faster: pick them from the register or describe them.",
          {
            field: "acceptedRiskIds",
          },
        );
      }
      if (daysBetween(isoDate(ctx.now), input.acceptedUntil) < 0) {
        throw invalid(
          "accepted_until_in_past",
          "acceptedUntil is in the past. Choose today or a later date.",
          { field: "acceptedUntil" },
        );
      }
      const ids = [...new Set(input.acceptedRiskIds)];
      if (ids.length > 0) {
        const found = await tx
          .selectFrom("risks")
          .select("id")
          .where("systemId", "=", system.id)
          .where("id", "in", ids)
          .execute();
        const bad = ids.filter((id) => !found.some((r) => r.id === id));
        if (bad.length > 0)
          throw invalid("unknown_risk", `These risks are not on this system's register: ${bad.join(", ")}.`, {
            field: "acceptedRiskIds",
          });
      }
      row = {
        ...base,
        missingConditions: "[]",
        riskIfShippedNow: "",
        note: "",
        acceptedRiskIds: JSON.stringify(ids),
        acceptedRisksText: input.acceptedRisksText,
        acceptedUntil: input.acceptedUntil,
        reason: input.reason,
      };
    }
    await tx.insertInto("statements").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "statement",
      entityId: row.id,
      action: row.kind,
      summary:
        row.kind === "not_ready"
          ? `${ctx.actor.name} said ${system.name} is not ready`
          : `${ctx.actor.name} asked to go faster with ${system.name}, accepting risks until ${row.acceptedUntil}`,
      after: row,
    });
    return row;
  });
  const [statement] = await presentStatements(ctx.database.db, [row]);
  return statement!;
}
