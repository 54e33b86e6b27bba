import type {
  Finding,
  FindingTriage,
  RiskBudget,
  RiskBudgetCreate,
  TrustLimit,
  TrustLimitCreate,
} from "../contract/limits.js";
import {
  advanceWindow,
  describeFinding,
  emptyWindow,
  parseWindow,
  serializeWindow,
  type DailyValue,
  type DailyWindow,
  type Finding as DetectedFinding,
} from "../core/signals/index.js";
import { detectFindings } from "../workers/detection-pool.js";
import { DAY_MS } from "../core/signals/types.js";
import { invalid, notFound } from "../core/errors.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction, type Database, type Tx } from "../store/database.js";
import {
  findBudgetRow,
  findLimitRow,
  presentBudgets,
  presentFindings,
  presentLimits,
} from "../store/limits.js";
import { findSignalRow } from "../store/signals.js";
import type { SignalsTable } from "../store/schema.js";
import { newId, type CommandContext } from "./context.js";
import { assertAnswerExists } from "./risks.js";

/** Leadership's "what would make you stop trusting this system", as a limit on a signal. */
export async function createTrustLimit(ctx: CommandContext, input: TrustLimitCreate): Promise<TrustLimit> {
  if (input.aggregate === "quantile" && input.quantile === null) {
    throw invalid("quantile_required", "A quantile limit needs quantile, e.g. 0.95.", { field: "quantile" });
  }
  const id = await inTransaction(ctx.database.db, async (tx) => {
    const signal = await findSignalRow(tx, input.signalId);
    await assertAnswerExists(tx, input.sourceAnswerId);
    const row = {
      id: newId(),
      systemId: signal.systemId,
      signalId: signal.id,
      name: input.name,
      windowDays: input.windowDays,
      aggregate: input.aggregate,
      quantile: input.quantile,
      comparator: input.comparator,
      threshold: input.threshold,
      horizonDays: input.horizonDays,
      sourceAnswerId: input.sourceAnswerId,
      createdBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
      archived: 0,
    };
    await tx.insertInto("trustLimits").values(row).execute();
    // Evaluate before committing: a limit that cannot be evaluated must not be stored.
    await presentLimits(tx, [row], ctx.now);
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: signal.systemId,
      entity: "trust_limit",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} set a trust limit on ${signal.name}: ${row.comparator} ${row.threshold} over ${row.windowDays} days`,
      after: row,
    });
    return row.id;
  });
  const [limit] = await presentLimits(ctx.database.db, [await findLimitRow(ctx.database.db, id)], ctx.now);
  return limit!;
}

/** A budget over a period: total spend, or a share of good days or hours. */
export async function createRiskBudget(ctx: CommandContext, input: RiskBudgetCreate): Promise<RiskBudget> {
  if (input.kind === "spend" && input.amount === null)
    throw invalid("amount_required", "A spend budget needs amount, e.g. 30000.", { field: "amount" });
  if (input.kind === "objective" && (input.target === null || input.threshold === null)) {
    throw invalid(
      "objective_incomplete",
      "An objective budget needs target (e.g. 0.99) and threshold (e.g. 0.9).",
      { field: input.target === null ? "target" : "threshold" },
    );
  }
  const id = await inTransaction(ctx.database.db, async (tx) => {
    const signal = await findSignalRow(tx, input.signalId);
    if (input.riskId) {
      const risk = await tx
        .selectFrom("risks")
        .select("id")
        .where("id", "=", input.riskId)
        .where("systemId", "=", signal.systemId)
        .executeTakeFirst();
      if (!risk)
        throw invalid("unknown_risk", "riskId is not on this system's register.", { field: "riskId" });
    }
    const row = {
      id: newId(),
      systemId: signal.systemId,
      signalId: signal.id,
      name: input.name,
      kind: input.kind,
      period: JSON.stringify(input.period),
      amount: input.amount,
      target: input.target,
      bucket: input.bucket,
      comparator: input.comparator,
      threshold: input.threshold,
      riskId: input.riskId,
      createdBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
      archived: 0,
    };
    await tx.insertInto("riskBudgets").values(row).execute();
    await presentBudgets(tx, [row], ctx.now);
    await appendAudit(tx, {
      at: row.createdAt,
      actorId: ctx.actor.id,
      systemId: signal.systemId,
      entity: "risk_budget",
      entityId: row.id,
      action: "create",
      summary: `${ctx.actor.name} set the budget "${row.name}" on ${signal.name}`,
      after: row,
    });
    return row.id;
  });
  const [budget] = await presentBudgets(ctx.database.db, [await findBudgetRow(ctx.database.db, id)], ctx.now);
  return budget!;
}

/** Retires a limit or budget; its history stays. */
export async function archiveTarget(
  ctx: CommandContext,
  kind: "trust_limit" | "risk_budget",
  id: string,
): Promise<void> {
  await inTransaction(ctx.database.db, async (tx) => {
    const row = kind === "trust_limit" ? await findLimitRow(tx, id) : await findBudgetRow(tx, id);
    if (kind === "trust_limit")
      await tx.updateTable("trustLimits").set({ archived: 1 }).where("id", "=", id).execute();
    else await tx.updateTable("riskBudgets").set({ archived: 1 }).where("id", "=", id).execute();
    await appendAudit(tx, {
      at: ctx.now.toISOString(),
      actorId: ctx.actor.id,
      systemId: row.systemId,
      entity: kind,
      entityId: id,
      action: "archive",
      summary: `${ctx.actor.name} removed the ${kind === "trust_limit" ? "trust limit" : "budget"} "${row.name}"`,
      before: row,
    });
  });
}

/** Either side marks a finding expected, investigating or resolved, with a note. */
export async function triageFinding(ctx: CommandContext, id: string, input: FindingTriage): Promise<Finding> {
  const row = await inTransaction(ctx.database.db, async (tx) => {
    const before = await tx.selectFrom("findings").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw notFound("finding", id);
    const after = {
      ...before,
      status: input.status,
      note: input.note,
      triagedBy: ctx.actor.id,
      triagedAt: ctx.now.toISOString(),
    };
    await tx
      .updateTable("findings")
      .set({ status: after.status, note: after.note, triagedBy: after.triagedBy, triagedAt: after.triagedAt })
      .where("id", "=", id)
      .execute();
    await appendAudit(tx, {
      at: after.triagedAt,
      actorId: ctx.actor.id,
      systemId: before.systemId,
      entity: "finding",
      entityId: id,
      action: input.status,
      summary: `${ctx.actor.name} marked "${before.summary}" as ${input.status}`,
      before: { status: before.status, note: before.note },
      after: { status: after.status, note: after.note },
    });
    return after;
  });
  const [finding] = await presentFindings(ctx.database.db, [row]);
  return finding!;
}

function dailyValue(signal: SignalsTable, b: { count: number; sum: number; denominatorSum: number }): number {
  if (signal.aggregation === "sum") return b.sum;
  if (signal.aggregation === "ratio") return b.denominatorSum > 0 ? b.sum / b.denominatorSum : Number.NaN;
  return b.sum / b.count;
}

/** Only findings at least this sure are raised: a quiet-failure alarm nobody trusts is noise. */
export const MIN_FINDING_CONFIDENCE = 0.9;
const DETECTION_DAYS = 730;
const SAME_FINDING_MS = 7 * DAY_MS;

/**
 * Looks for quiet change in a signal's daily series whenever a new day completes (or late points
 * change a past day): the detector runs over the last two years of daily values, and each change
 * it is sure of becomes a finding, once. A finding already on record for the same signal and kind
 * starting within a week is not raised again, so re-running on more data does not repeat alarms.
 * The window of daily values is saved with the detector state, so a new day reads one rollup per
 * signal; late points (a day already in the window changed) rebuild it from the rollups.
 */
async function updateFindings(
  tx: Tx,
  signal: SignalsTable,
  window: DailyWindow,
  found: DetectedFinding[],
  now: Date,
  exists: boolean,
): Promise<number> {
  const todayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const next = { signalId: signal.id, fedUntil: todayStart, state: serializeWindow(window) };
  if (exists) await tx.updateTable("detectorStates").set(next).where("signalId", "=", signal.id).execute();
  else await tx.insertInto("detectorStates").values(next).execute();
  if (found.length === 0) return 0;
  const existing = await tx
    .selectFrom("findings")
    .select(["kind", "sinceT"])
    .where("signalId", "=", signal.id)
    .execute();
  let raised = 0;
  for (const finding of found) {
    const text = describeFinding(
      finding,
      {
        name: signal.name,
        unit: signal.unit,
        direction: signal.direction as "higher_is_worse" | "higher_is_better",
      },
      { stepMs: DAY_MS, now: now.getTime() },
    );
    if (text.confidence < MIN_FINDING_CONFIDENCE) continue;
    const since = finding.since;
    if (
      existing.some(
        (e) =>
          e.kind === finding.kind &&
          since !== null &&
          e.sinceT !== null &&
          Math.abs(Number(e.sinceT) - since) <= SAME_FINDING_MS,
      )
    )
      continue;
    await tx
      .insertInto("findings")
      .values({
        id: newId(),
        systemId: signal.systemId,
        signalId: signal.id,
        kind: finding.kind,
        sinceT: since,
        detectedAt: now.toISOString(),
        summary: text.sentence,
        change: finding.change,
        baseline: finding.baseline,
        relativeChange: text.relativeChange,
        confidence: text.confidence,
        confidenceLabel: text.confidenceLabel,
        worse: text.worse === null ? null : text.worse ? 1 : 0,
        status: "open",
        note: "",
        triagedBy: null,
        triagedAt: null,
      })
      .execute();
    existing.push({ kind: finding.kind, sinceT: since });
    raised += 1;
  }
  return raised;
}

/**
 * The detection windows of the signals that need one (a day completed since their last pass, or
 * late points changed a day already seen), brought up to `todayStart`: from the saved window plus
 * the days completed since, in one rollup query for all of them, or rebuilt from two years of
 * rollups when there is no usable saved window or an old day changed.
 */
async function detectionWindows(
  tx: Tx,
  signals: SignalsTable[],
  earliest: Map<string, number>,
  fedUntil: Map<string, number>,
  todayStart: number,
): Promise<Map<string, DailyWindow>> {
  const from = todayStart - DETECTION_DAYS * DAY_MS;
  const due = signals.filter((s) => {
    const fed = fedUntil.get(s.id) ?? 0;
    return todayStart > fed || earliest.get(s.id)! < fed;
  });
  const windows = new Map<string, DailyWindow>();
  if (due.length === 0) return windows;
  const advancing = due.filter((s) => fedUntil.has(s.id) && earliest.get(s.id)! >= fedUntil.get(s.id)!);
  const savedStates =
    advancing.length === 0
      ? []
      : await tx
          .selectFrom("detectorStates")
          .select(["signalId", "state"])
          .where(
            "signalId",
            "in",
            advancing.map((s) => s.id),
          )
          .execute();
  for (const row of savedStates) {
    const signal = advancing.find((s) => s.id === row.signalId)!;
    const saved = parseWindow(row.state, signal.aggregation);
    if (saved) windows.set(signal.id, saved);
  }
  const readDays = async (ids: string[], since: number) => {
    const byId = new Map<string, DailyValue[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byId;
    const rows = await tx
      .selectFrom("rollups")
      .select(["signalId", "start", "count", "sum", "denominatorSum"])
      .where("signalId", "in", ids)
      .where("granularity", "=", "day")
      .where("start", ">=", since)
      .where("start", "<", todayStart)
      .orderBy("signalId")
      .orderBy("start")
      .execute();
    const signalById = new Map(due.map((s) => [s.id, s]));
    for (const r of rows) {
      byId.get(r.signalId)!.push({
        t: Number(r.start),
        v: dailyValue(signalById.get(r.signalId)!, {
          count: Number(r.count),
          sum: Number(r.sum),
          denominatorSum: Number(r.denominatorSum),
        }),
      });
    }
    return byId;
  };
  const advanced = [...windows.keys()];
  const since = Math.max(from, Math.min(...advanced.map((id) => fedUntil.get(id)!)));
  for (const [id, days] of await readDays(advanced, since))
    windows.set(id, advanceWindow(windows.get(id)!, days, from));
  const rebuilt = due.filter((s) => !windows.has(s.id)).map((s) => s.id);
  for (const [id, days] of await readDays(rebuilt, from))
    windows.set(id, advanceWindow(emptyWindow(due.find((s) => s.id === id)!.aggregation), days, from));
  return windows;
}

/** Records a state change of each limit and budget on these signals (the history of the map). */
async function recordStates(tx: Tx, signalIds: string[], now: Date): Promise<void> {
  const limits = await tx
    .selectFrom("trustLimits")
    .selectAll()
    .where("signalId", "in", signalIds)
    .where("archived", "=", 0)
    .execute();
  const budgets = await tx
    .selectFrom("riskBudgets")
    .selectAll()
    .where("signalId", "in", signalIds)
    .where("archived", "=", 0)
    .execute();
  const evaluations = [
    ...(await presentLimits(tx, limits, now)),
    ...(await presentBudgets(tx, budgets, now)),
  ];
  // The latest recorded state of every target in one query, not one per target.
  const lastState = new Map<string, string>();
  if (evaluations.length > 0) {
    const rows = await tx
      .selectFrom("evaluationStates as e")
      .select(["e.targetId", "e.state"])
      .where(
        "e.targetId",
        "in",
        evaluations.map((e) => e.id),
      )
      .where("e.at", "=", (eb) =>
        eb
          .selectFrom("evaluationStates as l")
          .select((x) => x.fn.max("l.at").as("m"))
          .whereRef("l.targetId", "=", "e.targetId"),
      )
      .execute();
    for (const r of rows) lastState.set(r.targetId, r.state);
  }
  for (const e of evaluations) {
    if (lastState.get(e.id) === e.evaluation.state) continue;
    await tx
      .insertInto("evaluationStates")
      .values({ targetId: e.id, at: now.toISOString(), state: e.evaluation.state, value: e.evaluation.value })
      .onConflict((oc) =>
        oc.columns(["targetId", "at"]).doUpdateSet({ state: e.evaluation.state, value: e.evaluation.value }),
      )
      .execute();
  }
}

export interface SignalTouch {
  signalId: string;
  earliest: number;
}

/**
 * After points are committed: update the quiet-failure detectors and the limit and budget history
 * of the signals that received them. Runs in its own transaction; the points are already safe.
 */
export async function afterIngest(
  database: Database,
  touched: SignalTouch[],
  now: Date,
): Promise<{ findings: number }> {
  if (touched.length === 0) return { findings: 0 };
  return inTransaction(database.db, async (tx) => {
    const signals = await tx
      .selectFrom("signals")
      .selectAll()
      .where(
        "id",
        "in",
        touched.map((t) => t.signalId),
      )
      .execute();
    // Read in bulk: the periodic evaluation passes 100 signals at a time, most with nothing to do.
    const fedUntil = new Map(
      (
        await tx
          .selectFrom("detectorStates")
          .select(["signalId", "fedUntil"])
          .where(
            "signalId",
            "in",
            signals.map((sg) => sg.id),
          )
          .execute()
      ).map((d) => [d.signalId, Number(d.fedUntil)]),
    );
    const earliest = new Map(touched.map((t) => [t.signalId, t.earliest]));
    const todayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    const windows = await detectionWindows(tx, signals, earliest, fedUntil, todayStart);
    const due = signals.filter((s) => windows.has(s.id));
    // The detector is the costly part of a new day: on worker threads when there are many.
    const detected = await detectFindings(due.map((s) => windows.get(s.id)!));
    let findings = 0;
    for (const [k, signal] of due.entries())
      findings += await updateFindings(
        tx,
        signal,
        windows.get(signal.id)!,
        detected[k]!,
        now,
        fedUntil.has(signal.id),
      );
    await recordStates(
      tx,
      signals.map((s) => s.id),
      now,
    );
    return { findings };
  });
}

/**
 * Re-evaluates every signal: limit and budget states move with the calendar even when no point
 * arrives (a month rolls over, a window empties), and completed days are checked for findings.
 */
export async function evaluateWorkspace(
  database: Database,
  now: Date,
): Promise<{ signals: number; findings: number }> {
  const signals = await database.db.selectFrom("signals").select("id").execute();
  let findings = 0;
  for (let i = 0; i < signals.length; i += 100) {
    const batch = signals
      .slice(i, i + 100)
      .map((s) => ({ signalId: s.id, earliest: Number.POSITIVE_INFINITY }));
    findings += (await afterIngest(database, batch, now)).findings;
  }
  return { signals: signals.length, findings };
}
