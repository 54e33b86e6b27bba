import type { Portfolio, PortfolioEntry } from "../contract/portfolio.js";
import type { Risk } from "../contract/risks.js";
import type { Round } from "../contract/conversations.js";
import { STAGES, type Stage } from "../contract/enums.js";
import { summarizeRisks } from "../core/portfolio.js";
import { nextStage, readinessGaps, type ReadinessSnapshot } from "../core/readiness.js";
import type { Db } from "./database.js";
import { listRoundRows, loadRounds } from "./conversations.js";
import { queryRisks } from "./risks.js";
import { presentSystems } from "./systems.js";
import type { SystemsTable } from "./schema.js";

interface SystemFacts {
  latestRound: Round | null;
  risks: Risk[];
}

/** The latest round and all risks of each system, read in a fixed number of queries. */
async function gatherFacts(db: Db, systemIds: string[], today: string): Promise<Map<string, SystemFacts>> {
  const roundRows = await listRoundRows(db, systemIds);
  const latestRows = new Map<string, (typeof roundRows)[number]>();
  for (const r of roundRows) if (!latestRows.has(r.systemId)) latestRows.set(r.systemId, r);
  const rounds = await loadRounds(db, [...latestRows.values()]);
  const risks = await queryRisks(db, { systemIds }, today);
  const facts = new Map<string, SystemFacts>(systemIds.map((id) => [id, { latestRound: null, risks: [] }]));
  for (const round of rounds) facts.get(round.systemId)!.latestRound = round;
  for (const risk of risks) facts.get(risk.systemId)?.risks.push(risk);
  return facts;
}

function snapshotOf(system: SystemsTable, facts: SystemFacts): ReadinessSnapshot {
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
  };
}

/** What readiness rules look at for one system, as of `today`. */
export async function readinessSnapshot(
  db: Db,
  system: SystemsTable,
  today: string,
): Promise<ReadinessSnapshot> {
  const facts = await gatherFacts(db, [system.id], today);
  return snapshotOf(system, facts.get(system.id) ?? { latestRound: null, risks: [] });
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
  const entries: PortfolioEntry[] = rows.map((row, i) => {
    const system = systems[i]!;
    const f = facts.get(row.id) ?? { latestRound: null, risks: [] };
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
      nextStageGaps: next ? readinessGaps(snapshotOf(row, f), system.stage, next).length : 0,
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
    },
  };
}
