import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { bucketStart, bucketValue, coarsenBuckets, mergeBuckets, rollupPoints } from "./rollup.js";
import { sketchOf, sketchQuantile, mergeSketches } from "./quantile-sketch.js";
import { quantileOf } from "./robust-stats.js";
import { DAY_MS, HOUR_MS } from "./types.js";

const T0 = Date.UTC(2024, 9, 1);

describe("rollupPoints", () => {
  it("groups points into UTC days with count, sum, min, max and denominators", () => {
    const points = [
      { t: T0 + HOUR_MS, v: 2, denominator: 10 },
      { t: T0 + 5 * HOUR_MS, v: 4, denominator: 10 },
      { t: T0 + DAY_MS + 1, v: 1 },
    ];
    const [first, second] = rollupPoints(points, "day");
    expect(first).toMatchObject({ start: T0, count: 2, sum: 6, min: 2, max: 4, denominatorSum: 20 });
    expect(second).toMatchObject({ start: T0 + DAY_MS, count: 1, denominatorSum: 1 });
    expect(bucketValue(first!, { kind: "ratio" })).toBeCloseTo(0.3);
    expect(bucketValue(first!, { kind: "mean" })).toBe(3);
  });

  it("honours a local-day offset", () => {
    // 23:30 UTC is already the next day at UTC+1.
    expect(bucketStart(T0 + 23.5 * HOUR_MS, "day", 60)).toBe(T0 + DAY_MS - HOUR_MS);
  });

  it("gives the same day summary from hours merged as from points directly", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ t: fc.integer({ min: 0, max: 3 * DAY_MS }), v: fc.double({ min: -1e3, max: 1e3 }) }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (raw) => {
          const points = raw.map((p) => ({ t: T0 + p.t, v: p.v }));
          const direct = rollupPoints(points, "day");
          const viaHours = coarsenBuckets(rollupPoints(points, "hour"), "day");
          expect(viaHours.length).toBe(direct.length);
          viaHours.forEach((bucket, i) => {
            const expected = direct[i]!;
            expect(bucket.start).toBe(expected.start);
            expect(bucket.count).toBe(expected.count);
            expect(bucket.sum).toBeCloseTo(expected.sum, 6);
            expect(bucket.min).toBe(expected.min);
            expect(bucket.max).toBe(expected.max);
          });
        },
      ),
    );
  });

  it("keeps quantiles mergeable through sketches", () => {
    const hours = rollupPoints(
      Array.from({ length: 500 }, (_, i) => ({ t: T0 + i * 60_000, v: 1 + (i % 100) })),
      "hour",
      { withSketch: true },
    );
    const day = hours.reduce(mergeBuckets);
    const p95 = bucketValue(day, { kind: "quantile", q: 0.95 });
    expect(p95).not.toBeNull();
    expect(Math.abs(p95! - 95) / 95).toBeLessThan(0.03);
    expect(bucketValue(rollupPoints([{ t: T0, v: 1 }], "day")[0]!, { kind: "quantile", q: 0.5 })).toBeNull();
  });
});

describe("quantile sketch", () => {
  it("stays within its relative accuracy, also after merging", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: -1e3, max: -0.001, noNaN: true }), { maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (positives, negatives, q) => {
          const all = [...positives, ...negatives];
          const merged = mergeSketches(sketchOf(positives), sketchOf(negatives));
          const estimate = sketchQuantile(merged, q)!;
          // The sketch returns a value of rank floor/ceil around q·(n−1); compare with both neighbours.
          const sorted = [...all].sort((a, b) => a - b);
          const rank = q * (sorted.length - 1);
          const candidates = [sorted[Math.floor(rank)]!, sorted[Math.ceil(rank)]!];
          const ok = candidates.some(
            (exact) => Math.abs(estimate - exact) <= 0.0101 * Math.abs(exact) + 1e-9,
          );
          expect(ok).toBe(true);
        },
      ),
    );
    expect(quantileOf([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
