import { describe, it, expect } from "vitest";
import { evaluateLimit, limitWindowValues } from "./trust-limit.js";
import type { TrustLimit } from "./trust-limit.js";
import { DAY_MS } from "./types.js";

const T0 = Date.UTC(2024, 9, 1);
const daily = (values: number[]) => values.map((v, i) => ({ t: T0 + i * DAY_MS, v }));
const manualWorkAbove15: TrustLimit = {
  windowMs: 7 * DAY_MS,
  aggregate: { kind: "mean" },
  comparator: "above",
  threshold: 0.15,
};

describe("evaluateLimit", () => {
  it("is ok with headroom when flat and below the threshold", () => {
    const points = daily(Array.from({ length: 30 }, () => 0.1));
    const result = evaluateLimit(manualWorkAbove15, points, T0 + 29 * DAY_MS);
    expect(result.state).toBe("ok");
    expect(result.value).toBeCloseTo(0.1);
    expect(result.headroom).toBeCloseTo(0.05);
    expect(result.forecastBreachAt).toBeNull();
  });

  it("is at risk when the trend crosses within the window, with a forecast date", () => {
    // Rises 0.005 a day from 0.08: the 7-day mean reaches 0.15 a few days after day 29.
    const points = daily(Array.from({ length: 30 }, (_, i) => 0.005 + i * 0.005));
    const now = T0 + 29 * DAY_MS;
    const result = evaluateLimit(manualWorkAbove15, points, now);
    expect(result.state).toBe("at_risk");
    const daysAhead = (result.forecastBreachAt! - now) / DAY_MS;
    // Mean of days 23..29 is 0.135; at 0.005/day it reaches 0.15 in 3 days.
    expect(daysAhead).toBeCloseTo(3, 1);
  });

  it("is ok when the crossing is beyond the horizon, and at risk with a longer horizon", () => {
    const points = daily(Array.from({ length: 30 }, (_, i) => 0.05 + i * 0.0005));
    const now = T0 + 29 * DAY_MS;
    expect(evaluateLimit(manualWorkAbove15, points, now).state).toBe("ok");
    expect(evaluateLimit({ ...manualWorkAbove15, horizonMs: 365 * DAY_MS }, points, now).state).toBe(
      "at_risk",
    );
  });

  it("is breached above the threshold and reports negative headroom", () => {
    const result = evaluateLimit(manualWorkAbove15, daily(Array(10).fill(0.2)), T0 + 9 * DAY_MS);
    expect(result.state).toBe("breached");
    expect(result.headroom).toBeCloseTo(-0.05);
  });

  it("handles 'below' limits, quantiles and missing data", () => {
    const quality: TrustLimit = {
      windowMs: 7 * DAY_MS,
      aggregate: { kind: "min" },
      comparator: "below",
      threshold: 0.8,
    };
    expect(evaluateLimit(quality, daily([0.9, 0.95, 0.7]), T0 + 2 * DAY_MS).state).toBe("breached");
    expect(evaluateLimit(quality, [], T0).value).toBeNull();
    const p95: TrustLimit = {
      windowMs: DAY_MS,
      aggregate: { kind: "quantile", q: 0.95 },
      comparator: "above",
      threshold: 2000,
    };
    const latencies = Array.from({ length: 100 }, (_, i) => ({ t: T0 + i * 60_000, v: 100 + i * 10 }));
    expect(evaluateLimit(p95, latencies, T0 + 100 * 60_000).value).toBeCloseTo(1040.5, 1);
  });
});

describe("limitWindowValues", () => {
  it("reads a ratio over the window as numerators over denominators, as the evaluation does", () => {
    const ratio: TrustLimit = { ...manualWorkAbove15, windowMs: 2 * DAY_MS, aggregate: { kind: "ratio" } };
    // Day 0: 1 of 10; day 1: 90 of 100. Daily ratios 0.1 and 0.9 average 0.5; the window holds 91/110.
    const points = [
      { t: T0 + 3_600_000, v: 1, denominator: 10 },
      { t: T0 + DAY_MS + 3_600_000, v: 90, denominator: 100 },
    ];
    const ends = [T0 + DAY_MS - 1, T0 + 2 * DAY_MS - 1, T0 + 4 * DAY_MS - 1];
    expect(limitWindowValues(ratio, points, ends)).toEqual([0.1, 91 / 110, null]);
    for (const at of ends)
      expect(limitWindowValues(ratio, points, [at])[0]).toBe(evaluateLimit(ratio, points, at).value);
  });
});
