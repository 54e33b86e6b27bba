import type { Board, Changes } from "../contract/briefs.js";
import type { Decision } from "../contract/risks.js";
import type { DecisionOutcome, Stage } from "../contract/enums.js";
import { addDays, isoDate } from "../core/calendar.js";
import { invalid } from "../core/errors.js";
import { roundAsOf, riskAsOf } from "../core/briefs/as-of.js";
import { buildBoard } from "../core/briefs/board.js";
import { summarizeChanges, type ChangeEvent } from "../core/briefs/changes.js";
import type { BriefSnapshot, DailySeries } from "../core/briefs/snapshot.js";
import {
  nextStage,
  readinessGaps,
  REHEARSAL_MAX_AGE_DAYS,
  type GatePolicy,
  type ReadinessSnapshot,
} from "../core/readiness.js";
import type { Db } from "./database.js";
import { findRoundRow, listRoundRows, loadRounds } from "./conversations.js";
import { ledgerRows, presentLedgerEntries } from "./ledger.js";
import {
  budgetRows,
  findingRows,
  limitRows,
  presentBudgets,
  presentFindings,
  presentLimits,
} from "./limits.js";
import { personRefs, refOrUnknown } from "./people.js";
import { buildPortfolio } from "./portfolio.js";
import { queryRisks } from "./risks.js";
import type { SignalsTable, SystemsTable } from "./schema.js";
import { readSeries } from "./signals.js";
import { loadGatePolicy } from "./settings.js";
import { presentStatements } from "./statements.js";
import { latestRehearsals } from "./rehearsal.js";
import { findSystemRow, presentSystems } from "./systems.js";

const DAY_MS = 86_400_000;
/** The longest period one brief covers. */
export const MAX_BRIEF_DAYS = 731;
/** Sparklines a portfolio brief reads at most. */
const MAX_SERIES = 24;

export interface BriefPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
}

/** The period a brief covers: `to` defaults to today, `from` to 29 days before `to` (30 days). */
export function briefPeriod(input: BriefPeriodInput, now: Date): { from: string; to: string; asOf: Date } {
  const to = input.to ?? isoDate(now);
  const from = input.from ?? addDays(to, -29);
  if (from > to)
    throw invalid("invalid_period", `from (${from}) is after to (${to}). Swap them.`, { field: "from" });
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_BRIEF_DAYS)
    throw invalid(
      "period_too_long",
      `A brief covers at most ${MAX_BRIEF_DAYS} days; this period has ${days}.`,
      {
        field: "from",
      },
    );
  const endOfPeriod = Date.parse(`${to}T00:00:00Z`) + DAY_MS - 1;
  return { from, to, asOf: new Date(Math.min(endOfPeriod, now.getTime())) };
}

async function decisionHistory(db: Db, riskIds: string[]): Promise<Map<string, Decision[]>> {
  const byRisk = new Map<string, Decision[]>();
  if (riskIds.length === 0) return byRisk;
  const rows = await db.selectFrom("decisions").selectAll().where("riskId", "in", riskIds).execute();
  const refs = await personRefs(
    db,
    rows.map((r) => r.decidedBy),
  );
  for (const d of rows) {
    const list = byRisk.get(d.riskId) ?? [];
    list.push({ ...d, outcome: d.outcome as DecisionOutcome, decidedBy: refOrUnknown(refs, d.decidedBy) });
    byRisk.set(d.riskId, list);
  }
  return byRisk;
}

/** Systems at the stage they had at `asOf`: the last move made by then, or where the first later move began. */
async function stagesAsOf(db: Db, rows: SystemsTable[], asOf: string): Promise<SystemsTable[]> {
  if (rows.length === 0) return rows;
  const moves = await db
    .selectFrom("stageChanges")
    .select(["systemId", "fromStage", "toStage", "changedAt"])
    .where(
      "systemId",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("changedAt")
    .execute();
  return rows.map((row) => {
    const mine = moves.filter((m) => m.systemId === row.id);
    const before = mine.filter((m) => m.changedAt <= asOf).at(-1);
    const after = mine.find((m) => m.changedAt > asOf);
    const stage = before?.toStage ?? after?.fromStage ?? row.stage;
    return { ...row, stage };
  });
}

/** Daily values of the signals a brief charts: cost signals and every signal under a limit or budget. */
async function dailySeries(
  db: Db,
  signals: SignalsTable[],
  period: { from: string; to: string },
): Promise<DailySeries[]> {
  const start = Date.parse(`${period.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - start) / DAY_MS) + 1;
  const out: DailySeries[] = [];
  for (const signal of signals.slice(0, MAX_SERIES)) {
    const series = await readSeries(db, signal, {
      from: start,
      to: start + days * DAY_MS,
      resolution: "day",
    });
    const values: Array<number | null> = Array.from({ length: days }, () => null);
    for (const p of series.points) {
      const i = Math.floor((p.t - start) / DAY_MS);
      if (i >= 0 && i < days) values[i] = p.v;
    }
    out.push({
      signalId: signal.id,
      systemId: signal.systemId,
      name: signal.name,
      unit: signal.unit,
      kind: signal.kind,
      aggregation: signal.aggregation,
      values,
    });
  }
  return out;
}

/** The readiness rule's view of a system's newest saved rehearsal (default age allowance). */
function rehearsalFactOf(
  rehearsals: BriefSnapshot["rehearsals"],
  systemId: string,
): ReadinessSnapshot["rehearsal"] {
  const found = rehearsals?.find((r) => r.systemId === systemId);
  return found ? { latestAt: Date.parse(found.createdAt), maxAgeDays: REHEARSAL_MAX_AGE_DAYS } : null;
}

function readinessOf(
  row: SystemsTable,
  s: Pick<BriefSnapshot, "rounds" | "risks" | "rehearsals">,
  signals: Array<SignalsTable & { guarded: boolean }>,
  asOf: number,
  gates: GatePolicy,
): { next: Stage | null; gaps: BriefSnapshot["readiness"][string]["gaps"] } {
  const next = nextStage(row.stage as Stage);
  if (!next) return { next: null, gaps: [] };
  const latest = s.rounds.find((r) => r.systemId === row.id) ?? null;
  const snapshot: ReadinessSnapshot = {
    purpose: row.purpose,
    expectedOutcome: row.expectedOutcome,
    hasLeadershipOwner: Boolean(row.leadershipOwnerId),
    hasEngineeringOwner: Boolean(row.engineeringOwnerId),
    latestRound: latest && { title: latest.title, asked: latest.asked, aligned: latest.aligned },
    risks: s.risks.filter((r) => r.systemId === row.id),
    signals: signals
      .filter((g) => g.systemId === row.id)
      .map((g) => ({
        name: g.name,
        kind: g.kind,
        lastPointAt: g.lastPointT === null ? null : Math.min(Number(g.lastPointT), asOf),
        guarded: g.guarded,
      })),
    now: asOf,
    rehearsal: rehearsalFactOf(s.rehearsals, row.id),
  };
  return { next, gaps: readinessGaps(snapshot, row.stage as Stage, next, gates) };
}

/**
 * Reads everything a brief needs for one system (`systemRef`) or the whole portfolio (retired
 * systems left out) over a period. Standing facts are as of the end of the period, or now.
 */
export async function loadBriefSnapshot(
  db: Db,
  input: BriefPeriodInput & { systemRef?: string | undefined },
  now: Date,
  options: { series?: boolean } = {},
): Promise<BriefSnapshot> {
  const { from, to, asOf } = briefPeriod(input, now);
  const asOfIso = asOf.toISOString();
  const today = isoDate(asOf);
  const rewind = asOf.getTime() < now.getTime();
  let rows: SystemsTable[];
  let retired = 0;
  if (input.systemRef) {
    rows = [await findSystemRow(db, input.systemRef)];
  } else {
    const all = await db.selectFrom("systems").selectAll().orderBy("name").orderBy("id").execute();
    const existing = all.filter((r) => r.createdAt <= asOfIso);
    const staged = rewind ? await stagesAsOf(db, existing, asOfIso) : existing;
    rows = staged.filter((r) => r.stage !== "retired");
    retired = existing.length - rows.length;
  }
  if (rewind && input.systemRef) rows = await stagesAsOf(db, rows, asOfIso);
  const ids = rows.map((r) => r.id);
  const systems = await presentSystems(db, rows);

  const roundRows = (await listRoundRows(db, ids)).filter((r) => r.createdAt <= asOfIso);
  const rounds = (await loadRounds(db, roundRows)).map((r) => (rewind ? roundAsOf(r, asOfIso) : r));

  let risks = (await queryRisks(db, { systemIds: ids }, today)).filter((r) => r.createdAt <= asOfIso);
  if (rewind) {
    const history = await decisionHistory(
      db,
      risks.map((r) => r.id),
    );
    risks = risks.map((r) => riskAsOf(r, history.get(r.id) ?? [], asOfIso, today));
  }

  const existed = <T extends { createdAt: string }>(xs: T[]) => xs.filter((x) => x.createdAt <= asOfIso);
  const limits = await presentLimits(db, existed(await limitRows(db, ids)), asOf);
  const budgets = await presentBudgets(db, existed(await budgetRows(db, ids)), asOf);
  const findings = await presentFindings(
    db,
    (await findingRows(db, { systemIds: ids })).filter((f) => f.detectedAt <= asOfIso),
  );
  const ledger = await presentLedgerEntries(db, await ledgerRows(db, { systemIds: ids, from, to }));
  const statementRows = ids.length
    ? await db
        .selectFrom("statements")
        .selectAll()
        .where("systemId", "in", ids)
        .where("createdAt", "<=", asOfIso)
        .orderBy("createdAt", "desc")
        .orderBy("id")
        .execute()
    : [];
  const statements = await presentStatements(db, statementRows);

  const signalRows = ids.length
    ? await db
        .selectFrom("signals")
        .selectAll()
        .where("systemId", "in", ids)
        .orderBy("name")
        .orderBy("id")
        .execute()
    : [];
  const guarded = new Set([...limits, ...budgets].map((t) => t.signal.id));
  const charted = signalRows.filter((g) => g.kind === "cost" || guarded.has(g.id));
  const series = options.series === false ? [] : await dailySeries(db, charted, { from, to });
  const withGuard = signalRows.map((g) => ({ ...g, guarded: guarded.has(g.id) }));
  const gates = await loadGatePolicy(db);
  const rehearsals = await latestRehearsals(db, rows, asOfIso);
  const readiness = Object.fromEntries(
    rows.map((row) => [
      row.id,
      readinessOf(row, { rounds, risks, rehearsals }, withGuard, asOf.getTime(), gates),
    ]),
  );

  return {
    scope: input.systemRef ? "system" : "portfolio",
    period: { from, to },
    asOf: asOfIso,
    generatedAt: now.toISOString(),
    systems,
    retired,
    readiness,
    rounds,
    risks,
    limits,
    budgets,
    findings,
    ledger,
    statements,
    series,
    rehearsals,
  };
}

const EXCLUDED_ENTITIES = ["api_token"];
/** Events one "what changed" answer reads at most. */
export const MAX_CHANGE_EVENTS = 5000;

/** Where "what changed since" starts: a date (from its start, UTC), an instant, or a round. */
async function changesStart(
  db: Db,
  input: { since?: string | undefined; round?: string | undefined },
  systemId: string | null,
): Promise<{ since: string; sinceRound: Changes["sinceRound"] }> {
  if (input.since && input.round)
    throw invalid("since_or_round", "Send either since or round, not both.", { field: "round" });
  if (input.round) {
    const round = await findRoundRow(db, input.round);
    if (systemId && round.systemId !== systemId)
      throw invalid(
        "round_not_in_system",
        "That round belongs to another system. Pick one of this system's rounds.",
        {
          field: "round",
        },
      );
    return { since: round.createdAt, sinceRound: { id: round.id, title: round.title, heldOn: round.heldOn } };
  }
  if (!input.since)
    throw invalid(
      "since_required",
      "Say since when: ?since=2026-10-01, ?since=2026-10-01T09:00:00Z or ?round=<round id>.",
      {
        field: "since",
      },
    );
  const since = /^\d{4}-\d{2}-\d{2}$/.test(input.since)
    ? `${input.since}T00:00:00.000Z`
    : new Date(input.since).toISOString();
  return { since, sinceRound: null };
}

/** Display names for the things audit entries point at. */
async function changeNames(db: Db, systemIds: string[] | null): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const risks = await (
    systemIds
      ? db.selectFrom("risks").select(["id", "title"]).where("systemId", "in", systemIds)
      : db.selectFrom("risks").select(["id", "title"])
  ).execute();
  for (const r of risks) names.set(r.id, r.title);
  const asks = await (
    systemIds
      ? db
          .selectFrom("asks")
          .innerJoin("rounds", "rounds.id", "asks.roundId")
          .select(["asks.id", "asks.text"])
          .where("rounds.systemId", "in", systemIds)
      : db.selectFrom("asks").select(["id", "text"])
  ).execute();
  for (const a of asks) names.set(a.id, a.text);
  const signals = await (
    systemIds
      ? db.selectFrom("signals").select(["id", "name"]).where("systemId", "in", systemIds)
      : db.selectFrom("signals").select(["id", "name"])
  ).execute();
  for (const g of signals) names.set(g.id, g.name);
  const limits = await (
    systemIds
      ? db.selectFrom("trustLimits").select(["id", "name", "signalId"]).where("systemId", "in", systemIds)
      : db.selectFrom("trustLimits").select(["id", "name", "signalId"])
  ).execute();
  for (const l of limits) names.set(l.id, l.name || `${names.get(l.signalId) ?? "Signal"} limit`);
  return names;
}

/** Limit and budget state changes in the window, as change events made by Parley itself. */
async function stateEvents(
  db: Db,
  targets: Array<{ id: string; systemId: string; entity: string; name: string }>,
  window: { since: string; until: string },
  keyOf: Map<string, string>,
): Promise<ChangeEvent[]> {
  if (targets.length === 0) return [];
  const rows = await db
    .selectFrom("evaluationStates")
    .selectAll()
    .where(
      "targetId",
      "in",
      targets.map((t) => t.id),
    )
    .where("at", "<=", window.until)
    .orderBy("targetId")
    .orderBy("at")
    .execute();
  const byId = new Map(targets.map((t) => [t.id, t]));
  const events: ChangeEvent[] = [];
  rows.forEach((row, i) => {
    const previous = rows[i - 1]?.targetId === row.targetId ? rows[i - 1]!.state : null;
    const target = byId.get(row.targetId)!;
    if (row.at <= window.since || previous === row.state) return;
    const label = (s: string | null) => (s ?? "not evaluated").replace(/_/g, " ");
    events.push({
      seq: 0,
      at: row.at,
      actor: null,
      systemKey: keyOf.get(target.systemId) ?? null,
      entity: target.entity,
      entityId: target.id,
      action: "state",
      summary: `${target.name} went from ${label(previous)} to ${label(row.state)}`,
      before: { state: previous },
      after: { state: row.state },
    });
  });
  return events;
}

/** "What changed since" a date or a round, for one system or the whole workspace. */
export async function loadChanges(
  db: Db,
  input: { systemRef?: string | undefined; since?: string | undefined; round?: string | undefined },
  now: Date,
): Promise<Changes> {
  const system = input.systemRef ? await findSystemRow(db, input.systemRef) : null;
  const { since, sinceRound } = await changesStart(db, input, system?.id ?? null);
  const until = now.toISOString();
  let q = db
    .selectFrom("auditEvents")
    .selectAll()
    .where("at", ">", since)
    .where("at", "<=", until)
    .where("entity", "not in", EXCLUDED_ENTITIES);
  if (system) q = q.where("systemId", "=", system.id);
  const rows = await q
    .orderBy("seq")
    .limit(MAX_CHANGE_EVENTS + 1)
    .execute();
  const truncated = rows.length > MAX_CHANGE_EVENTS;
  const audit = rows.slice(0, MAX_CHANGE_EVENTS);
  const systems = await db.selectFrom("systems").select(["id", "key", "name"]).execute();
  const keyOf = new Map(systems.map((s) => [s.id, s.key]));
  const systemIds = system ? [system.id] : null;
  const names = await changeNames(db, systemIds);
  for (const s of systems) names.set(s.id, s.name);
  const refs = await personRefs(
    db,
    audit.map((r) => r.actorId),
  );
  const parse = (text: string | null): unknown => {
    if (text === null) return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  const events: ChangeEvent[] = audit.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actorId ? (refs.get(r.actorId)?.name ?? "(unknown person)") : null,
    systemKey: r.systemId ? (keyOf.get(r.systemId) ?? null) : null,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    summary: r.summary,
    before: parse(r.before),
    after: parse(r.after),
  }));
  let findings = db
    .selectFrom("findings")
    .selectAll()
    .where("detectedAt", ">", since)
    .where("detectedAt", "<=", until);
  if (system) findings = findings.where("systemId", "=", system.id);
  for (const f of await findings.execute()) {
    events.push({
      seq: 0,
      at: f.detectedAt,
      actor: null,
      systemKey: keyOf.get(f.systemId) ?? null,
      entity: "finding",
      entityId: f.id,
      action: "detected",
      summary: `Parley noticed: ${f.summary}`,
      before: null,
      after: { summary: f.summary, status: "open" },
    });
  }
  const limitTargets = await (
    systemIds
      ? db
          .selectFrom("trustLimits")
          .select(["id", "systemId", "name", "signalId"])
          .where("systemId", "in", systemIds)
      : db.selectFrom("trustLimits").select(["id", "systemId", "name", "signalId"])
  ).execute();
  const budgetTargets = await (
    systemIds
      ? db.selectFrom("riskBudgets").select(["id", "systemId", "name"]).where("systemId", "in", systemIds)
      : db.selectFrom("riskBudgets").select(["id", "systemId", "name"])
  ).execute();
  for (const b of budgetTargets) names.set(b.id, b.name);
  events.push(
    ...(await stateEvents(
      db,
      [
        ...limitTargets.map((l) => ({
          id: l.id,
          systemId: l.systemId,
          entity: "trust_limit",
          name: names.get(l.id) ?? l.name,
        })),
        ...budgetTargets.map((b) => ({
          id: b.id,
          systemId: b.systemId,
          entity: "risk_budget",
          name: b.name,
        })),
      ],
      { since, until },
      keyOf,
    )),
  );
  return summarizeChanges({
    scope: {
      kind: system ? "system" : "workspace",
      system: system && { id: system.id, key: system.key, name: system.name },
    },
    since,
    sinceRound,
    until,
    truncated,
    events,
    names,
  });
}

/** The board view: portfolio totals with value protected over a window (default 90 days). */
export async function loadBoard(db: Db, input: BriefPeriodInput, now: Date): Promise<Board> {
  const to = input.to ?? isoDate(now);
  const from = input.from ?? addDays(to, -89);
  const snapshot = await loadBriefSnapshot(db, { from, to }, now, { series: false });
  return buildBoard(
    snapshot,
    await buildPortfolio(db, new Date(snapshot.asOf), isoDate(new Date(snapshot.asOf))),
  );
}
