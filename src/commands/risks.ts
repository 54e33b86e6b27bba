import type { DecisionCreate, Risk, RiskCreate, RiskUpdate, RiskWithHistory } from "../contract/risks.js";
import { isoDate } from "../core/calendar.js";
import { decisionPermission, decisionShapeProblem } from "../core/decisions.js";
import { conflict, invalid } from "../core/errors.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Tx } from "../store/database.js";
import { findRiskRow, presentRiskWithHistory, presentRisks } from "../store/risks.js";
import { findSystemRow } from "../store/systems.js";
import type { RisksTable } from "../store/schema.js";
import { enforce, newId, type CommandContext } from "./context.js";

function columnsOf(input: Partial<RiskCreate>): Partial<RisksTable> {
  return {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.class !== undefined && { class: input.class }),
    ...(input.failureMode !== undefined && { failureMode: input.failureMode }),
    ...(input.triggers !== undefined && { triggers: input.triggers }),
    ...(input.dependencies !== undefined && { dependencies: input.dependencies }),
    ...(input.businessImpact !== undefined && { businessImpact: input.businessImpact }),
    ...(input.impactAreas !== undefined && { impactAreas: JSON.stringify([...new Set(input.impactAreas)]) }),
    ...(input.growth !== undefined && { growth: input.growth }),
    ...(input.growthDrivers !== undefined && {
      growthDrivers: JSON.stringify([...new Set(input.growthDrivers)]),
    }),
    ...(input.likelihood !== undefined && { likelihood: input.likelihood }),
    ...(input.impact !== undefined && { impact: input.impact }),
    ...(input.costOfFailure !== undefined && {
      costLow: input.costOfFailure?.low ?? null,
      costHigh: input.costOfFailure?.high ?? null,
      costCurrency: input.costOfFailure?.currency ?? null,
    }),
    ...(input.revealingSignals !== undefined && { revealingSignals: JSON.stringify(input.revealingSignals) }),
    ...(input.sourceAnswerId !== undefined && { sourceAnswerId: input.sourceAnswerId }),
  };
}

/** An answer that a risk, decision or safeguard cites must exist. */
export async function assertAnswerExists(tx: Tx, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const found = await tx.selectFrom("answers").select("id").where("id", "=", id).executeTakeFirst();
  if (!found)
    throw invalid(
      "unknown_answer",
      `Answer ${id} does not exist; link an answer from one of the system's rounds.`,
      { field: "sourceAnswerId" },
    );
}

/** Anyone may put a risk on the register; engineering usually does, with its failure mode. */
export async function proposeRisk(ctx: CommandContext, systemRef: string, input: RiskCreate): Promise<Risk> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    await assertAnswerExists(tx, input.sourceAnswerId);
    const at = ctx.now.toISOString();
    const row = {
      id: newId(),
      systemId: system.id,
      closed: 0,
      proposedBy: ctx.actor.id,
      createdAt: at,
      updatedAt: at,
      version: 1,
      ...(columnsOf(input) as Omit<
        RisksTable,
        "id" | "systemId" | "closed" | "proposedBy" | "createdAt" | "updatedAt" | "version"
      >),
    };
    await tx.insertInto("risks").values(row).execute();
    await appendAudit(tx, {
      at,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "risk",
      entityId: row.id,
      action: "propose",
      summary: `${ctx.actor.name} raised the risk "${row.title}" (likelihood ${row.likelihood}, impact ${row.impact})`,
      after: row,
    });
    return row;
  });
  const [risk] = await presentRisks(ctx.database.db, [row], isoDate(ctx.now));
  return risk!;
}

/** Refines a risk's description or closes it. Its decisions are untouched: they are append-only. */
export async function updateRisk(ctx: CommandContext, id: string, input: RiskUpdate): Promise<Risk> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findRiskRow(tx, id);
    if (input.version !== undefined && input.version !== before.version) {
      throw conflict(
        "stale_version",
        `This risk was changed by someone else (now version ${before.version}). Reload and apply your edit again.`,
        {
          currentVersion: before.version,
        },
      );
    }
    await assertAnswerExists(tx, input.sourceAnswerId);
    const after: RisksTable = {
      ...before,
      ...columnsOf(input),
      ...(input.closed !== undefined && { closed: input.closed ? 1 : 0 }),
      updatedAt: ctx.now.toISOString(),
      version: before.version + 1,
    };
    if (after.costLow !== null && after.costHigh !== null && after.costHigh < after.costLow) {
      throw invalid("invalid_cost_range", "The cost-of-failure high end must be at least the low end.", {
        field: "costOfFailure",
      });
    }
    await tx.updateTable("risks").set(after).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "risk",
      entityId: id,
      action: input.closed === true ? "close" : input.closed === false ? "reopen" : "update",
      summary: `${ctx.actor.name} ${input.closed === true ? "closed" : input.closed === false ? "reopened" : "edited"} the risk "${after.title}"`,
      before,
      after,
    });
    return after;
  });
  const [risk] = await presentRisks(ctx.database.db, [row], isoDate(ctx.now));
  return risk!;
}

/**
 * Leadership decides on a risk. The previous decision is never edited: it is marked superseded
 * by the new one, so the full history stays readable.
 */
export async function decideRisk(
  ctx: CommandContext,
  riskId: string,
  input: DecisionCreate,
): Promise<RiskWithHistory> {
  enforce(decisionPermission(ctx.actor, input.outcome));
  const today = isoDate(ctx.now);
  enforce(decisionShapeProblem(input, today));
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const risk = await findRiskRow(tx, riskId);
    if (risk.closed)
      throw conflict("risk_closed", `The risk "${risk.title}" is closed. Reopen it before deciding on it.`);
    await assertAnswerExists(tx, input.sourceAnswerId);
    const decision = {
      id: newId(),
      riskId,
      outcome: input.outcome,
      rationale: input.rationale,
      conditions: input.conditions,
      reviewBy: input.reviewBy,
      decidedBy: ctx.actor.id,
      decidedAt: ctx.now.toISOString(),
      supersededBy: null,
      sourceAnswerId: input.sourceAnswerId,
    };
    const previous = await tx
      .selectFrom("decisions")
      .selectAll()
      .where("riskId", "=", riskId)
      .where("supersededBy", "is", null)
      .execute();
    await tx.insertInto("decisions").values(decision).execute();
    await tx
      .updateTable("decisions")
      .set({ supersededBy: decision.id })
      .where("riskId", "=", riskId)
      .where("supersededBy", "is", null)
      .where("id", "!=", decision.id)
      .execute();
    await appendAudit(tx, {
      at: decision.decidedAt,
      actorId: ctx.actor.id,
      systemId: risk.systemId,
      entity: "decision",
      entityId: decision.id,
      action: input.outcome,
      summary: `${ctx.actor.name} decided to ${input.outcome} the risk "${risk.title}"${input.reviewBy ? `, review by ${input.reviewBy}` : ""}`,
      before: previous[0] ?? null,
      after: decision,
    });
    return risk;
  });
  return presentRiskWithHistory(ctx.database.db, row, today);
}
