import { formatDate, formatNumber, formatPercent } from "../briefs/format.js";
import type { Confidence, LimitProjection, Range, RehearsalResult } from "./types.js";

/** The kind of limit in leadership's words. */
export const LIMIT_KIND_WORDS: Record<LimitProjection["kind"], string> = {
  requests_per_minute: "the provider's requests-per-minute limit",
  tokens_per_minute: "the provider's token-per-minute quota",
  quota_per_day: "a daily quota",
  quota_per_month: "a monthly quota",
  context_window_tokens: "the model's context window",
  latency_budget_ms: "the response-time budget",
  human_review_per_day: "the team's capacity to check cases by hand",
  contract_cap_spend_per_month: "the contract's monthly spending cap",
  internal_service_limit: "an internal service's limit",
  custom: "a limit",
  risk_budget: "the budget",
};

/** "3.2x"; multiples below 10 keep one decimal, larger ones none. */
export function formatMultiple(x: number): string {
  if (x >= 1000) return "more than 1,000x";
  return `${x >= 10 ? formatNumber(Math.round(x)) : (Math.round(x * 10) / 10).toFixed(1)}x`;
}

/** "3.2x (between 2.9x and 3.6x)", or one figure when the ends agree. */
export function formatBreakRange(r: Range): string {
  const [l, c, h] = [formatMultiple(r.low), formatMultiple(r.central), formatMultiple(r.high)];
  return l === h ? c : `${c} (between ${l} and ${h})`;
}

/** "Q3 2027" for a date. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `Q${Math.ceil(month / 3)} ${date.slice(0, 4)}`;
}

function leadershipName(l: { kind: LimitProjection["kind"]; name: string }): string {
  const words = LIMIT_KIND_WORDS[l.kind];
  if (l.kind === "custom") return `“${l.name}”`;
  if (l.kind === "risk_budget") return `the budget “${l.name}”`;
  return words;
}

function sureness(c: Confidence, days: number): string {
  const basis =
    days > 0 ? `${formatNumber(days)} days of production data` : "recorded figures only, no production data";
  if (c === "high") return `We are fairly sure of this: it rests on ${basis} with little spread.`;
  if (c === "medium") return `Treat this as a fair estimate: it rests on ${basis}.`;
  return `Treat this as rough: it rests on ${basis} and the ranges are wide or assumptions are missing.`;
}

function scaleWords(r: RehearsalResult): string {
  const s = r.scale;
  if (!s) return "";
  const when = s.date ? ` planned for ${quarterOf(s.date)}` : "";
  return `the ${formatMultiple(s.multiple)}${when}`;
}

function pct(u: Range | null): string {
  return u ? formatPercent(u.central) : "unknown";
}

function engineeringLine(l: LimitProjection): string {
  const head = `${l.name} (${l.kind.replace(/_/g, " ")}, ${formatNumber(l.value)} ${l.unit}${l.source ? `; source: ${l.source}` : ""})`;
  if (l.outcome === "no_data") return `${head}: no projection yet. ${l.missing ?? ""}`.trim();
  const today = l.demandToday
    ? `${formatNumber(l.demandToday.central)} ${l.demandLabel} today (${pct(l.utilisationToday)} of the limit)`
    : "";
  if (l.outcome === "not_load_driven")
    return `${head}: ${today}; does not grow with load. Method: ${l.method}.`;
  if (l.outcome === "holds")
    return `${head}: ${today}; holds beyond 1,000x on the central estimate${l.breakAt ? `, earliest ${formatMultiple(l.breakAt.low)}` : ""}. Method: ${l.method}.`;
  const at = l.breakAt ? formatBreakRange(l.breakAt) : "";
  return `${head}: ${today}; reaches 100% at ${at} (${l.confidence} confidence). Method: ${l.method}.`;
}

/** Adds the two voices to a result: engineering's limits, units and method; leadership's outcome and date. */
export function describeRehearsal(r: RehearsalResult): RehearsalResult {
  const engineering: string[] = [];
  const leadership: string[] = [];
  const first = r.firstBreak;
  const firstLimit = first ? r.limits.find((l) => l.name === first.name && l.kind === first.kind) : undefined;
  const target = scaleWords(r);

  if (first && firstLimit) {
    const when = first.expectedOn ? `, around ${formatDate(first.expectedOn)} on the planned growth` : "";
    if (first.breakAt.central <= 1) {
      leadership.push(
        `Already at today's volume ${leadershipName(first)} is used up: it breaks at about ${formatBreakRange(first.breakAt)} of today's load.`,
      );
    } else {
      const relation = r.scale
        ? first.beforeScale
          ? ` — before ${target}`
          : ` — after ${target}, so the plan fits`
        : "";
      leadership.push(
        `At about ${formatBreakRange(first.breakAt)} today's volume ${leadershipName(first)} runs out${relation}${when}.`,
      );
    }
    engineering.push(
      `First limit to break: ${firstLimit.name} at ${formatBreakRange(first.breakAt)} today's load — ${formatNumber(firstLimit.demandToday?.central ?? 0)} ${firstLimit.demandLabel} today against ${formatNumber(firstLimit.value)} ${firstLimit.unit}.`,
    );
    const next = r.limits
      .filter(
        (l) =>
          l !== firstLimit &&
          l.breakAt &&
          (l.outcome === "breaks_before_plan" || l.outcome === "already_broken"),
      )
      .sort((a, b) => a.breakAt!.central - b.breakAt!.central);
    if (next.length > 0)
      leadership.push(
        `Also before the planned scale: ${next.map((l) => `${leadershipName(l)} at about ${formatMultiple(l.breakAt!.central)}`).join("; ")}.`,
      );
  } else if (r.limits.some((l) => l.outcome !== "no_data")) {
    leadership.push(
      r.scale
        ? `None of the recorded limits breaks on the way to ${target}.`
        : "None of the recorded limits breaks as usage grows.",
    );
    engineering.push("No recorded limit reaches 100% below 1,000x today's load.");
  } else {
    leadership.push("We cannot yet say what breaks first: engineering has not recorded enough to project.");
  }
  leadership.push(sureness(r.confidence, r.daysObserved));
  const unknown = r.limits.filter((l) => l.outcome === "no_data");
  if (unknown.length > 0)
    leadership.push(
      `${unknown.length === 1 ? "One limit" : `${unknown.length} limits`} cannot be projected yet (${unknown.map(leadershipName).join("; ")}): engineering needs to record more data.`,
    );

  for (const l of r.limits) engineering.push(engineeringLine(l));
  for (const ratio of r.ratios) {
    const share = ratio.unit === "share";
    const f = (v: number) => (share ? formatPercent(v) : formatNumber(v));
    const unit = share || !ratio.unit ? "" : ` ${ratio.unit}`;
    const spread =
      f(ratio.value.low) === f(ratio.value.high) ? "" : ` (${f(ratio.value.low)}–${f(ratio.value.high)})`;
    engineering.push(`${ratio.label}: ${f(ratio.value.central)}${unit}${spread} from ${ratio.method}.`);
  }
  if (r.today.requestsPerDay !== null)
    engineering.push(
      `Today's load (1x): ${formatNumber(r.today.requestsPerDay)} requests a day (${r.today.source === "plan" ? `recorded${r.today.measuredOn ? ` on ${r.today.measuredOn}` : ""}` : "mean of the last 14 days of the requests signal"}).`,
    );
  const a = r.assumptions;
  const changes = [
    a.costMultiplier !== 1 ? `cost per request × ${formatNumber(a.costMultiplier)}` : "",
    a.pricePer1kTokens !== null ? `price ${formatNumber(a.pricePer1kTokens)} per 1,000 tokens` : "",
    a.retryRate !== a.baseRetryRate
      ? `retry rate ${formatPercent(a.retryRate)} (today ${formatPercent(a.baseRetryRate)})`
      : "",
    a.humanShare !== null ? `${formatPercent(a.humanShare)} of cases sent to a person` : "",
  ].filter(Boolean);
  if (changes.length > 0) engineering.push(`What-if: ${changes.join(", ")}.`);
  for (const n of r.notes) engineering.push(n);
  for (const m of r.missing) if (!r.limits.some((l) => l.missing === m)) engineering.push(`To record: ${m}`);
  return { ...r, engineering, leadership };
}
