import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Decision, Risk, RiskWithHistory } from "../contract/risks.js";
import type { Page } from "../contract/common.js";
import type {
  DecisionOutcome,
  GrowthDriver,
  GrowthVisibility,
  ImpactArea,
  RiskClass,
  RiskPosture,
  SafeguardKind,
  SafeguardStatus,
} from "../contract/enums.js";
import { DECISION_OUTCOMES } from "../contract/enums.js";
import { daysUntilReview, riskPosture } from "../core/decisions.js";
import { notFound } from "../core/errors.js";
import type { Db } from "./database.js";
import { personRefs, refOrUnknown } from "./people.js";
import { bool, jsonList } from "./rows.js";
import type { DecisionsTable, RisksTable, Schema } from "./schema.js";

export async function findRiskRow(db: Db, id: string): Promise<RisksTable> {
  const row = await db.selectFrom("risks").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("risk", id);
  return row;
}

function presentDecisions(
  rows: DecisionsTable[],
  refs: Map<string, { id: string; name: string; side: string }>,
): Decision[] {
  return rows.map((d) => ({
    id: d.id,
    riskId: d.riskId,
    outcome: d.outcome as DecisionOutcome,
    rationale: d.rationale,
    conditions: d.conditions,
    reviewBy: d.reviewBy,
    decidedBy: refOrUnknown(refs, d.decidedBy),
    decidedAt: d.decidedAt,
    supersededBy: d.supersededBy,
    sourceAnswerId: d.sourceAnswerId,
  }));
}

/** Presents risks with their live decision, posture as of `today`, and safeguards. */
export async function presentRisks(db: Db, rows: RisksTable[], today: string): Promise<Risk[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const decisions = await db
    .selectFrom("decisions")
    .selectAll()
    .where("riskId", "in", ids)
    .where("supersededBy", "is", null)
    .execute();
  const guards = await db
    .selectFrom("safeguardRisks")
    .innerJoin("safeguards", "safeguards.id", "safeguardRisks.safeguardId")
    .select([
      "safeguardRisks.riskId",
      "safeguards.id",
      "safeguards.name",
      "safeguards.kind",
      "safeguards.status",
    ])
    .where("safeguardRisks.riskId", "in", ids)
    .orderBy("safeguards.name")
    .execute();
  const systems = await db
    .selectFrom("systems")
    .select(["id", "key"])
    .where("id", "in", [...new Set(rows.map((r) => r.systemId))])
    .execute();
  const keys = new Map(systems.map((s) => [s.id, s.key]));
  const refs = await personRefs(db, [...rows.map((r) => r.proposedBy), ...decisions.map((d) => d.decidedBy)]);
  const current = new Map(presentDecisions(decisions, refs).map((d) => [d.riskId, d]));
  // Grouped once: filtering all safeguard links per risk was quadratic on a large register.
  const guardsOf = new Map<string, typeof guards>();
  for (const g of guards) {
    const list = guardsOf.get(g.riskId);
    if (list) list.push(g);
    else guardsOf.set(g.riskId, [g]);
  }

  return rows.map((r) => {
    const decision = current.get(r.id) ?? null;
    return {
      id: r.id,
      systemId: r.systemId,
      systemKey: keys.get(r.systemId) ?? "",
      title: r.title,
      class: r.class as RiskClass,
      failureMode: r.failureMode,
      triggers: r.triggers,
      dependencies: r.dependencies,
      businessImpact: r.businessImpact,
      impactAreas: jsonList<ImpactArea>(r.impactAreas),
      growth: r.growth as GrowthVisibility,
      growthDrivers: jsonList<GrowthDriver>(r.growthDrivers),
      likelihood: r.likelihood,
      impact: r.impact,
      costOfFailure:
        r.costLow !== null && r.costHigh !== null && r.costCurrency
          ? { low: Number(r.costLow), high: Number(r.costHigh), currency: r.costCurrency }
          : null,
      revealingSignals: jsonList(r.revealingSignals),
      sourceAnswerId: r.sourceAnswerId,
      closed: bool(r.closed),
      posture: riskPosture(bool(r.closed), decision, today),
      currentDecision: decision,
      expiresInDays: daysUntilReview(decision, today),
      safeguards: (guardsOf.get(r.id) ?? []).map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind as SafeguardKind,
        status: g.status as SafeguardStatus,
      })),
      proposedBy: refOrUnknown(refs, r.proposedBy),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: r.version,
    };
  });
}

export async function presentRiskWithHistory(
  db: Db,
  row: RisksTable,
  today: string,
): Promise<RiskWithHistory> {
  const [risk] = await presentRisks(db, [row], today);
  if (!risk) throw notFound("risk", row.id);
  return { ...risk, decisions: await listDecisions(db, row.id) };
}

/** Every decision ever taken on a risk, newest first; superseded ones included. */
export async function listDecisions(db: Db, riskId: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom("decisions")
    .selectAll()
    .where("riskId", "=", riskId)
    .orderBy("decidedAt", "desc")
    .orderBy("id", "desc")
    .execute();
  return presentDecisions(
    rows,
    await personRefs(
      db,
      rows.map((d) => d.decidedBy),
    ),
  );
}

export interface RiskFilter {
  systemIds?: string[] | undefined;
  class?: RiskClass | undefined;
  posture?: RiskPosture | undefined;
  minImpact?: number | undefined;
  unguarded?: boolean | undefined;
}

type RiskQuery = SelectQueryBuilder<Schema, "risks", object>;

/** The live (not superseded) decision on the risk of the outer query. */
function liveDecision(eb: ExpressionBuilder<Schema, "risks">) {
  return eb
    .selectFrom("decisions")
    .select("decisions.id")
    .whereRef("decisions.riskId", "=", "risks.id")
    .where("decisions.supersededBy", "is", null);
}

/**
 * `riskPosture` (core/decisions.ts) as SQL, so a page reads only its rows. Review-by dates are
 * YYYY-MM-DD on both databases, so comparing them as text compares the days.
 */
function postureIs(eb: ExpressionBuilder<Schema, "risks">, posture: RiskPosture, today: string) {
  if (posture === "closed") return eb("risks.closed", "=", 1);
  const open = eb("risks.closed", "<>", 1);
  if (posture === "undecided") return eb.and([open, eb.not(eb.exists(liveDecision(eb)))]);
  if (posture === "expired")
    return eb.and([
      open,
      eb.exists(
        liveDecision(eb).where("decisions.reviewBy", "is not", null).where("decisions.reviewBy", "<", today),
      ),
    ]);
  // The outcome whose live decision shows as this posture, taken from the core rule itself.
  const outcomes = DECISION_OUTCOMES.filter(
    (outcome) => riskPosture(false, { outcome, reviewBy: null }, today) === posture,
  );
  if (outcomes.length === 0) return eb.lit(false);
  return eb.and([
    open,
    eb.exists(
      liveDecision(eb)
        .where("decisions.outcome", "in", outcomes)
        .where((d) => d.or([d("decisions.reviewBy", "is", null), d("decisions.reviewBy", ">=", today)])),
    ),
  ]);
}

/** The risks a filter selects, in the register's order (highest impact first). */
function matchingRisks(db: Db, filter: RiskFilter, today: string): RiskQuery {
  let q: RiskQuery = db.selectFrom("risks");
  if (filter.systemIds) q = q.where("risks.systemId", "in", filter.systemIds);
  if (filter.class) q = q.where("risks.class", "=", filter.class);
  if (filter.minImpact) q = q.where("risks.impact", ">=", filter.minImpact);
  const posture = filter.posture;
  if (posture) q = q.where((eb) => postureIs(eb, posture, today));
  const unguarded = filter.unguarded;
  if (unguarded !== undefined)
    q = q.where((eb) => {
      // Counted as presentRisks counts: links to a safeguard that exists.
      const guarded = eb.exists(
        eb
          .selectFrom("safeguardRisks")
          .innerJoin("safeguards", "safeguards.id", "safeguardRisks.safeguardId")
          .select("safeguardRisks.riskId")
          .whereRef("safeguardRisks.riskId", "=", "risks.id"),
      );
      return unguarded ? eb.not(guarded) : guarded;
    });
  return q;
}

function inRegisterOrder(q: RiskQuery) {
  return q
    .selectAll("risks")
    .orderBy("risks.impact", "desc")
    .orderBy("risks.likelihood", "desc")
    .orderBy("risks.createdAt")
    .orderBy("risks.id");
}

/** All risks matching a filter, highest impact first; posture as of `today`. */
export async function queryRisks(db: Db, filter: RiskFilter, today: string): Promise<Risk[]> {
  if (filter.systemIds?.length === 0) return [];
  const rows = await inRegisterOrder(matchingRisks(db, filter, today)).execute();
  return presentRisks(db, rows, today);
}

/** One page of the register: the filter, order and page are applied in SQL, so a page reads only its rows. */
export async function listRisks(
  db: Db,
  filter: RiskFilter & { limit: number; offset: number },
  today: string,
): Promise<Page<Risk>> {
  const page = { limit: filter.limit, offset: filter.offset };
  if (filter.systemIds?.length === 0) return { items: [], total: 0, ...page, nextOffset: null };
  const matching = matchingRisks(db, filter, today);
  const counted = await matching.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  const rows =
    filter.offset < total
      ? await inRegisterOrder(matching).limit(filter.limit).offset(filter.offset).execute()
      : [];
  const items = await presentRisks(db, rows, today);
  const next = filter.offset + items.length;
  return { items, total, ...page, nextOffset: next < total ? next : null };
}
