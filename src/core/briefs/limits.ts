import type { BriefChart, BriefItem, BriefSection, Quote } from "../../contract/briefs.js";
import type { RiskBudget, TrustLimit } from "../../contract/limits.js";
import { capitalize, formatDate, formatNumber, formatPercent, plural } from "./format.js";
import { item, quoteOf, section, STATE_LABELS, toneOfState } from "./items.js";
import { systemNamer, type BriefSnapshot } from "./snapshot.js";

/** A limit's value the way its rule reads: ratios as percentages, the rest with the signal's unit. */
export function limitValue(value: number, limit: Pick<TrustLimit, "aggregate" | "signal">): string {
  if (limit.aggregate === "ratio") return formatPercent(value);
  return `${formatNumber(value)}${limit.signal.unit ? ` ${limit.signal.unit}` : ""}`;
}

/** What a limit is called in a sentence: its own name, or its signal's when it was never named. */
export function limitLabel(l: Pick<TrustLimit, "name" | "rule" | "signal">): string {
  return l.name && l.name !== l.rule ? l.name : l.signal.name;
}

/** The answer a limit was set from, quoted. */
function sourceQuote(s: BriefSnapshot, answerId: string | null): Quote | null {
  if (!answerId) return null;
  for (const round of s.rounds)
    for (const ask of round.asks)
      if (ask.answers.some((a) => a.id === answerId)) {
        const quote = quoteOf(ask);
        const answer = ask.answers.find((a) => a.id === answerId)!;
        return (
          quote && {
            ...quote,
            text: answer.body,
            by: answer.answeredBy.name,
            on: answer.createdAt.slice(0, 10),
          }
        );
      }
  return null;
}

function limitItem(l: TrustLimit, s: BriefSnapshot, voice: "leadership" | "engineering"): BriefItem {
  const names = systemNamer(s);
  const e = l.evaluation;
  const now = e.value === null ? "no data in the window" : `now ${limitValue(e.value, l)}`;
  const forecast =
    e.forecastBreachAt && e.state !== "breached"
      ? `At the current trend it is crossed on ${formatDate(e.forecastBreachAt)}.`
      : null;
  const over = l.windowDays === 1 ? "over 1 day" : `over ${formatNumber(l.windowDays)} days`;
  return item(
    `${names.prefix(l.systemId)}${limitLabel(l)}: ${now} — ${STATE_LABELS[e.state]}; trust is lost ${l.comparator} ${limitValue(l.threshold, l)} ${over}.`,
    toneOfState(e.state),
    {
      system: names.key(l.systemId),
      details: [
        forecast,
        e.stateSince &&
          e.state !== "ok" &&
          `${capitalize(STATE_LABELS[e.state])} since ${formatDate(e.stateSince)}.`,
        voice === "engineering" && `Rule: ${l.rule}.`,
        voice === "engineering" &&
          e.headroom !== null &&
          e.state !== "breached" &&
          `Headroom: ${limitValue(Math.abs(e.headroom), l)}.`,
      ],
      quote: voice === "leadership" ? sourceQuote(s, l.sourceAnswerId) : null,
    },
  );
}

function budgetItem(b: RiskBudget, s: BriefSnapshot): BriefItem {
  const names = systemNamer(s);
  const e = b.evaluation;
  const left =
    b.kind === "spend"
      ? `${formatNumber(e.consumed)} of ${formatNumber(e.amount)} ${b.signal.unit} used`
      : `${formatNumber(e.consumed)} of ${formatNumber(e.amount)} allowed bad ${b.bucket}s used`;
  return item(
    `${names.prefix(b.systemId)}${b.name}: ${left} — ${STATE_LABELS[e.state]}.`,
    toneOfState(e.state),
    {
      system: names.key(b.systemId),
      details: [
        `Rule: ${b.rule}.`,
        e.forecastBreachAt && `At this rate it runs out on ${formatDate(e.forecastBreachAt)}.`,
        ...e.firingAlerts.map(
          (a) =>
            `Burn-rate alert (${a.severity}): ${formatNumber(a.longBurnRate)}× over ${formatNumber(a.longWindowHours)} h and ${formatNumber(a.shortBurnRate)}× over ${formatNumber(a.shortWindowHours)} h.`,
        ),
      ],
    },
  );
}

const STATE_ORDER = { breached: 0, at_risk: 1, no_data: 2, ok: 3 } as const;
const byState = <T extends { evaluation: { state: keyof typeof STATE_ORDER }; name: string }>(a: T, b: T) =>
  STATE_ORDER[a.evaluation.state] - STATE_ORDER[b.evaluation.state] || a.name.localeCompare(b.name);

function limitChart(s: BriefSnapshot, limits: readonly TrustLimit[]): BriefChart {
  const names = systemNamer(s);
  return {
    kind: "limits",
    title: "Each trust limit: where the signal is now against where trust is lost",
    bars: limits.map((l) => ({
      label: `${names.prefix(l.systemId)}${limitLabel(l)}`,
      tone: toneOfState(l.evaluation.state),
      value: l.evaluation.value,
      threshold: l.threshold,
      comparator: l.comparator,
      unit: l.aggregate === "ratio" ? "%" : l.signal.unit,
    })),
  };
}

/** Leadership: the trust limits and their state, with the answer each one came from. */
export function trustSection(s: BriefSnapshot): BriefSection {
  const limits = [...s.limits].sort(byState);
  const breached = limits.filter((l) => l.evaluation.state === "breached").length;
  const atRisk = limits.filter((l) => l.evaluation.state === "at_risk").length;
  const headline =
    limits.length === 0
      ? "No trust limits are set: nothing says when leadership should stop trusting a system."
      : breached + atRisk === 0
        ? `${limits.length === 1 ? "The trust limit holds" : limits.length === 2 ? "Both trust limits hold" : `All ${limits.length} trust limits hold`}.`
        : `${[breached && `${breached} of ${plural(limits.length, "trust limit")} ${breached === 1 ? "is" : "are"} breached`, atRisk && `${breached ? `${atRisk}` : `${atRisk} of ${plural(limits.length, "trust limit")}`} ${atRisk === 1 ? "is" : "are"} at risk`].filter(Boolean).join(" and ")}.`;
  return section(
    "trust_limits",
    "Trust limits",
    headline,
    limits.map((l) => limitItem(l, s, "leadership")),
    limits.length > 0 ? [limitChart(s, limits)] : [],
  );
}

/** Engineering: limits and budgets breached, at risk, burning fast or without data. */
export function limitsAtRiskSection(s: BriefSnapshot): BriefSection {
  const names = systemNamer(s);
  const needs = (e: { state: string }) =>
    e.state === "breached" || e.state === "at_risk" || e.state === "no_data";
  const limits = s.limits.filter((l) => needs(l.evaluation)).sort(byState);
  const budgets = s.budgets
    .filter((b) => needs(b.evaluation) || b.evaluation.firingAlerts.length > 0)
    .sort(byState);
  const total = s.limits.length + s.budgets.length;
  const troubled = [...limits, ...budgets].filter((t) => t.evaluation.state !== "no_data").length;
  const headline =
    total === 0
      ? "No limits or budgets are set, so nothing would warn before trust or money runs out."
      : troubled === 0
        ? `All ${plural(total, "limit and budget", "limits and budgets")} hold${limits.length + budgets.length > 0 ? ", though some lack data" : ""}.`
        : `${troubled} of ${plural(total, "limit and budget", "limits and budgets")} need attention.`;
  const watched = new Set(
    [...limits, ...budgets].filter((t) => t.evaluation.state !== "no_data").map((t) => t.signal.id),
  );
  const thresholds = new Map(s.limits.map((l) => [l.signal.id, l.threshold]));
  const lines = s.series
    .filter((x) => watched.has(x.signalId))
    .slice(0, 6)
    .map((x) => ({
      label: `${names.prefix(x.systemId)}${x.name}`,
      tone: "warn" as const,
      unit: x.unit,
      from: s.period.from,
      to: s.period.to,
      values: x.values,
      threshold: thresholds.get(x.signalId) ?? null,
    }));
  return section(
    "limits_at_risk",
    "Limits and budgets at risk",
    headline,
    [...limits.map((l) => limitItem(l, s, "engineering")), ...budgets.map((b) => budgetItem(b, s))],
    lines.length > 0
      ? [{ kind: "sparklines", title: "Daily values over the period, with the limit", lines }]
      : [],
    total === 0 ? "warn" : undefined,
  );
}
