import type { Board, SpendTotal } from "../../contract/briefs.js";
import type { Portfolio, StateCounts } from "../../contract/portfolio.js";
import { EXPIRING_SOON_DAYS } from "../decisions.js";
import { totalsByCurrency } from "../ledger.js";
import { outlooks } from "./leadership.js";
import { projectedSpend } from "./money.js";
import { OUTLOOK_LABELS } from "./outlook.js";
import { snapshotToday, type BriefSnapshot } from "./snapshot.js";
import { formatDate, listOf } from "./format.js";

const cents = (n: number) => Math.round(n * 100) / 100;

/** How many trust limits (or risk budgets) are in each state. */
function countStates(targets: readonly { evaluation: { state: string } }[]): StateCounts {
  const states = { ok: 0, atRisk: 0, breached: 0, noData: 0 };
  for (const t of targets) {
    const s = t.evaluation.state;
    if (s === "ok") states.ok += 1;
    else if (s === "at_risk") states.atRisk += 1;
    else if (s === "breached") states.breached += 1;
    else states.noData += 1;
  }
  return states;
}

/**
 * The board view: portfolio totals a board member reads in a minute. Spend is totalled per
 * currency and value protected per currency; neither is ever converted or added across currencies.
 * `snapshot` covers the active systems; `portfolio` all of them (retired included).
 */
export function buildBoard(snapshot: BriefSnapshot, portfolio: Portfolio): Board {
  const results = outlooks(snapshot);
  const asOf = Date.parse(snapshot.asOf);
  const spend = new Map<string, SpendTotal>();
  for (const b of snapshot.budgets.filter((x) => x.kind === "spend")) {
    const unit = b.signal.unit || "(no unit)";
    const t = spend.get(unit) ?? {
      unit,
      spent: 0,
      budget: 0,
      projected: 0,
      budgets: 0,
      atRisk: 0,
      breached: 0,
    };
    const projected = projectedSpend(b, asOf);
    t.spent += b.evaluation.consumed;
    t.budget += b.evaluation.amount;
    // One budget without a projection makes the unit's projection unknown rather than too low.
    t.projected = t.projected === null || projected === null ? null : t.projected + projected;
    t.budgets += 1;
    if (b.evaluation.state === "at_risk") t.atRisk += 1;
    if (b.evaluation.state === "breached") t.breached += 1;
    spend.set(unit, t);
  }
  const keyOf = new Map(snapshot.systems.map((s) => [s.id, s.key]));
  const expiring = snapshot.risks
    .filter(
      (r) =>
        r.currentDecision?.outcome === "accept" &&
        r.currentDecision.reviewBy &&
        r.expiresInDays !== null &&
        r.expiresInDays <= EXPIRING_SOON_DAYS &&
        r.posture !== "closed",
    )
    .map((r) => ({
      system: keyOf.get(r.systemId) ?? r.systemKey,
      risk: r.title,
      reviewBy: r.currentDecision!.reviewBy!,
      days: r.expiresInDays!,
      conditions: r.currentDecision!.conditions,
    }))
    .sort((a, b) => a.days - b.days || a.risk.localeCompare(b.risk));
  const active = portfolio.systems.filter((s) => s.stage !== "retired");
  const byOutlook = Object.fromEntries(Object.keys(OUTLOOK_LABELS).map((o) => [o, 0]));
  for (const r of results.values()) byOutlook[r.outlook] = (byOutlook[r.outlook] ?? 0) + 1;
  const entryBySystem = new Map(portfolio.systems.map((e) => [e.id, e]));
  const today = snapshotToday(snapshot);
  return {
    generatedAt: snapshot.generatedAt,
    period: snapshot.period,
    systems: {
      total: portfolio.totals.systems,
      active: active.length,
      byStage: portfolio.totals.byStage,
      byOutlook,
    },
    spend: [...spend.values()]
      .map((t) => ({
        ...t,
        spent: cents(t.spent),
        budget: cents(t.budget),
        projected: t.projected && cents(t.projected),
      }))
      .sort((a, b) => a.unit.localeCompare(b.unit)),
    limits: countStates(snapshot.limits),
    budgets: countStates(snapshot.budgets),
    risks: {
      accepted: snapshot.risks.filter((r) => r.posture === "accepted").length,
      expiringSoon: expiring.filter((e) => e.days >= 0).length,
      expired: snapshot.risks.filter((r) => r.posture === "expired").length,
      undecidedHighImpact: active.reduce((n, e) => n + e.risks.undecidedHighImpact, 0),
      expiring,
    },
    valueProtected: {
      entries: snapshot.ledger.length,
      value: totalsByCurrency(snapshot.ledger.map((e) => e.value)),
    },
    alignment: {
      asked: active.reduce((n, e) => n + (e.alignment?.asked ?? 0), 0),
      readBack: active.reduce((n, e) => n + (e.alignment?.readBack ?? 0), 0),
      disagreements: active.reduce((n, e) => n + (e.alignment?.disagreements ?? 0), 0),
      systemsWithoutRound: active.filter((e) => !e.alignment).length,
    },
    openFindings: active.reduce((n, e) => n + e.health.openFindings, 0),
    rows: snapshot.systems.map((system) => {
      const entry = entryBySystem.get(system.id);
      const result = results.get(system.id)!;
      const risks = snapshot.risks.filter((r) => r.systemId === system.id);
      return {
        key: system.key,
        name: system.name,
        stage: system.stage,
        outlook: result.outlook,
        reason:
          result.reasons.length > 0
            ? `${OUTLOOK_LABELS[result.outlook]}: ${listOf(result.reasons.map((r) => r.text))}`
            : `${OUTLOOK_LABELS[result.outlook]} as of ${formatDate(today)}`,
        leadershipOwner: system.leadershipOwner,
        alignment: entry?.alignment
          ? { asked: entry.alignment.asked, readBack: entry.alignment.readBack }
          : null,
        accepted: risks.filter((r) => r.posture === "accepted").length,
        expiring: expiring.filter((e) => e.system === system.key && e.days >= 0).length,
        valueProtected: totalsByCurrency(
          snapshot.ledger.filter((e) => e.system.id === system.id).map((e) => e.value),
        ),
      };
    }),
  };
}
