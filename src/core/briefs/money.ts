import type { BriefChart, BriefItem, BriefSection } from "../../contract/briefs.js";
import type { RiskBudget } from "../../contract/limits.js";
import { addDays } from "../calendar.js";
import { totalsByCurrency } from "../ledger.js";
import {
  formatDate,
  formatDay,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRange,
  humanize,
  plural,
} from "./format.js";
import { item, section, STATE_LABELS, toneOfState } from "./items.js";
import { systemNamer, type BriefSnapshot, type DailySeries } from "./snapshot.js";

const DAY_MS = 86_400_000;
const MAX_LEDGER_ITEMS = 10;

/**
 * Where a spend budget lands by the end of its period at the rate so far. Too early in the period
 * (under a tenth gone) a straight line says nothing useful, so there is no projection.
 */
export function projectedSpend(budget: RiskBudget, asOf: number): number | null {
  const start = Date.parse(budget.evaluation.periodStart);
  const end = Date.parse(budget.evaluation.periodEnd);
  if (!(end > start)) return null;
  const elapsed = (asOf - start) / (end - start);
  if (elapsed >= 1) return budget.evaluation.consumed;
  if (elapsed < 0.1) return null;
  return budget.evaluation.consumed / elapsed;
}

function spendItem(b: RiskBudget, s: BriefSnapshot): BriefItem {
  const names = systemNamer(s);
  const unit = b.signal.unit;
  const { consumed, amount, periodEnd, forecastBreachAt, state } = b.evaluation;
  const asOf = Date.parse(s.asOf);
  const projected = projectedSpend(b, asOf);
  const lastDay = addDays(periodEnd.slice(0, 10), -1);
  const daysLeft = Math.max(0, Math.ceil((Date.parse(periodEnd) - asOf) / DAY_MS));
  const share = amount > 0 ? ` (${formatPercent(consumed / amount)})` : "";
  const runsOut =
    forecastBreachAt && forecastBreachAt < periodEnd && consumed < amount
      ? `At this rate the budget runs out on ${formatDate(forecastBreachAt)}.`
      : null;
  return item(
    `${names.prefix(b.systemId)}${b.name}: ${formatMoney(consumed, unit)} of ${formatMoney(amount, unit)} spent${share}, ${plural(daysLeft, "day")} of the period left — ${STATE_LABELS[state]}.`,
    toneOfState(state),
    {
      system: names.key(b.systemId),
      details: [
        projected !== null &&
          `Projected by ${formatDay(lastDay)}: about ${formatMoney(projected, unit)}${projected > amount ? `, ${formatMoney(projected - amount, unit)} over budget` : ", within budget"}.`,
        runsOut,
        ...b.evaluation.firingAlerts.map(
          (a) =>
            `Spending ${formatNumber(a.shortBurnRate)}× the sustainable rate over the last ${formatNumber(a.shortWindowHours)} hours (${a.severity === "page" ? "urgent" : "needs a look"}).`,
        ),
      ],
    },
  );
}

function periodSpend(series: DailySeries): number {
  return series.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

/** Leadership: cost against budget, with the forecast. */
export function costSection(s: BriefSnapshot): BriefSection {
  const byName = systemNamer(s);
  const spend = s.budgets
    .filter((b) => b.kind === "spend")
    .sort(
      (a, b) =>
        byName.prefix(a.systemId).localeCompare(byName.prefix(b.systemId)) || a.name.localeCompare(b.name),
    );
  const costSeries = s.series.filter((x) => x.kind === "cost" && x.aggregation === "sum");
  const names = systemNamer(s);
  const items = spend.map((b) => spendItem(b, s));
  for (const x of costSeries) {
    items.push(
      item(
        `${names.prefix(x.systemId)}${x.name} from ${formatDay(s.period.from)} to ${formatDay(s.period.to)}: ${formatMoney(periodSpend(x), x.unit)}.`,
        "neutral",
        { system: names.key(x.systemId) },
      ),
    );
  }
  const asOf = Date.parse(s.asOf);
  const worst = [...spend].sort((a, b) => rank(b) - rank(a))[0];
  let headline: string;
  if (!worst) {
    headline = "No spend budget is set, so spend is not checked against a plan.";
  } else if (worst.evaluation.state === "breached") {
    headline = `${names.prefix(worst.systemId)}${worst.name} is over budget: ${formatMoney(worst.evaluation.consumed, worst.signal.unit)} of ${formatMoney(worst.evaluation.amount, worst.signal.unit)}.`;
  } else if (worst.evaluation.state === "at_risk") {
    const projected = projectedSpend(worst, asOf);
    headline = `${names.prefix(worst.systemId)}${worst.name} is heading over budget${projected !== null ? `: about ${formatMoney(projected, worst.signal.unit)} of ${formatMoney(worst.evaluation.amount, worst.signal.unit)} by the end of the period` : ""}.`;
  } else {
    headline = `Spend is within budget on ${plural(spend.length, "budget")}.`;
  }
  const charts: BriefChart[] = [];
  if (spend.length > 0) {
    charts.push({
      kind: "budget",
      title: "Spend so far against budget, with the projection to the end of the period",
      bars: spend.map((b) => ({
        label: `${names.prefix(b.systemId)}${b.name}`,
        tone: toneOfState(b.evaluation.state),
        unit: b.signal.unit,
        spent: b.evaluation.consumed,
        budget: b.evaluation.amount,
        projected: projectedSpend(b, asOf),
      })),
    });
  }
  if (costSeries.length > 0) {
    charts.push({
      kind: "sparklines",
      title: "Daily spend over the period",
      lines: costSeries.slice(0, 6).map((x) => ({
        label: `${names.prefix(x.systemId)}${x.name}`,
        tone: "neutral",
        unit: x.unit,
        from: s.period.from,
        to: s.period.to,
        values: x.values,
        threshold: null,
      })),
    });
  }
  return section("cost", "Cost against budget", headline, items, charts);
}

const rank = (b: RiskBudget) => ({ breached: 3, at_risk: 2, ok: 1, no_data: 0 })[b.evaluation.state];

/** Leadership: what engineering's safeguards caught or prevented in the period, and its worth. */
export function valueSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const entries = s.ledger;
  const totals = totalsByCurrency(entries.map((e) => e.value));
  const unvalued = entries.filter((e) => !e.value).length;
  const worth = totals.map((t) => formatRange(t.low, t.high, t.currency));
  const headline =
    entries.length === 0
      ? "Nothing was recorded in the invisible-work ledger for this period."
      : `Engineering recorded ${plural(entries.length, "problem")} caught, prevented or cleaned up${worth.length > 0 ? `, worth an estimated ${worth.join(" and ")}` : ""}${unvalued > 0 ? ` (${unvalued} without an estimate)` : ""}.`;
  const items = entries.slice(0, MAX_LEDGER_ITEMS).map((e) =>
    item(`${names.prefix(e.system.id)}${e.summary}`, "good", {
      system: e.system.key,
      details: [
        `${humanize(e.kind)} on ${formatDate(e.occurredOn)}${e.safeguard ? ` by "${e.safeguard.name}"` : ""}${e.value ? `; estimated ${formatRange(e.value.low, e.value.high, e.value.currency)}` : ""}.`,
        e.estimateBasis && `How it was estimated: ${e.estimateBasis}`,
        e.evidenceUrl && `Evidence: ${e.evidenceUrl}`,
      ],
    }),
  );
  if (entries.length > MAX_LEDGER_ITEMS)
    items.push(
      item(
        `…and ${plural(entries.length - MAX_LEDGER_ITEMS, "more entry", "more entries")} in the ledger.`,
        "neutral",
      ),
    );
  const charts: BriefChart[] = totals.map((t) => {
    const groups = new Map<string, { low: number; high: number }>();
    for (const e of entries) {
      if (e.value?.currency !== t.currency) continue;
      const label = s.scope === "portfolio" ? e.system.name : (e.safeguard?.name ?? "No safeguard named");
      const g = groups.get(label) ?? { low: 0, high: 0 };
      g.low += e.value.low;
      g.high += e.value.high;
      groups.set(label, g);
    }
    return {
      kind: "ranges" as const,
      title: `Estimated value protected (${t.currency}), ${s.scope === "portfolio" ? "by system" : "by safeguard"}`,
      currency: t.currency,
      bars: [...groups.entries()]
        .sort((a, b) => b[1].high - a[1].high || a[0].localeCompare(b[0]))
        .map(([label, g]) => ({ label, tone: "good" as const, ...g })),
    };
  });
  return section(
    "value",
    "Value protected by engineering",
    headline,
    items,
    charts,
    entries.length > 0 ? "good" : "neutral",
  );
}
