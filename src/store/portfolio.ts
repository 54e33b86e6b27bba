import type { Portfolio, PortfolioEntry, SignalHealth, StateCounts } from "../contract/portfolio.js";
import { isoDate } from "../core/calendar.js";
import type { Round } from "../contract/conversations.js";
import {
  STAGES,
  type DecisionOutcome,
  type GrowthVisibility,
  type RiskPosture,
  type SafeguardKind,
  type SafeguardStatus,
  type Stage,
} from "../contract/enums.js";
import { riskPosture, type DecisionFacts } from "../core/decisions.js";
import { summarizeRisks } from "../core/portfolio.js";
import { nextStage, readinessGaps, type ReadinessSnapshot } from "../core/readiness.js";
import type { Db } from "./database.js";
import { listRoundRows, loadRounds } from "./conversations.js";
import { loadGatePolicy } from "./settings.js";
import { rehearsalFacts } from "./rehearsal.js";
import { presentSystems } from "./systems.js";
import type { SystemsTable } from "./schema.js";

interface SignalFacts {
  name: string;
  kind: string;
  lastPointAt: number | null;
  guarded: boolean;
}

/** What the map and the readiness rules need of a risk: far less than the risk register shows. */
interface RiskFacts {
  title: string;
  impact: number;
  growth: GrowthVisibility;
  posture: RiskPosture;
  currentDecision: DecisionFacts | null;
  safeguards: Array<{ kind: SafeguardKind; status: SafeguardStatus }>;
}

interface SystemFacts {
  latestRound: Round | null;
  risks: RiskFacts[];
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

/**
 * The open facts of every risk of these systems in three narrow queries (no per-risk presentation:
 * the map of a large workspace reads thousands of risks on every refresh). Risks come in the
 * register's order, so readiness gaps name them in the same order as the risk list.
 */
async function gatherRiskFacts(
  db: Db,
  facts: Map<string, SystemFacts>,
  systemIds: string[],
  today: string,
): Promise<void> {
  if (systemIds.length === 0) return;
  const risks = await db
    .selectFrom("risks")
    .select(["id", "systemId", "title", "impact", "growth", "closed"])
    .where("systemId", "in", systemIds)
    .orderBy("impact", "desc")
    .orderBy("likelihood", "desc")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const decisions = await db
    .selectFrom("decisions")
    .innerJoin("risks", "risks.id", "decisions.riskId")
    .select(["decisions.riskId", "decisions.outcome", "decisions.reviewBy"])
    .where("risks.systemId", "in", systemIds)
    .where("decisions.supersededBy", "is", null)
    .execute();
  const guards = await db
    .selectFrom("safeguardRisks")
    .innerJoin("safeguards", "safeguards.id", "safeguardRisks.safeguardId")
    .innerJoin("risks", "risks.id", "safeguardRisks.riskId")
    .select(["safeguardRisks.riskId", "safeguards.kind", "safeguards.status"])
    .where("risks.systemId", "in", systemIds)
    .execute();
  const current = new Map<string, DecisionFacts>();
  for (const d of decisions)
    current.set(d.riskId, { outcome: d.outcome as DecisionOutcome, reviewBy: d.reviewBy });
  const guardsOf = new Map<string, RiskFacts["safeguards"]>();
  for (const g of guards) {
    const list = guardsOf.get(g.riskId);
    const guard = { kind: g.kind as SafeguardKind, status: g.status as SafeguardStatus };
    if (list) list.push(guard);
    else guardsOf.set(g.riskId, [guard]);
  }
  for (const r of risks) {
    const decision = current.get(r.id) ?? null;
    facts.get(r.systemId)?.risks.push({
      title: r.title,
      impact: r.impact,
      growth: r.growth as GrowthVisibility,
      posture: riskPosture(Boolean(r.closed), decision, today),
      currentDecision: decision,
      safeguards: guardsOf.get(r.id) ?? [],
    });
  }
}

/** The latest round and all risks of each system (not yet their signals), in a fixed number of queries. */
async function gatherConversationAndRiskFacts(
  db: Db,
  systemIds: string[],
  today: string,
): Promise<Map<string, SystemFacts>> {
  const roundRows = await listRoundRows(db, systemIds);
  const latestRows = new Map<string, (typeof roundRows)[number]>();
  for (const r of roundRows) if (!latestRows.has(r.systemId)) latestRows.set(r.systemId, r);
  const rounds = await loadRounds(db, [...latestRows.values()]);
  const facts = new Map<string, SystemFacts>(systemIds.map((id) => [id, emptyFacts()]));
  for (const round of rounds) facts.get(round.systemId)!.latestRound = round;
  await gatherRiskFacts(db, facts, systemIds, today);
  return facts;
}

/** The latest round, all risks and the signal health of each system, read in a fixed number of queries. */
async function gatherFacts(db: Db, systemIds: string[], today: string): Promise<Map<string, SystemFacts>> {
  const facts = await gatherConversationAndRiskFacts(db, systemIds, today);
  await gatherSignalFacts(db, facts, systemIds);
  return facts;
}

interface KeptFacts {
  /** The newest audit entry when these facts were read: later entries name the systems to re-read. */
  seq: number;
  today: string;
  readAt: number;
  bySystem: Map<string, Pick<SystemFacts, "latestRound" | "risks">>;
}

/** Rounds and risks per system between map refreshes, per database handle. */
const keptFacts = new WeakMap<Db, KeptFacts>();
/** Read everything again at least this often, whatever the audit log says. */
const KEEP_FACTS_MS = 10 * 60_000;

/**
 * Rounds and risks are most of the map's reading (thousands of risks), yet between two refreshes
 * only the systems someone wrote to change. Every write to them appends an audit entry naming its
 * system in the same transaction (on PostgreSQL under the audit head's row lock, so entries
 * become visible in sequence order), so the facts of systems without newer entries are reused.
 * Postures depend on the date, so a new day reads everything again; so does an entry without a
 * system. Signal health (points, evaluations, findings) is not audited and is read every time.
 */
function gatherFactsWithKept(
  db: Db,
  systemIds: string[],
  now: Date,
  today: string,
): Promise<Map<string, SystemFacts>> {
  // One refresh at a time per database: two interleaved ones could store an older read last.
  const previous = keptTurns.get(db) ?? Promise.resolve();
  const turn = previous.then(
    () => refreshKeptFacts(db, systemIds, now, today),
    () => refreshKeptFacts(db, systemIds, now, today),
  );
  keptTurns.set(
    db,
    turn.catch(() => undefined),
  );
  return turn;
}

const keptTurns = new WeakMap<Db, Promise<unknown>>();

async function refreshKeptFacts(
  db: Db,
  systemIds: string[],
  now: Date,
  today: string,
): Promise<Map<string, SystemFacts>> {
  const head = await db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  const seq = Number(head?.seq ?? 0);
  let kept = keptFacts.get(db);
  if (kept && kept.today === today && now.getTime() - kept.readAt < KEEP_FACTS_MS && seq >= kept.seq) {
    const changed = await db
      .selectFrom("auditEvents")
      .select("systemId")
      .distinct()
      .where("seq", ">", kept.seq)
      .execute();
    if (changed.some((c) => c.systemId === null)) kept = undefined;
    else for (const c of changed) kept.bySystem.delete(c.systemId!);
  } else kept = undefined;
  if (!kept) kept = { seq, today, readAt: now.getTime(), bySystem: new Map() };
  kept.seq = seq;
  keptFacts.set(db, kept);
  const missing = systemIds.filter((id) => !kept.bySystem.has(id));
  if (missing.length > 0) {
    const read = await gatherConversationAndRiskFacts(db, missing, today);
    for (const [id, f] of read) kept.bySystem.set(id, { latestRound: f.latestRound, risks: f.risks });
  }
  const facts = new Map<string, SystemFacts>();
  for (const id of systemIds) facts.set(id, { ...emptyFacts(), ...kept.bySystem.get(id) });
  await gatherSignalFacts(db, facts, systemIds);
  return facts;
}

function snapshotOf(
  system: SystemsTable,
  facts: SystemFacts,
  now: number,
  rehearsal: ReadinessSnapshot["rehearsal"] = null,
): ReadinessSnapshot {
  return {
    rehearsal,
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
  const rehearsal = (await rehearsalFacts(db, [system.id])).get(system.id) ?? null;
  return snapshotOf(system, facts.get(system.id) ?? emptyFacts(), now.getTime(), rehearsal);
}

/** The shared map: every system with owners, alignment, risk posture and readiness. */
export async function buildPortfolio(db: Db, now: Date, today: string): Promise<Portfolio> {
  const rows = await db.selectFrom("systems").selectAll().orderBy("name").orderBy("id").execute();
  const systems = await presentSystems(db, rows);
  const facts = await gatherFactsWithKept(
    db,
    rows.map((r) => r.id),
    now,
    today,
  );
  const gates = await loadGatePolicy(db);
  const rehearsals = await rehearsalFacts(
    db,
    rows.map((r) => r.id),
  );
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
        ? readinessGaps(snapshotOf(row, f, now.getTime(), rehearsals.get(row.id)), system.stage, next, gates)
            .length
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
