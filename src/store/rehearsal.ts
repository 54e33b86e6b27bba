import {
  CapacityLimit,
  PlannedScaleInput,
  WhatIfInput,
  type PlannedScale,
  type Rehearsal,
  type RehearsalResult,
} from "../contract/rehearsal.js";
import { notFound } from "../core/errors.js";
import { FIT_WINDOW_DAYS } from "../core/rehearsal/ratios.js";
import type {
  DailyValue,
  LimitFacts,
  ObservedSeries,
  ObservedSignals,
  PlanFacts,
  RehearsalInput,
  WhatIf,
} from "../core/rehearsal/types.js";
import { DAY_MS } from "../core/signals/types.js";
import type { Db } from "./database.js";
import { personRefs } from "./people.js";
import type { CapacityLimitsTable, RehearsalsTable, SignalsTable, SystemsTable } from "./schema.js";
import { readSeries } from "./signals.js";

/** The plan as stored: parsed through the contract so defaults added later fill in. */
export async function readPlan(db: Db, systemId: string): Promise<PlannedScale | null> {
  const row = await db
    .selectFrom("plannedScales")
    .selectAll()
    .where("systemId", "=", systemId)
    .executeTakeFirst();
  if (!row) return null;
  const refs = await personRefs(db, [row.updatedBy]);
  const by = row.updatedBy ? refs.get(row.updatedBy) : undefined;
  return {
    ...PlannedScaleInput.parse(JSON.parse(row.plan)),
    systemId,
    updatedAt: row.updatedAt,
    updatedBy: by ? { id: by.id, name: by.name } : null,
  };
}

export function presentCapacityLimit(row: CapacityLimitsTable): CapacityLimit {
  return CapacityLimit.parse({
    id: row.id,
    systemId: row.systemId,
    name: row.name,
    kind: row.kind,
    value: Number(row.value),
    unit: row.unit,
    source: row.source,
    peakFactor: row.peakFactor === null ? null : Number(row.peakFactor),
    quantile: row.quantile === null ? null : Number(row.quantile),
    measure: row.measure,
    window: row.countWindow,
    currentUsage: row.currentUsage === null ? null : Number(row.currentUsage),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export async function capacityLimitRows(db: Db, systemId: string): Promise<CapacityLimitsTable[]> {
  return db
    .selectFrom("capacityLimits")
    .selectAll()
    .where("systemId", "=", systemId)
    .orderBy("createdAt")
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function findCapacityLimitRow(db: Db, id: string): Promise<CapacityLimitsTable> {
  const row = await db.selectFrom("capacityLimits").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("capacity_limit", id);
  return row;
}

export async function presentRehearsals(
  db: Db,
  rows: RehearsalsTable[],
  systemKey: string,
): Promise<Rehearsal[]> {
  const refs = await personRefs(
    db,
    rows.map((r) => r.createdBy),
  );
  return rows.map((row) => {
    const by = row.createdBy ? refs.get(row.createdBy) : undefined;
    return {
      id: row.id,
      systemId: row.systemId,
      systemKey,
      createdAt: row.createdAt,
      createdBy: by ? { id: by.id, name: by.name } : null,
      whatIf: WhatIfInput.parse(JSON.parse(row.whatIf)),
      result: JSON.parse(row.result) as RehearsalResult,
    };
  });
}

/** The newest saved rehearsal of a system made at or before `asOf` (ISO), or null. */
export async function latestRehearsal(
  db: Db,
  system: SystemsTable,
  asOf?: string,
): Promise<Rehearsal | null> {
  let q = db.selectFrom("rehearsals").selectAll().where("systemId", "=", system.id);
  if (asOf) q = q.where("createdAt", "<=", asOf);
  const row = await q.orderBy("createdAt", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? ((await presentRehearsals(db, [row], system.key))[0] ?? null) : null;
}

/** For the readiness rule: when each system was last rehearsed and how old a rehearsal may be. */
export async function rehearsalFacts(
  db: Db,
  systemIds: string[],
): Promise<Map<string, { latestAt: number | null; maxAgeDays: number }>> {
  const out = new Map<string, { latestAt: number | null; maxAgeDays: number }>();
  if (systemIds.length === 0) return out;
  const latest = await db
    .selectFrom("rehearsals")
    .select(["systemId", (eb) => eb.fn.max("createdAt").as("at")])
    .where("systemId", "in", systemIds)
    .groupBy("systemId")
    .execute();
  const plans = await db
    .selectFrom("plannedScales")
    .select(["systemId", "plan"])
    .where("systemId", "in", systemIds)
    .execute();
  for (const id of systemIds) out.set(id, { latestAt: null, maxAgeDays: 30 });
  for (const p of plans)
    out.get(p.systemId)!.maxAgeDays = PlannedScaleInput.parse(JSON.parse(p.plan)).rehearsalMaxAgeDays;
  for (const r of latest) if (r.at) out.get(r.systemId)!.latestAt = Date.parse(String(r.at));
  return out;
}

/** Finds one of the system's signals by id, key or "system-key/signal-key"; undefined when unknown. */
export function matchSignal(
  signals: readonly SignalsTable[],
  systemKey: string,
  ref: string,
): SignalsTable | undefined {
  const wanted = ref.toLowerCase();
  return signals.find((s) => s.id === ref || s.key === wanted || `${systemKey}/${s.key}` === wanted);
}

/** Which signal plays which role: the plan's choice, else by connector key, else by kind. */
export function resolveRoles(
  signals: readonly SignalsTable[],
  systemKey: string,
  plan: PlannedScaleInput | null,
) {
  const roles = plan?.roles;
  const pick = (ref: string | null | undefined) => (ref ? matchSignal(signals, systemKey, ref) : undefined);
  const byKey = (key: string) => signals.find((s) => s.key === key);
  const byKind = (kind: string, aggregations: string[]) =>
    signals.find((s) => s.kind === kind && aggregations.includes(s.aggregation));
  const tokens = roles?.tokens.length
    ? roles.tokens.map((r) => pick(r)).filter((s): s is SignalsTable => Boolean(s))
    : ["genai.input_tokens", "genai.output_tokens"].map(byKey).filter((s): s is SignalsTable => Boolean(s));
  const latency = roles?.latency.length
    ? roles.latency.map((r) => pick(r)).filter((s): s is SignalsTable => Boolean(s))
    : signals.filter((s) => s.kind === "latency");
  return {
    requests: pick(roles?.requests) ?? byKey("genai.requests") ?? null,
    tokens,
    cost: pick(roles?.cost) ?? byKind("cost", ["sum"]) ?? null,
    manualWork: pick(roles?.manualWork) ?? byKind("manual_work", ["ratio", "mean"]) ?? null,
    errorRate: pick(roles?.errorRate) ?? byKind("error_rate", ["ratio", "mean"]) ?? null,
    latency,
  };
}

async function dailyValues(db: Db, signal: SignalsTable, now: Date): Promise<DailyValue[]> {
  const to = now.getTime();
  const series = await readSeries(db, signal, {
    from: to - (FIT_WINDOW_DAYS + 7) * DAY_MS,
    to,
    resolution: "day",
  });
  return series.points.filter((p) => p.v !== null).map((p) => ({ t: p.t, v: p.v! }));
}

async function observed(db: Db, signal: SignalsTable | null, now: Date): Promise<ObservedSeries | null> {
  if (!signal) return null;
  return { name: signal.name, unit: signal.unit, values: await dailyValues(db, signal, now) };
}

/** Several signals summed by day (input and output tokens). */
async function summed(db: Db, signals: SignalsTable[], now: Date): Promise<ObservedSeries | null> {
  if (signals.length === 0) return null;
  const byDay = new Map<number, number>();
  for (const s of signals)
    for (const p of await dailyValues(db, s, now)) byDay.set(p.t, (byDay.get(p.t) ?? 0) + p.v);
  return {
    name: signals.map((s) => s.name).join(" + "),
    unit: "tokens",
    values: [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v })),
  };
}

export function planFacts(plan: PlannedScaleInput | null): PlanFacts {
  return {
    requestsPerDay: plan?.requestsPerDay ?? null,
    users: plan?.users ?? null,
    dataVolume: plan?.dataVolume ?? null,
    measuredOn: plan?.measuredOn ?? null,
    milestones: plan?.milestones ?? [],
    retryRate: plan?.retryRate ?? 0,
    pricePer1kTokens: plan?.pricePer1kTokens ?? null,
    currency: plan?.currency ?? null,
  };
}

function limitFacts(row: CapacityLimitsTable): LimitFacts {
  const l = presentCapacityLimit(row);
  return {
    id: l.id,
    name: l.name,
    kind: l.kind,
    value: l.value,
    unit: l.unit,
    source: l.source,
    peakFactor: l.peakFactor,
    quantile: l.quantile,
    measure: l.measure,
    window: l.window,
    windowDays: null,
    currentUsage: l.currentUsage,
  };
}

/** Spend budgets leadership set on the cost signal count as limits too. */
async function budgetLimits(db: Db, systemId: string, cost: SignalsTable | null): Promise<LimitFacts[]> {
  if (!cost) return [];
  const rows = await db
    .selectFrom("riskBudgets")
    .selectAll()
    .where("systemId", "=", systemId)
    .where("signalId", "=", cost.id)
    .where("kind", "=", "spend")
    .where("archived", "=", 0)
    .orderBy("createdAt")
    .execute();
  return rows
    .filter((b) => b.amount !== null)
    .map((b) => {
      const period = JSON.parse(b.period) as { kind: string; days?: number };
      return {
        id: b.id,
        name: b.name,
        kind: "risk_budget" as const,
        value: Number(b.amount),
        unit: period.kind === "rolling" ? `${cost.unit} per ${period.days} days` : `${cost.unit} per month`,
        source: "Risk budget set by leadership",
        peakFactor: null,
        quantile: null,
        measure: "spend" as const,
        window: "month" as const,
        windowDays: period.kind === "rolling" ? (period.days ?? null) : null,
        currentUsage: null,
      };
    });
}

/** Everything the pure rehearsal reads for one system, as of `now`. */
export async function gatherRehearsalInput(
  db: Db,
  system: SystemsTable,
  now: Date,
  whatIf: WhatIf,
): Promise<{ input: RehearsalInput; plan: PlannedScale | null }> {
  const plan = await readPlan(db, system.id);
  const signals = await db
    .selectFrom("signals")
    .selectAll()
    .where("systemId", "=", system.id)
    .orderBy("key")
    .execute();
  const roles = resolveRoles(signals, system.key, plan);
  const observedSignals: ObservedSignals = {
    requests: await observed(db, roles.requests, now),
    tokens: await summed(db, roles.tokens, now),
    cost: await observed(db, roles.cost, now),
    manualWork: await observed(db, roles.manualWork, now),
    errorRate: await observed(db, roles.errorRate, now),
    latency: await Promise.all(
      roles.latency.map(async (s) => ({
        ...(await observed(db, s, now))!,
        quantile: s.quantile === null ? 0.5 : Number(s.quantile),
      })),
    ),
  };
  const limits = [
    ...(await capacityLimitRows(db, system.id)).map(limitFacts),
    ...(await budgetLimits(db, system.id, roles.cost)),
  ];
  return {
    plan,
    input: { now: now.getTime(), plan: planFacts(plan), limits, signals: observedSignals, whatIf },
  };
}

/** The newest saved rehearsal of each system made at or before `asOf` (ISO), for briefs. */
export async function latestRehearsals(
  db: Db,
  systems: ReadonlyArray<{ id: string; key: string }>,
  asOf: string,
): Promise<Rehearsal[]> {
  if (systems.length === 0) return [];
  const ids = systems.map((s) => s.id);
  const newest = await db
    .selectFrom("rehearsals")
    .select(["systemId", (eb) => eb.fn.max("createdAt").as("at")])
    .where("systemId", "in", ids)
    .where("createdAt", "<=", asOf)
    .groupBy("systemId")
    .execute();
  const out: Rehearsal[] = [];
  for (const system of systems) {
    const at = newest.find((n) => n.systemId === system.id)?.at;
    if (!at) continue;
    const row = await db
      .selectFrom("rehearsals")
      .selectAll()
      .where("systemId", "=", system.id)
      .where("createdAt", "=", String(at))
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row) out.push(...(await presentRehearsals(db, [row], system.key)));
  }
  return out;
}
