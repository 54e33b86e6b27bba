import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  differenceScale,
  lagOneAutocorrelation,
  median,
  quantileOf,
  robustScale,
  theilSenSlope,
} from "./robust-stats.js";
import { movingMedian } from "./seasonality.js";

describe("robust statistics", () => {
  it("quantiles by selection agree with sorting", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const position = q * (sorted.length - 1);
          const low = sorted[Math.floor(position)]!;
          const high = sorted[Math.ceil(position)]!;
          expect(quantileOf(values, q)).toBeCloseTo(
            low + (high - low) * (position - Math.floor(position)),
            6,
          );
        },
      ),
    );
  });

  it("moving medians agree with a direct computation", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 40 }), (values) => {
        const expected = values.map((_, i) => median(values.slice(Math.max(0, i - 3), i + 4)));
        expect(Array.from(movingMedian(values, 7))).toEqual(expected);
      }),
    );
  });

  it("scales ignore outliers and level shifts", () => {
    const noise = [0.3, -1.2, 0.8, -0.1, 1.5, -0.7, 0.2, -0.4, 1.1, -0.9];
    expect(robustScale([...noise, 1000])).toBeLessThan(2);
    const stepped = noise.map((x, i) => x + (i >= 5 ? 100 : 0));
    expect(differenceScale(stepped)).toBeLessThan(3);
    expect(lagOneAutocorrelation([1, 1, 1])).toBe(0);
    expect(theilSenSlope([0, 1, 2, 3, 4], [0, 2, 4, 6, 100])).toBe(2);
  });
});
