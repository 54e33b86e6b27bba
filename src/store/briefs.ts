import type { Decision } from "../contract/risks.js";
import type { DecisionOutcome, Stage } from "../contract/enums.js";
import { addDays, isoDate } from "../core/calendar.js";
import { invalid } from "../core/errors.js";
import { roundAsOf, riskAsOf } from "../core/briefs/as-of.js";
import type { BriefSnapshot, DailySeries } from "../core/briefs/snapshot.js";
import { nextStage, readinessGaps, type ReadinessSnapshot } from "../core/readiness.js";
import type { Db } from "./database.js";
import { listRoundRows, loadRounds } from "./conversations.js";
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
import { queryRisks } from "./risks.js";
import type { SignalsTable, SystemsTable } from "./schema.js";
import { readSeries } from "./signals.js";
import { presentStatements } from "./statements.js";
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

function readinessOf(
  row: SystemsTable,
  s: Pick<BriefSnapshot, "rounds" | "risks">,
  signals: Array<SignalsTable & { guarded: boolean }>,
  asOf: number,
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
  };
  return { next, gaps: readinessGaps(snapshot, row.stage as Stage, next) };
}

/**
 * Reads everything a brief needs for one system (`systemRef`) or the whole portfolio (retired
 * systems left out) over a period. Standing facts are as of the end of the period, or now.
 */
export async function loadBriefSnapshot(
  db: Db,
  input: BriefPeriodInput & { systemRef?: string | undefined },
  now: Date,
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
    rows = existing.filter((r) => r.stage !== "retired");
    retired = existing.length - rows.length;
  }
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
  const series = await dailySeries(db, charted, { from, to });
  const withGuard = signalRows.map((g) => ({ ...g, guarded: guarded.has(g.id) }));
  const readiness = Object.fromEntries(
    rows.map((row) => [row.id, readinessOf(row, { rounds, risks }, withGuard, asOf.getTime())]),
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
  };
}
