import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { advanceWindow, emptyWindow, parseWindow, serializeWindow, type DailyValue } from "./daily-window.js";
import { DAY_MS } from "./types.js";

const D0 = Date.UTC(2025, 0, 1);
const WINDOW_DAYS = 30;

/** Days with gaps and NaN values, as a signal's daily rollups would give them. */
const series = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      v: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number.NaN)),
    }),
    { maxLength: 120 },
  )
  .map((raw) => {
    let day = 0;
    return raw.map(({ gap, v }) => ({ t: D0 + (day += gap) * DAY_MS, v }));
  });

describe("daily window", () => {
  it("advanced day by day equals the window built from all days at once", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 10 }), (days, step) => {
        let window = emptyWindow("mean");
        const last = days.length > 0 ? days[days.length - 1]!.t + DAY_MS : D0;
        for (let upTo = D0; upTo <= last + step * DAY_MS; upTo += step * DAY_MS) {
          const from = upTo - WINDOW_DAYS * DAY_MS;
          // What the store reads on each pass: the days completed since the window's last one.
          const since = window.t.length > 0 ? window.t[window.t.length - 1]! + DAY_MS : from;
          const fresh: DailyValue[] = days.filter((d) => d.t >= since && d.t < upTo);
          window = parseWindow(serializeWindow(advanceWindow(window, fresh, from)), "mean")!;
          const expected = days.filter((d) => d.t >= from && d.t < upTo);
          expect(window.t).toEqual(expected.map((d) => d.t));
          expect(window.v).toEqual(expected.map((d) => d.v));
        }
      }),
    );
  });

  it("refuses a saved window of another basis or a damaged one", () => {
    const saved = serializeWindow({ basis: "mean", t: [D0, D0 + DAY_MS], v: [1, Number.NaN] });
    expect(parseWindow(saved, "mean")).toEqual({ basis: "mean", t: [D0, D0 + DAY_MS], v: [1, Number.NaN] });
    expect(parseWindow(saved, "sum")).toBeNull();
    expect(parseWindow("{}", "mean")).toBeNull();
    expect(parseWindow("not json", "mean")).toBeNull();
    const swapped = serializeWindow({ basis: "mean", t: [D0 + DAY_MS, D0], v: [1, 2] });
    expect(parseWindow(swapped, "mean")).toBeNull();
    const short = JSON.parse(saved) as { v: string };
    expect(parseWindow(JSON.stringify({ ...short, v: short.v.slice(0, 8) }), "mean")).toBeNull();
    expect(parseWindow('{"basis":"mean","d":[1],"v":[2]}', "mean")).toBeNull();
  });

  it("ignores days at or before its last one (those need a rebuild)", () => {
    const window = advanceWindow(emptyWindow("sum"), [{ t: D0 + DAY_MS, v: 1 }], D0);
    expect(
      advanceWindow(
        window,
        [
          { t: D0, v: 9 },
          { t: D0 + DAY_MS, v: 9 },
        ],
        D0,
      ).v,
    ).toEqual([1]);
  });
});
