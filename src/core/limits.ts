import { addDays, daysBetween } from "./calendar.js";
import { invalid } from "./errors.js";
import type { RiskBudget, TrustLimit, WindowAggregate } from "./signals/index.js";
import { DAY_MS, HOUR_MS } from "./signals/types.js";

/** A trust limit as stored: the rule leadership set, in days and plain words. */
export interface LimitRule {
  windowDays: number;
  aggregate: string;
  quantile: number | null;
  comparator: "above" | "below";
  threshold: number;
  horizonDays: number | null;
}

/** A risk budget as stored. */
export interface BudgetRule {
  kind: "spend" | "objective";
  period: { kind: "calendar_month" } | { kind: "rolling"; days: number };
  amount: number | null;
  target: number | null;
  bucket: "hour" | "day";
  comparator: "at_least" | "at_most";
  threshold: number | null;
}

export function windowAggregateOf(aggregate: string, quantile: number | null): WindowAggregate {
  if (aggregate === "quantile") return { kind: "quantile", q: quantile ?? 0.5 };
  return { kind: aggregate as Exclude<WindowAggregate["kind"], "quantile"> };
}

/** The rule in the shape the signals maths evaluates. */
export function trustLimitOf(rule: LimitRule): TrustLimit {
  return {
    windowMs: rule.windowDays * DAY_MS,
    aggregate: windowAggregateOf(rule.aggregate, rule.quantile),
    comparator: rule.comparator,
    threshold: rule.threshold,
    ...(rule.horizonDays !== null && { horizonMs: rule.horizonDays * DAY_MS }),
  };
}

/** The budget in the shape the signals maths evaluates. */
export function riskBudgetOf(rule: BudgetRule, signalAggregate: string, quantile: number | null): RiskBudget {
  const period =
    rule.period.kind === "calendar_month"
      ? { kind: "calendar_month" as const }
      : { kind: "rolling" as const, lengthMs: rule.period.days * DAY_MS };
  if (rule.kind === "spend") return { kind: "total", amount: rule.amount ?? 0, period };
  return {
    kind: "objective",
    target: rule.target ?? 0.99,
    period,
    good: {
      kind: "bucket",
      bucketMs: rule.bucket === "hour" ? HOUR_MS : DAY_MS,
      aggregate: windowAggregateOf(signalAggregate === "sum" ? "sum" : signalAggregate, quantile),
      comparator: rule.comparator,
      threshold: rule.threshold ?? 0,
    },
  };
}

function number(n: number): string {
  return Math.abs(n) >= 1000
    ? n.toLocaleString("en", { maximumFractionDigits: 0 })
    : String(Number(n.toPrecision(4)));
}

function days(n: number): string {
  return n === 1 ? "1-day" : `${number(n)}-day`;
}

/** The limit in a sentence both sides can read, e.g. "7-day mean of Agent edit rate above 0.25". */
export function describeLimitRule(rule: LimitRule, signalName: string, unit: string): string {
  const aggregate =
    rule.aggregate === "quantile" ? `p${Math.round((rule.quantile ?? 0.5) * 100)}` : rule.aggregate;
  return `${days(rule.windowDays)} ${aggregate} of ${signalName} ${rule.comparator} ${number(rule.threshold)}${unit ? ` ${unit}` : ""}`;
}

/** The budget in a sentence, e.g. "Model spend at most 30,000 USD per calendar month". */
export function describeBudgetRule(rule: BudgetRule, signalName: string, unit: string): string {
  const period =
    rule.period.kind === "calendar_month"
      ? "per calendar month"
      : `over a rolling ${number(rule.period.days)} days`;
  if (rule.kind === "spend")
    return `${signalName} at most ${number(rule.amount ?? 0)}${unit ? ` ${unit}` : ""} ${period}`;
  const comparator = rule.comparator === "at_least" ? "at least" : "at most";
  return `${signalName} ${comparator} ${number(rule.threshold ?? 0)}${unit ? ` ${unit}` : ""} on ${number((rule.target ?? 0) * 100)}% of ${rule.bucket}s ${period}`;
}

/** How far back the points must reach to evaluate a limit, its trend included. */
export function limitLookbackMs(rule: LimitRule): number {
  return rule.windowDays * DAY_MS * 3;
}

/** How far back the points must reach to evaluate a budget and its burn-rate windows. */
export function budgetLookbackMs(rule: BudgetRule): number {
  const period = rule.period.kind === "calendar_month" ? 31 * DAY_MS : rule.period.days * DAY_MS;
  return period * 1.2 + DAY_MS;
}

/** The longest period a limit's day-by-day series covers. */
export const MAX_LIMIT_SERIES_DAYS = 366;

/**
 * The days a limit's series covers (YYYY-MM-DD, both included): `to` defaults to today and `from`
 * to 89 days before `to` (90 days, the chart's span).
 */
export function limitSeriesPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -89);
  if (from > to)
    throw invalid("invalid_period", `from (${from}) is after to (${to}). Swap them.`, { field: "from" });
  const days = daysBetween(from, to) + 1;
  if (days > MAX_LIMIT_SERIES_DAYS)
    throw invalid(
      "period_too_long",
      `A limit's series covers at most ${MAX_LIMIT_SERIES_DAYS} days; this period has ${days}. Move from closer to to.`,
      { field: "from" },
    );
  return { from, to };
}

/**
 * One reading per day of the period: `t`, the start of the day (UTC, as a daily signal series
 * gives it), and `at`, when the limit's window is read: the day's last millisecond, so the window
 * covers whole days, or `now` for today, so today's reading is the limit's evaluation now. Days
 * after `now` have no reading yet.
 */
export function limitSeriesDays(
  period: { from: string; to: string },
  now: number,
): Array<{ t: number; at: number }> {
  const out: Array<{ t: number; at: number }> = [];
  const first = Date.parse(`${period.from}T00:00:00Z`);
  const days = daysBetween(period.from, period.to) + 1;
  for (let k = 0; k < days; k++) {
    const t = first + k * DAY_MS;
    if (t > now) break;
    out.push({ t, at: Math.min(t + DAY_MS - 1, now) });
  }
  return out;
}
