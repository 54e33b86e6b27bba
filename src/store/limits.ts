import type { Finding, LimitSeries, RiskBudget, StateChange, TrustLimit } from "../contract/limits.js";
import {
  budgetLookbackMs,
  describeBudgetRule,
  describeLimitRule,
  limitLookbackMs,
  limitSeriesDays,
  riskBudgetOf,
  trustLimitOf,
  type BudgetRule,
  type LimitRule,
} from "../core/limits.js";
import { evaluateBudget, evaluateLimit, limitWindowValues, type Point } from "../core/signals/index.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import { personRefs } from "./people.js";
import type { FindingsTable, RiskBudgetsTable, SignalsTable, TrustLimitsTable } from "./schema.js";

type SignalInfo = Pick<SignalsTable, "id" | "key" | "name" | "unit" | "kind" | "aggregation" | "quantile">;

/** Non-finite results (an overflow) are reported as "no value" rather than breaking the page. */
const finite = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);
// A forecast can be finite yet beyond what a Date can hold (±8.64e15 ms), e.g. a far-off limit.
const iso = (t: number | null) =>
  t === null || !Number.isFinite(t) || Math.abs(t) > 8.64e15 ? null : new Date(t).toISOString();

export function limitRuleOf(row: TrustLimitsTable): LimitRule {
  return {
    windowDays: Number(row.windowDays),
    aggregate: row.aggregate,
    quantile: row.quantile === null ? null : Number(row.quantile),
    comparator: row.comparator as LimitRule["comparator"],
    threshold: Number(row.threshold),
    horizonDays: row.horizonDays === null ? null : Number(row.horizonDays),
  };
}

export function budgetRuleOf(row: RiskBudgetsTable): BudgetRule {
  return {
    kind: row.kind as BudgetRule["kind"],
    period: JSON.parse(row.period) as BudgetRule["period"],
    amount: row.amount === null ? null : Number(row.amount),
    target: row.target === null ? null : Number(row.target),
    bucket: row.bucket as BudgetRule["bucket"],
    comparator: row.comparator as BudgetRule["comparator"],
    threshold: row.threshold === null ? null : Number(row.threshold),
  };
}

/**
 * The points of many signals, each over (from, to]: one query per distinct start time (limits and
 * budgets of one kind share their lookback), instead of one per signal. Aligned with `wants`.
 */
export async function loadPointsOf(
  db: Db,
  wants: readonly { signalId: string; from: number }[],
  to: number,
): Promise<Point[][]> {
  const byStart = new Map<number, Set<string>>();
  for (const w of wants) {
    const from = Math.floor(w.from);
    byStart.set(from, (byStart.get(from) ?? new Set()).add(w.signalId));
  }
  const found = new Map<string, Point[]>();
  for (const [from, ids] of byStart) {
    const list = [...ids];
    for (const id of list) found.set(`${from}|${id}`, []);
    for (let i = 0; i < list.length; i += 500) {
      const rows = await db
        .selectFrom("points")
        .select(["signalId", "t", "value", "denominator"])
        .where("signalId", "in", list.slice(i, i + 500))
        .where("t", ">", from)
        .where("t", "<=", Math.floor(to))
        .orderBy("signalId")
        .orderBy("t")
        .execute();
      for (const r of rows)
        found
          .get(`${from}|${r.signalId}`)!
          .push(
            r.denominator === null
              ? { t: Number(r.t), v: Number(r.value) }
              : { t: Number(r.t), v: Number(r.value), denominator: Number(r.denominator) },
          );
    }
  }
  return wants.map((w) => found.get(`${Math.floor(w.from)}|${w.signalId}`)!);
}

async function signalsById(db: Db, ids: string[]): Promise<Map<string, SignalInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("signals")
    .select(["id", "key", "name", "unit", "kind", "aggregation", "quantile"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** When each target's latest recorded state began: one query for a whole page of limits or budgets. */
async function statesSince(db: Db, targetIds: string[]): Promise<Map<string, string>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("evaluationStates")
    .select(["targetId", (eb) => eb.fn.max("at").as("at")])
    .where("targetId", "in", targetIds)
    .groupBy("targetId")
    .execute();
  return new Map(rows.map((r) => [r.targetId, r.at]));
}

const signalRef = (s: SignalInfo) => ({ id: s.id, key: s.key, name: s.name, unit: s.unit, kind: s.kind });

/** Evaluates limits against their signal's points as of `now`. */
export async function presentLimits(db: Db, rows: TrustLimitsTable[], now: Date): Promise<TrustLimit[]> {
  const signals = await signalsById(
    db,
    rows.map((r) => r.signalId),
  );
  const since = await statesSince(
    db,
    rows.map((r) => r.id),
  );
  const out: TrustLimit[] = [];
  const rules = rows.map(limitRuleOf);
  const pointsOf = await loadPointsOf(
    db,
    rows.map((row, k) => ({ signalId: row.signalId, from: now.getTime() - limitLookbackMs(rules[k]!) })),
    now.getTime(),
  );
  for (const [k, row] of rows.entries()) {
    const signal = signals.get(row.signalId);
    if (!signal) continue;
    const rule = rules[k]!;
    const points = pointsOf[k]!;
    const result = evaluateLimit(trustLimitOf(rule), points, now.getTime());
    out.push({
      id: row.id,
      systemId: row.systemId,
      signal: signalRef(signal),
      name: row.name || describeLimitRule(rule, signal.name, signal.unit),
      rule: describeLimitRule(rule, signal.name, signal.unit),
      ...rule,
      aggregate: rule.aggregate as TrustLimit["aggregate"],
      sourceAnswerId: row.sourceAnswerId,
      createdAt: row.createdAt,
      evaluation: {
        state: result.value === null ? "no_data" : result.state,
        value: finite(result.value),
        headroom: finite(result.headroom),
        forecastBreachAt: iso(result.forecastBreachAt),
        evaluatedAt: now.toISOString(),
        stateSince: since.get(row.id) ?? null,
      },
    });
  }
  return out;
}

/** Evaluates budgets (consumption, burn rates over the alert windows, exhaustion forecast). */
export async function presentBudgets(db: Db, rows: RiskBudgetsTable[], now: Date): Promise<RiskBudget[]> {
  const signals = await signalsById(
    db,
    rows.map((r) => r.signalId),
  );
  const since = await statesSince(
    db,
    rows.map((r) => r.id),
  );
  const out: RiskBudget[] = [];
  const rules = rows.map(budgetRuleOf);
  const pointsOf = await loadPointsOf(
    db,
    rows.map((row, k) => ({ signalId: row.signalId, from: now.getTime() - budgetLookbackMs(rules[k]!) })),
    now.getTime(),
  );
  for (const [k, row] of rows.entries()) {
    const signal = signals.get(row.signalId);
    if (!signal) continue;
    const rule = rules[k]!;
    const points = pointsOf[k]!;
    const result = evaluateBudget(
      riskBudgetOf(rule, signal.aggregation, signal.quantile),
      points,
      now.getTime(),
    );
    const noData = points.length === 0;
    out.push({
      id: row.id,
      systemId: row.systemId,
      signal: signalRef(signal),
      name: row.name,
      rule: describeBudgetRule(rule, signal.name, signal.unit),
      ...rule,
      riskId: row.riskId,
      createdAt: row.createdAt,
      evaluation: {
        state: noData ? "no_data" : result.state,
        value: finite(result.consumed),
        headroom: finite(result.remaining),
        forecastBreachAt: iso(result.exhaustionForecastAt),
        evaluatedAt: now.toISOString(),
        stateSince: since.get(row.id) ?? null,
        amount: finite(result.amount) ?? 0,
        consumed: finite(result.consumed) ?? 0,
        remaining: finite(result.remaining) ?? 0,
        periodStart: iso(result.periodStart) ?? now.toISOString(),
        periodEnd: iso(result.periodEnd) ?? now.toISOString(),
        burnRates: result.burnRates.map((b) => ({
          windowHours: b.windowMs / 3_600_000,
          burnRate: finite(b.burnRate),
        })),
        firingAlerts: result.firingAlerts.map((a) => ({
          severity: a.severity,
          longWindowHours: a.longWindowMs / 3_600_000,
          shortWindowHours: a.shortWindowMs / 3_600_000,
          threshold: a.burnRate,
          longBurnRate: finite(a.longBurnRate) ?? 0,
          shortBurnRate: finite(a.shortBurnRate) ?? 0,
        })),
      },
    });
  }
  return out;
}

/**
 * A limit's window value day by day over a period (YYYY-MM-DD, both included), from the same raw
 * points and the same core function as its evaluation, so today's reading is `evaluation.value`.
 */
export async function readLimitSeries(
  db: Db,
  row: TrustLimitsTable,
  period: { from: string; to: string },
  now: Date,
): Promise<LimitSeries> {
  const rule = limitRuleOf(row);
  const limit = trustLimitOf(rule);
  const days = limitSeriesDays(period, now.getTime());
  const first = days[0];
  const last = days[days.length - 1];
  const points =
    first && last
      ? (await loadPointsOf(db, [{ signalId: row.signalId, from: first.at - limit.windowMs }], last.at))[0]!
      : [];
  const values = limitWindowValues(
    limit,
    points,
    days.map((d) => d.at),
  );
  return {
    limitId: row.id,
    ...period,
    windowDays: rule.windowDays,
    aggregate: rule.aggregate as LimitSeries["aggregate"],
    comparator: rule.comparator,
    threshold: rule.threshold,
    points: days.map((d, k) => ({ t: d.t, at: d.at, v: finite(values[k] ?? null) })),
  };
}

export async function limitRows(db: Db, systemIds: string[]): Promise<TrustLimitsTable[]> {
  if (systemIds.length === 0) return [];
  return db
    .selectFrom("trustLimits")
    .selectAll()
    .where("systemId", "in", systemIds)
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .execute();
}

export async function budgetRows(db: Db, systemIds: string[]): Promise<RiskBudgetsTable[]> {
  if (systemIds.length === 0) return [];
  return db
    .selectFrom("riskBudgets")
    .selectAll()
    .where("systemId", "in", systemIds)
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .execute();
}

export async function findLimitRow(db: Db, id: string): Promise<TrustLimitsTable> {
  const row = await db.selectFrom("trustLimits").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("trust_limit", id);
  return row;
}

export async function findBudgetRow(db: Db, id: string): Promise<RiskBudgetsTable> {
  const row = await db.selectFrom("riskBudgets").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("risk_budget", id);
  return row;
}

export async function stateHistory(db: Db, targetId: string): Promise<StateChange[]> {
  const rows = await db
    .selectFrom("evaluationStates")
    .selectAll()
    .where("targetId", "=", targetId)
    .orderBy("at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    state: r.state as StateChange["state"],
    value: r.value === null ? null : Number(r.value),
    at: r.at,
  }));
}

export async function presentFindings(db: Db, rows: FindingsTable[]): Promise<Finding[]> {
  const signals = await signalsById(
    db,
    rows.map((r) => r.signalId),
  );
  const refs = await personRefs(
    db,
    rows.map((r) => r.triagedBy),
  );
  return rows.flatMap((r) => {
    const signal = signals.get(r.signalId);
    if (!signal) return [];
    return [
      {
        id: r.id,
        systemId: r.systemId,
        signal: signalRef(signal),
        kind: r.kind as Finding["kind"],
        since: iso(r.sinceT === null ? null : Number(r.sinceT)),
        detectedAt: r.detectedAt,
        summary: r.summary,
        change: Number(r.change),
        baseline: Number(r.baseline),
        relativeChange: r.relativeChange === null ? null : Number(r.relativeChange),
        confidence: Number(r.confidence),
        confidenceLabel: r.confidenceLabel as Finding["confidenceLabel"],
        worse: r.worse === null ? null : Number(r.worse) === 1,
        status: r.status as Finding["status"],
        note: r.note,
        triagedBy: r.triagedBy ? (refs.get(r.triagedBy) ?? null) : null,
        triagedAt: r.triagedAt,
      },
    ];
  });
}

export async function findingRows(
  db: Db,
  filter: { systemIds?: string[] | undefined; status?: string | undefined },
): Promise<FindingsTable[]> {
  let q = db.selectFrom("findings").selectAll();
  if (filter.systemIds) {
    if (filter.systemIds.length === 0) return [];
    q = q.where("systemId", "in", filter.systemIds);
  }
  if (filter.status) q = q.where("status", "=", filter.status);
  return q.orderBy("detectedAt", "desc").limit(1000).execute();
}
