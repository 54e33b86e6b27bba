import type { Point } from "./types.js";
import type { RiskBudget } from "./risk-budget.js";
import { aggregateWindow, firstIndexAfter, sortedByTime } from "./window-aggregate.js";

/**
 * Turns a budget's points into consumption events, so spend budgets and good-event objectives
 * share one set of burn-rate and forecast maths.
 */

export type BudgetEvent = {
  t: number;
  /** Budget consumed by this event: money spent, or bad events. */
  consumed: number;
  /** Events this stands for (for objectives; 1 for spend). */
  total: number;
};

/**
 * Consumption events sorted by time. A bucket-judged objective yields one event per bucket with
 * data, timed at the bucket's last moment (or `now` for the bucket still running) so that a window
 * counts every bucket it overlaps.
 */
export function budgetEvents(budget: RiskBudget, points: readonly Point[], now: number): BudgetEvent[] {
  const sorted = sortedByTime(points);
  if (budget.kind === "total") return sorted.map((point) => ({ t: point.t, consumed: point.v, total: 1 }));
  const rule = budget.good;
  if (rule.kind === "counted") {
    return sorted.map((point) => ({ t: point.t, consumed: point.v, total: point.denominator ?? 1 }));
  }
  const events: BudgetEvent[] = [];
  let index = 0;
  while (index < sorted.length) {
    const first = sorted[index];
    if (!first) break;
    const start = Math.floor(first.t / rule.bucketMs) * rule.bucketMs;
    const end = start + rule.bucketMs;
    const value = aggregateWindow(sorted, rule.aggregate, start - 1, end - 1);
    if (value !== null) {
      const good = rule.comparator === "at_least" ? value >= rule.threshold : value <= rule.threshold;
      events.push({ t: Math.min(end - 1, now), consumed: good ? 0 : 1, total: 1 });
    }
    index = Math.max(firstIndexAfter(sorted, end - 1), index + 1);
  }
  return events.sort((a, b) => a.t - b.t);
}

/** Consumption and event count with from < t ≤ to. */
export function eventsBetween(
  events: readonly BudgetEvent[],
  from: number,
  to: number,
): { consumed: number; total: number } {
  let consumed = 0;
  let total = 0;
  for (const event of events) {
    if (event.t > from && event.t <= to) {
      consumed += event.consumed;
      total += event.total;
    }
  }
  return { consumed, total };
}
