import type { BudgetPeriod } from "./budget-period.js";
import { periodBounds } from "./budget-period.js";
import type { BudgetEvent } from "./budget-events.js";
import { eventsBetween } from "./budget-events.js";

export type ExhaustionInput = {
  events: readonly BudgetEvent[];
  amount: number;
  period: BudgetPeriod;
  now: number;
  /** The recent window whose pace is projected forward. */
  paceWindowMs: number;
};

/**
 * The date the budget runs out at the current pace ("at this rate the budget runs out on
 * 14 Dec"). For a calendar period, the remaining budget is spent at the recent pace and the date
 * is kept only if it falls before the period ends. For a rolling period, old consumption also
 * drops out of the window as time passes; that drop-off is known exactly from history, so the
 * projection replays it. Returns the moment it ran out when the budget is already spent, and
 * null when it lasts.
 */
export function exhaustionTime(input: ExhaustionInput): number | null {
  const { events, amount, period, now, paceWindowMs } = input;
  const bounds = periodBounds(period, now);
  const consumed = eventsBetween(events, bounds.start, now).consumed;
  if (consumed > amount) return momentExceeded(events, amount, bounds.start, now);
  const pace = eventsBetween(events, now - paceWindowMs, now).consumed / paceWindowMs;
  if (!(pace > 0)) return null;
  if (period.kind === "calendar_month") {
    const at = now + (amount - consumed) / pace;
    return at <= bounds.end ? at : null;
  }
  // Rolling: between two drop-offs the window's total grows linearly at `pace`.
  let dropped = 0;
  for (const event of events) {
    if (event.t <= bounds.start || event.t > now) continue;
    const dropsAfter = event.t - bounds.start;
    const crossingAfter = (amount - consumed + dropped) / pace;
    if (crossingAfter <= dropsAfter) return now + Math.max(crossingAfter, 0);
    dropped += event.consumed;
  }
  const crossingAfter = (amount - consumed + dropped) / pace;
  return crossingAfter <= bounds.lengthMs ? now + crossingAfter : null;
}

function momentExceeded(events: readonly BudgetEvent[], amount: number, from: number, to: number): number {
  let running = 0;
  for (const event of events) {
    if (event.t <= from || event.t > to) continue;
    running += event.consumed;
    if (running > amount) return event.t;
  }
  return to;
}
