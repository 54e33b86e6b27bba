import type { Point } from "./types.js";
import type { BudgetPeriod } from "./budget-period.js";
import { periodBounds } from "./budget-period.js";
import type { BurnAlertRule } from "./burn-alerts.js";
import { alertWindows, burnAlertRules, firingAlerts } from "./burn-alerts.js";
import type { LimitState } from "./trust-limit.js";
import { budgetEvents, eventsBetween, type BudgetEvent } from "./budget-events.js";
import { exhaustionTime } from "./budget-exhaustion.js";
import type { WindowAggregate } from "./window-aggregate.js";

/**
 * Risk budgets and their burn rates, the SRE way: how fast the budget is being spent compared with
 * the pace that would spend exactly all of it by the end of the period.
 */

/** "Monthly model spend at most 30,000": the sum of the points over the period. */
export type SpendBudget = { kind: "total"; amount: number; period: BudgetPeriod };

/**
 * "Quality at least 0.9 on 99% of days in 30": a good-event ratio with a target. Events are either
 * buckets of the signal judged against a threshold, or counted (point value = bad events, point
 * denominator = all events, as for errors per requests).
 */
export type ObjectiveBudget = {
  kind: "objective";
  target: number;
  period: BudgetPeriod;
  good: GoodEventRule;
};

export type GoodEventRule =
  | {
      kind: "bucket";
      bucketMs: number;
      aggregate: WindowAggregate;
      comparator: "at_least" | "at_most";
      threshold: number;
    }
  | { kind: "counted" };

export type RiskBudget = SpendBudget | ObjectiveBudget;

export type WindowBurn = { windowMs: number; burnRate: number | null };
export type FiringAlert = BurnAlertRule & { longBurnRate: number; shortBurnRate: number };

export type BudgetEvaluation = {
  state: LimitState;
  /** Budget size in its own units: money for spend, bad events (e.g. bad days) for objectives. */
  amount: number;
  consumed: number;
  remaining: number;
  periodStart: number;
  periodEnd: number;
  burnRates: WindowBurn[];
  firingAlerts: FiringAlert[];
  /**
   * When the budget runs out at the current pace (the burn over the slowest alert window); the
   * moment it ran out if it already has; null if it lasts the period.
   */
  exhaustionForecastAt: number | null;
};

export type BudgetOptions = { rules?: readonly BurnAlertRule[] };

/** Budget size in consumption units for the period containing `now`. */
export function budgetAmount(budget: RiskBudget, events: readonly BudgetEvent[], now: number): number {
  const bounds = periodBounds(budget.period, now);
  if (budget.kind === "total") return budget.amount;
  const allowedShare = 1 - budget.target;
  if (budget.good.kind === "bucket") return (allowedShare * bounds.lengthMs) / budget.good.bucketMs;
  return allowedShare * eventsBetween(events, bounds.start, now).total;
}

/**
 * Burn rate over the window ending at `now`: budget consumed in the window divided by what the
 * window's share of the period allows. 1 means "on pace to use exactly the whole budget"; null when
 * an objective's window holds no event.
 */
export function burnRate(
  budget: RiskBudget,
  windowMs: number,
  points: readonly Point[],
  now: number,
): number | null {
  return burnRateOfEvents(budget, windowMs, budgetEvents(budget, points, now), now);
}

function burnRateOfEvents(
  budget: RiskBudget,
  windowMs: number,
  events: readonly BudgetEvent[],
  now: number,
): number | null {
  const inWindow = eventsBetween(events, now - windowMs, now);
  if (budget.kind === "total") {
    const allowed = (budget.amount * windowMs) / periodBounds(budget.period, now).lengthMs;
    return allowed > 0 ? inWindow.consumed / allowed : null;
  }
  const allowed = (1 - budget.target) * inWindow.total;
  return allowed > 0 ? inWindow.consumed / allowed : null;
}

/**
 * Everything the map and the briefs show about a budget at `now`: consumption, remaining budget,
 * burn rate per alert window, which multi-window alerts fire, and when the budget runs out.
 */
export function evaluateBudget(
  budget: RiskBudget,
  points: readonly Point[],
  now: number,
  options: BudgetOptions = {},
): BudgetEvaluation {
  const bounds = periodBounds(budget.period, now);
  const rules = options.rules ?? burnAlertRules(bounds.lengthMs);
  const events = budgetEvents(budget, points, now);
  const amount = budgetAmount(budget, events, now);
  const consumed = eventsBetween(events, bounds.start, now).consumed;
  const rates = new Map<number, number | null>();
  const rateOf = (windowMs: number): number | null => {
    if (!rates.has(windowMs)) rates.set(windowMs, burnRateOfEvents(budget, windowMs, events, now));
    return rates.get(windowMs) ?? null;
  };
  const burnRates = alertWindows(rules).map((windowMs) => ({ windowMs, burnRate: rateOf(windowMs) }));
  const firing = firingAlerts(rules, rateOf).map((rule) => ({
    ...rule,
    longBurnRate: rateOf(rule.longWindowMs) ?? 0,
    shortBurnRate: rateOf(rule.shortWindowMs) ?? 0,
  }));
  const paceWindowMs = Math.max(...rules.map((rule) => rule.longWindowMs), 1);
  const exhaustionForecastAt = exhaustionTime({ events, amount, period: budget.period, now, paceWindowMs });
  const horizonEnd = budget.period.kind === "rolling" ? now + bounds.lengthMs : bounds.end;
  const state =
    consumed > amount
      ? "breached"
      : firing.length > 0 || (exhaustionForecastAt !== null && exhaustionForecastAt <= horizonEnd)
        ? "at_risk"
        : "ok";
  return {
    state,
    amount,
    consumed,
    remaining: amount - consumed,
    periodStart: bounds.start,
    periodEnd: bounds.end,
    burnRates,
    firingAlerts: firing,
    exhaustionForecastAt,
  };
}
