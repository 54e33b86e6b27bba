import {
  RehearsalResult,
  type CapacityLimit,
  type CapacityLimitCreate,
  type PlannedScale,
  type PlannedScaleInput,
  type Rehearsal,
  type RehearsalView,
  type WhatIfInput,
} from "../contract/rehearsal.js";
import { formatNumber } from "../core/briefs/format.js";
import { invalid } from "../core/errors.js";
import { rehearse } from "../core/rehearsal/index.js";
import { formatMultiple } from "../core/rehearsal/sentences.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Db } from "../store/database.js";
import {
  capacityLimitRows,
  findCapacityLimitRow,
  gatherRehearsalInput,
  latestRehearsal,
  matchSignal,
  presentCapacityLimit,
  presentRehearsals,
  readPlan,
} from "../store/rehearsal.js";
import type { CapacityLimitsTable, SystemsTable } from "../store/schema.js";
import { findSystemRow } from "../store/systems.js";
import { newId, type CommandContext } from "./context.js";

function checkPlan(plan: PlannedScaleInput): void {
  plan.milestones.forEach((m, i) => {
    if ((m.multiple === null) === (m.requestsPerDay === null))
      throw invalid(
        "milestone_incomplete",
        "Give each milestone either a multiple of today's volume (e.g. 10) or the requests per day planned, not both.",
        { field: `milestones.${i}` },
      );
    if (m.requestsPerDay !== null && plan.requestsPerDay === null)
      throw invalid(
        "today_volume_required",
        "A milestone in requests per day needs today's requests per day, to turn it into a multiple.",
        { field: "requestsPerDay" },
      );
  });
}

async function checkRoles(db: Db, system: SystemsTable, plan: PlannedScaleInput): Promise<void> {
  const signals = await db.selectFrom("signals").selectAll().where("systemId", "=", system.id).execute();
  const { roles } = plan;
  const refs: Array<[string, string | null]> = [
    ["roles.requests", roles.requests],
    ["roles.cost", roles.cost],
    ["roles.manualWork", roles.manualWork],
    ["roles.errorRate", roles.errorRate],
    ...roles.tokens.map((r, i): [string, string] => [`roles.tokens.${i}`, r]),
    ...roles.latency.map((r, i): [string, string] => [`roles.latency.${i}`, r]),
  ];
  for (const [field, ref] of refs) {
    if (ref && !matchSignal(signals, system.key, ref))
      throw invalid(
        "unknown_signal",
        `"${ref}" is not a signal of ${system.name}. Use its key, e.g. cost_usd.`,
        {
          field,
        },
      );
  }
}

/** Records today's volume and the planned growth of a system (replacing the previous plan). */
export async function setPlannedScale(
  ctx: CommandContext,
  systemRef: string,
  input: PlannedScaleInput,
): Promise<PlannedScale> {
  checkPlan(input);
  const system = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    await checkRoles(tx, system, input);
    const before = await tx
      .selectFrom("plannedScales")
      .selectAll()
      .where("systemId", "=", system.id)
      .executeTakeFirst();
    const row = {
      systemId: system.id,
      plan: JSON.stringify(input),
      updatedBy: ctx.actor.id,
      updatedAt: ctx.now.toISOString(),
    };
    if (before) await tx.updateTable("plannedScales").set(row).where("systemId", "=", system.id).execute();
    else await tx.insertInto("plannedScales").values(row).execute();
    const last = input.milestones.at(-1);
    await appendAudit(tx, {
      at: row.updatedAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "planned_scale",
      entityId: system.id,
      action: before ? "update" : "create",
      summary: `${ctx.actor.name} recorded the planned scale of ${system.name}${last ? ` (${last.multiple !== null ? `${last.multiple}x` : `${last.requestsPerDay} a day`} by ${last.date})` : ""}`,
      before: before ? JSON.parse(before.plan) : undefined,
      after: input,
    });
    return system;
  });
  return (await readPlan(ctx.database.db, system.id))!;
}

function checkLimit(input: CapacityLimitCreate): void {
  const needsMeasure = input.kind === "quota_per_day" || input.kind === "quota_per_month";
  if (needsMeasure && input.measure === null)
    throw invalid(
      "limit_measure_required",
      "A quota needs measure: requests, tokens, spend or human_cases.",
      {
        field: "measure",
      },
    );
  const open = input.kind === "internal_service_limit" || input.kind === "custom";
  if (open && input.currentUsage === null && (input.measure === null || input.window === null))
    throw invalid(
      "limit_usage_required",
      "Say what this limit counts (measure and window, e.g. requests per minute) or record today's use (currentUsage).",
      { field: input.measure === null ? "measure" : input.window === null ? "window" : "currentUsage" },
    );
}

function limitRow(input: CapacityLimitCreate) {
  return {
    name: input.name,
    kind: input.kind,
    value: input.value,
    unit: input.unit,
    source: input.source,
    peakFactor: input.peakFactor,
    quantile: input.kind === "latency_budget_ms" ? (input.quantile ?? 0.95) : input.quantile,
    measure: input.measure,
    countWindow: input.window,
    currentUsage: input.currentUsage,
  };
}

/** Records a capacity limit engineering knows of: a rate limit, quota, budget of time or people. */
export async function createCapacityLimit(
  ctx: CommandContext,
  systemRef: string,
  input: CapacityLimitCreate,
): Promise<CapacityLimit> {
  checkLimit(input);
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    const row: CapacityLimitsTable = {
      id: newId(),
      systemId: system.id,
      ...limitRow(input),
      createdBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
    };
    await tx.insertInto("capacityLimits").values(row).execute();
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "capacity_limit",
      entityId: row.id,
      action: "create",
      summary:
        `${ctx.actor.name} recorded the capacity limit "${row.name}": ${formatNumber(row.value)} ${row.unit}`.trim(),
      after: row,
    });
    return row;
  });
  return presentCapacityLimit(row);
}

/** Changes a capacity limit; fields left out keep their value. */
export async function updateCapacityLimit(
  ctx: CommandContext,
  id: string,
  patch: Partial<CapacityLimitCreate>,
): Promise<CapacityLimit> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await findCapacityLimitRow(tx, id);
    const merged: CapacityLimitCreate = {
      ...presentCapacityLimit(before),
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    checkLimit(merged);
    const after = { ...before, ...limitRow(merged), updatedAt: ctx.now.toISOString() };
    await tx.updateTable("capacityLimits").set(after).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: after.updatedAt,
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "capacity_limit",
      entityId: id,
      action: "update",
      summary: `${ctx.actor.name} changed the capacity limit "${after.name}"`,
      before,
      after,
    });
    return after;
  });
  return presentCapacityLimit(row);
}

/** Removes a capacity limit; the audit trail keeps what it was. */
export async function removeCapacityLimit(ctx: CommandContext, id: string): Promise<void> {
  await inTransaction(ctx.database.db, async (tx) => {
    const before = await findCapacityLimitRow(tx, id);
    await tx.deleteFrom("capacityLimits").where("id", "=", id).execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "capacity_limit",
      entityId: id,
      action: "delete",
      summary: `${ctx.actor.name} removed the capacity limit "${before.name}"`,
      before,
    });
  });
}

/** The projection for a system now, under a what-if: a read, nothing is stored. */
export async function projectRehearsal(
  db: Db,
  systemRef: string,
  whatIf: WhatIfInput,
  now: Date,
): Promise<RehearsalResult> {
  const system = await findSystemRow(db, systemRef);
  const { input } = await gatherRehearsalInput(db, system, now, whatIf);
  return rehearse(input);
}

/** Runs a rehearsal and keeps it, with its inputs, so briefs and the readiness gate can cite it. */
export async function runRehearsal(
  ctx: CommandContext,
  systemRef: string,
  whatIf: WhatIfInput,
): Promise<Rehearsal> {
  const { row, system } = await inTransaction(ctx.database.db, async (tx) => {
    const system = await findSystemRow(tx, systemRef);
    const { input } = await gatherRehearsalInput(tx, system, ctx.now, whatIf);
    // Checked against the contract before anything is stored: what is saved can always be served.
    const result = RehearsalResult.parse(rehearse(input));
    const row = {
      id: newId(),
      systemId: system.id,
      whatIf: JSON.stringify(whatIf),
      inputs: JSON.stringify({
        plan: input.plan,
        limits: input.limits,
        signals: Object.fromEntries(
          Object.entries(input.signals).map(([role, s]) => [
            role,
            Array.isArray(s)
              ? s.map((x: { name: string }) => x.name)
              : s
                ? (s as { name: string }).name
                : null,
          ]),
        ),
      }),
      result: JSON.stringify(result),
      firstBreakMultiple: result.firstBreak?.breakAt.central ?? null,
      createdBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    await tx.insertInto("rehearsals").values(row).execute();
    const first = result.firstBreak;
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: system.id,
      entity: "rehearsal",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} saved a scale rehearsal of ${system.name}: ${first ? `${first.name} breaks first at ${formatMultiple(first.breakAt.central)}` : "no limit breaks"}`,
      after: { id: row.id, whatIf, firstBreak: first },
    });
    return { row, system };
  });
  return (await presentRehearsals(ctx.database.db, [row], system.key))[0]!;
}

/** Plan, limits and the latest saved rehearsal of a system. */
export async function rehearsalView(db: Db, systemRef: string): Promise<RehearsalView> {
  const system = await findSystemRow(db, systemRef);
  return {
    plan: await readPlan(db, system.id),
    limits: (await capacityLimitRows(db, system.id)).map(presentCapacityLimit),
    latest: await latestRehearsal(db, system),
  };
}
