/**
 * The period a risk budget covers: a calendar month ("monthly model spend") or a rolling length
 * ("99% of days in 30").
 */

export type BudgetPeriod =
  { kind: "calendar_month"; utcOffsetMinutes?: number } | { kind: "rolling"; lengthMs: number };

export type PeriodBounds = { start: number; end: number; lengthMs: number };

/**
 * Start and end of the period that contains `now`. A rolling period ends at `now`; a calendar
 * month runs from local midnight on the 1st to local midnight on the 1st of the next month.
 */
export function periodBounds(period: BudgetPeriod, now: number): PeriodBounds {
  if (period.kind === "rolling") {
    return { start: now - period.lengthMs, end: now, lengthMs: period.lengthMs };
  }
  const offsetMs = (period.utcOffsetMinutes ?? 0) * 60_000;
  const local = new Date(now + offsetMs);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetMs;
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - offsetMs;
  return { start, end, lengthMs: end - start };
}
