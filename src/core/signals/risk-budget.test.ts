import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { burnRate, evaluateBudget } from "./risk-budget.js";
import type { ObjectiveBudget, SpendBudget } from "./risk-budget.js";
import { burnAlertRules } from "./burn-alerts.js";
import { DAY_MS, HOUR_MS } from "./types.js";
import type { Point } from "./types.js";

const T0 = Date.UTC(2024, 10, 1);
const rolling30: SpendBudget = {
  kind: "total",
  amount: 30_000,
  period: { kind: "rolling", lengthMs: 30 * DAY_MS },
};
const hourly = (hours: number, perHour: (i: number) => number): Point[] =>
  Array.from({ length: hours }, (_, i) => ({ t: T0 + (i + 1) * HOUR_MS, v: perHour(i) }));

describe("burnRate", () => {
  it("is exactly 1 for a uniform spend at the allowed pace, over any whole-hour window", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 24 * 30 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (periodDays, windowHours, amount) => {
          const budget: SpendBudget = {
            kind: "total",
            amount,
            period: { kind: "rolling", lengthMs: periodDays * DAY_MS },
          };
          const hours = periodDays * 24 + windowHours;
          const points = hourly(hours, () => amount / (periodDays * 24));
          const rate = burnRate(budget, windowHours * HOUR_MS, points, T0 + hours * HOUR_MS);
          expect(rate).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it("scales with the values: doubling every point doubles consumption and burn", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (values, factor) => {
          const now = T0 + values.length * HOUR_MS;
          const base = evaluateBudget(
            rolling30,
            hourly(values.length, (i) => values[i]!),
            now,
          );
          const scaled = evaluateBudget(
            rolling30,
            hourly(values.length, (i) => values[i]! * factor),
            now,
          );
          expect(scaled.consumed).toBeCloseTo(base.consumed * factor, 6);
          base.burnRates.forEach((window, i) =>
            expect(scaled.burnRates[i]!.burnRate!).toBeCloseTo(window.burnRate! * factor, 6),
          );
        },
      ),
    );
  });

  it("never reports more consumed than the sum of the (non-negative) points", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            hour: fc.integer({ min: 0, max: 2000 }),
            v: fc.double({ min: 0, max: 1e5, noNaN: true }),
          }),
        ),
        fc.integer({ min: 0, max: 2000 }),
        fc.boolean(),
        (raw, nowHour, calendar) => {
          const points = raw.map((p) => ({ t: T0 + p.hour * HOUR_MS, v: p.v }));
          const budget: SpendBudget = calendar
            ? { ...rolling30, period: { kind: "calendar_month" } }
            : rolling30;
          const result = evaluateBudget(budget, points, T0 + nowHour * HOUR_MS);
          const total = points.reduce((sum, p) => sum + p.v, 0);
          expect(result.consumed).toBeLessThanOrEqual(total * (1 + 1e-12));
          expect(result.remaining).toBeCloseTo(result.amount - result.consumed, 6);
        },
      ),
    );
  });

  it("forecasts an earlier (never later) exhaustion for a faster spend", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.integer({ min: 24, max: 24 * 40 }),
        fc.boolean(),
        (perHour, faster, hours, calendar) => {
          const budget: SpendBudget = calendar
            ? { ...rolling30, period: { kind: "calendar_month" } }
            : rolling30;
          const now = T0 + hours * HOUR_MS;
          const slow = evaluateBudget(
            budget,
            hourly(hours, () => perHour),
            now,
          ).exhaustionForecastAt;
          const fast = evaluateBudget(
            budget,
            hourly(hours, () => perHour * faster),
            now,
          ).exhaustionForecastAt;
          if (slow !== null) {
            expect(fast).not.toBeNull();
            expect(fast!).toBeLessThanOrEqual(slow + 1e-6);
          }
        },
      ),
    );
  });
});

describe("evaluateBudget", () => {
  it("forecasts the day a calendar-month budget runs out and marks it at risk", () => {
    const monthly: SpendBudget = { kind: "total", amount: 30_000, period: { kind: "calendar_month" } };
    // 1,500 a day for 10 days: 15,000 left, gone in 10 more days (21 Nov), before the month ends.
    const points = Array.from({ length: 10 }, (_, i) => ({ t: T0 + i * DAY_MS + HOUR_MS, v: 1500 }));
    const now = T0 + 9 * DAY_MS + 2 * HOUR_MS;
    const result = evaluateBudget(monthly, points, now);
    expect(result.consumed).toBe(15_000);
    expect(result.state).toBe("at_risk");
    expect(new Date(result.exhaustionForecastAt!).toISOString().slice(0, 10)).toBe("2024-11-20");
    expect(result.firingAlerts.map((alert) => alert.severity)).toContain("ticket");
  });

  it("pages on a fast burn and is breached once spent", () => {
    const monthly: SpendBudget = { kind: "total", amount: 3000, period: { kind: "calendar_month" } };
    const points = hourly(48, (i) => (i >= 46 ? 200 : 1));
    const result = evaluateBudget(monthly, points, T0 + 48 * HOUR_MS);
    expect(result.firingAlerts.some((alert) => alert.severity === "page")).toBe(true);
    const spent = evaluateBudget(
      monthly,
      hourly(48, () => 100),
      T0 + 48 * HOUR_MS,
    );
    expect(spent.state).toBe("breached");
    expect(spent.exhaustionForecastAt).toBe(T0 + 31 * HOUR_MS);
  });

  it("is ok for a slow steady spend well under budget", () => {
    const result = evaluateBudget(
      rolling30,
      hourly(24 * 40, () => 10),
      T0 + 24 * 40 * HOUR_MS,
    );
    expect(result.state).toBe("ok");
    expect(result.exhaustionForecastAt).toBeNull();
    // Windows of whole hours see exactly the pace (10 of an allowed 41.67 an hour).
    const hourWindows = result.burnRates.filter((window) => window.windowMs % HOUR_MS === 0);
    expect(hourWindows.every((window) => Math.abs(window.burnRate! - 0.24) < 1e-9)).toBe(true);
  });

  it("evaluates 'quality at least 0.9 on 99% of days in 30'", () => {
    const budget: ObjectiveBudget = {
      kind: "objective",
      target: 0.99,
      period: { kind: "rolling", lengthMs: 30 * DAY_MS },
      good: {
        kind: "bucket",
        bucketMs: DAY_MS,
        aggregate: { kind: "mean" },
        comparator: "at_least",
        threshold: 0.9,
      },
    };
    const days = (bad: number[]) =>
      Array.from({ length: 40 }, (_, i) => ({
        t: T0 + i * DAY_MS + HOUR_MS,
        v: bad.includes(i) ? 0.5 : 0.95,
      }));
    const now = T0 + 39 * DAY_MS + 2 * HOUR_MS;
    const clean = evaluateBudget(budget, days([]), now);
    expect(clean.state).toBe("ok");
    expect(clean.amount).toBeCloseTo(0.3);
    const oneBadDay = evaluateBudget(budget, days([35]), now);
    expect(oneBadDay.consumed).toBe(1);
    expect(oneBadDay.state).toBe("breached");
    expect(evaluateBudget(budget, days([2]), now).state).toBe("ok"); // outside the rolling 30 days
  });

  it("evaluates counted objectives (bad events with denominators)", () => {
    const budget: ObjectiveBudget = {
      kind: "objective",
      target: 0.99,
      period: { kind: "rolling", lengthMs: 30 * DAY_MS },
      good: { kind: "counted" },
    };
    const points = hourly(24 * 30, () => 2).map((p) => ({ ...p, denominator: 100 }));
    const now = T0 + 24 * 30 * HOUR_MS;
    expect(burnRate(budget, 6 * HOUR_MS, points, now)).toBeCloseTo(2);
    expect(evaluateBudget(budget, points, now).state).toBe("breached");
  });

  it("scales the workbook's alert windows to the period", () => {
    const weekly = burnAlertRules(7 * DAY_MS);
    expect(weekly[0]).toMatchObject({ severity: "page", burnRate: 14.4, longWindowMs: 14 * 60_000 });
    expect(burnAlertRules(30 * DAY_MS)[2]).toMatchObject({
      longWindowMs: 3 * DAY_MS,
      shortWindowMs: 6 * HOUR_MS,
    });
  });
});
