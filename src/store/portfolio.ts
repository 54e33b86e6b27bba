import type { Portfolio, PortfolioEntry, SignalHealth, StateCounts } from "../contract/portfolio.js";
import { isoDate } from "../core/calendar.js";
import type { Risk } from "../contract/risks.js";
import type { Round } from "../contract/conversations.js";
import { STAGES, type Stage } from "../contract/enums.js";
import { summarizeRisks } from "../core/portfolio.js";
import { nextStage, readinessGaps, type ReadinessSnapshot } from "../core/readiness.js";
import type { Db } from "./database.js";
import { listRoundRows, loadRounds } from "./conversations.js";
import { queryRisks } from "./risks.js";
import { loadGatePolicy } from "./settings.js";
import { presentSystems } from "./systems.js";
import type { SystemsTable } from "./schema.js";

interface SignalFacts {
  name: string;
  kind: string;
  lastPointAt: number | null;
  guarded: boolean;
}

interface SystemFacts {
  latestRound: Round | null;
  risks: Risk[];
  signals: SignalFacts[];
  health: SignalHealth;
}

const emptyCounts = (): StateCounts => ({ ok: 0, atRisk: 0, breached: 0, noData: 0 });
const emptyFacts = (): SystemFacts => ({
  latestRound: null,
  risks: [],
  signals: [],
  health: { limits: emptyCounts(), budgets: emptyCounts(), openFindings: 0, signals: 0, lastPointAt: null },
});

function count(counts: StateCounts, state: string | undefined): void {
  if (state === "breached") counts.breached += 1;
  else if (state === "at_risk") counts.atRisk += 1;
  else if (state === "ok") counts.ok += 1;
  else counts.noData += 1;
}

/** Signals, limits, budgets (their last recorded state) and open findings of each system. */
async function gatherSignalFacts(
  db: Db,
  facts: Map<string, SystemFacts>,
  systemIds: string[],
): Promise<void> {
  if (systemIds.length === 0) return;
  const signals = await db
    .selectFrom("signals")
    .select(["id", "systemId", "name", "kind", "lastPointT"])
    .where("systemId", "in", systemIds)
    .execute();
  const limits = await db
    .selectFrom("trustLimits")
    .select(["id", "systemId", "signalId"])
    .where("systemId", "in", systemIds)
    .where("archived", "=", 0)
    .execute();
  const budgets = await db
    .selectFrom("riskBudgets")
    .select(["id", "systemId", "signalId"])
    .where("systemId", "in", systemIds)
    .where("archived", "=", 0)
    .execute();
  const targetIds = [...limits, ...budgets].map((t) => t.id);
  const latest = new Map<string, string>();
  if (targetIds.length > 0) {
    const states = await db
      .selectFrom("evaluationStates as e")
      .select(["e.targetId", "e.state"])
      .where("e.targetId", "in", targetIds)
      .where("e.at", "=", (eb) =>
        eb
          .selectFrom("evaluationStates as l")
          .select((x) => x.fn.max("l.at").as("m"))
          .whereRef("l.targetId", "=", "e.targetId"),
      )
      .execute();
    for (const st of states) latest.set(st.targetId, st.state);
  }
  const findings = await db
    .selectFrom("findings")
    .select(["systemId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("systemId", "in", systemIds)
    .where("status", "in", ["open", "investigating"])
    .groupBy("systemId")
    .execute();
  const guarded = new Set([...limits, ...budgets].map((t) => t.signalId));
  for (const sig of signals) {
    const f = facts.get(sig.systemId)!;
    const last = sig.lastPointT === null ? null : Number(sig.lastPointT);
    f.signals.push({ name: sig.name, kind: sig.kind, lastPointAt: last, guarded: guarded.has(sig.id) });
    f.health.signals += 1;
    if (last !== null && (f.health.lastPointAt === null || last > Date.parse(f.health.lastPointAt)))
      f.health.lastPointAt = new Date(last).toISOString();
  }
  for (const l of limits) count(facts.get(l.systemId)!.health.limits, latest.get(l.id));
  for (const b of budgets) count(facts.get(b.systemId)!.health.budgets, latest.get(b.id));
  for (const row of findings) facts.get(row.systemId)!.health.openFindings = Number(row.n);
}

/** The latest round and all risks of each system, read in a fixed number of queries. */
async function gatherFacts(db: Db, systemIds: string[], today: string): Promise<Map<string, SystemFacts>> {
  const roundRows = await listRoundRows(db, systemIds);
  const latestRows = new Map<string, (typeof roundRows)[number]>();
  for (const r of roundRows) if (!latestRows.has(r.systemId)) latestRows.set(r.systemId, r);
  const rounds = await loadRounds(db, [...latestRows.values()]);
  const risks = await queryRisks(db, { systemIds }, today);
  const facts = new Map<string, SystemFacts>(systemIds.map((id) => [id, emptyFacts()]));
  for (const round of rounds) facts.get(round.systemId)!.latestRound = round;
  for (const risk of risks) facts.get(risk.systemId)?.risks.push(risk);
  await gatherSignalFacts(db, facts, systemIds);
  return facts;
}

function snapshotOf(system: SystemsTable, facts: SystemFacts, now: number): ReadinessSnapshot {
  return {
    purpose: system.purpose,
    expectedOutcome: system.expectedOutcome,
    hasLeadershipOwner: Boolean(system.leadershipOwnerId),
    hasEngineeringOwner: Boolean(system.engineeringOwnerId),
    latestRound: facts.latestRound
      ? { title: facts.latestRound.title, asked: facts.latestRound.asked, aligned: facts.latestRound.aligned }
      : null,
    risks: facts.risks.map((r) => ({
      title: r.title,
      impact: r.impact,
      posture: r.posture,
      growth: r.growth,
      safeguards: r.safeguards,
    })),
    signals: facts.signals,
    now,
  };
}

/** What readiness rules look at for one system, as of `now`. */
export async function readinessSnapshot(db: Db, system: SystemsTable, now: Date): Promise<ReadinessSnapshot> {
  const facts = await gatherFacts(db, [system.id], isoDate(now));
  return snapshotOf(system, facts.get(system.id) ?? emptyFacts(), now.getTime());
}

/** The shared map: every system with owners, alignment, risk posture and readiness. */
export async function buildPortfolio(db: Db, now: Date, today: string): Promise<Portfolio> {
  const rows = await db.selectFrom("systems").selectAll().orderBy("name").orderBy("id").execute();
  const systems = await presentSystems(db, rows);
  const facts = await gatherFacts(
    db,
    rows.map((r) => r.id),
    today,
  );
  const gates = await loadGatePolicy(db);
  const entries: PortfolioEntry[] = rows.map((row, i) => {
    const system = systems[i]!;
    const f = facts.get(row.id) ?? emptyFacts();
    const next = nextStage(row.stage as Stage);
    const risks = summarizeRisks(
      f.risks.map((r) => ({
        impact: r.impact,
        posture: r.posture,
        current: r.currentDecision,
        safeguardCount: r.safeguards.length,
      })),
      today,
    );
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      stage: system.stage,
      usersReached: system.usersReached,
      leadershipOwner: system.leadershipOwner,
      engineeringOwner: system.engineeringOwner,
      alignment: f.latestRound
        ? {
            roundId: f.latestRound.id,
            roundTitle: f.latestRound.title,
            heldOn: f.latestRound.heldOn,
            asked: f.latestRound.asked,
            readBack: f.latestRound.aligned,
            disagreements: f.latestRound.disagreements,
          }
        : null,
      risks,
      lastReviewOn: f.latestRound?.heldOn ?? null,
      nextStageGaps: next
        ? readinessGaps(snapshotOf(row, f, now.getTime()), system.stage, next, gates).length
        : 0,
      health: f.health,
      updatedAt: row.updatedAt,
    };
  });
  const byStage = Object.fromEntries(STAGES.map((s) => [s, entries.filter((e) => e.stage === s).length]));
  return {
    generatedAt: now.toISOString(),
    systems: entries,
    totals: {
      systems: entries.length,
      byStage,
      undecidedHighImpact: entries.reduce((n, e) => n + e.risks.undecidedHighImpact, 0),
      expiringSoon: entries.reduce((n, e) => n + e.risks.expiringSoon, 0),
      expired: entries.reduce((n, e) => n + e.risks.expired, 0),
      breached: entries.reduce((n, e) => n + e.health.limits.breached + e.health.budgets.breached, 0),
      atRisk: entries.reduce((n, e) => n + e.health.limits.atRisk + e.health.budgets.atRisk, 0),
      openFindings: entries.reduce((n, e) => n + e.health.openFindings, 0),
    },
  };
}
