import { describe, expect, it } from "vitest";
import { limitSeriesDays, limitSeriesPeriod } from "./limits.js";

const DAY = 86_400_000;

describe("a limit's series period", () => {
  it("defaults to the 90 days up to today and refuses a backwards or overlong period", () => {
    expect(limitSeriesPeriod({}, "2026-11-28")).toEqual({ from: "2026-08-31", to: "2026-11-28" });
    expect(limitSeriesPeriod({ to: "2026-01-31" }, "2026-11-28").from).toBe("2025-11-03");
    expect(() => limitSeriesPeriod({ from: "2026-11-29", to: "2026-11-28" }, "2026-11-28")).toThrow(
      expect.objectContaining({ code: "invalid_period" }),
    );
    expect(limitSeriesPeriod({ from: "2025-11-28", to: "2026-11-28" }, "2026-11-28").from).toBe("2025-11-28");
    expect(() => limitSeriesPeriod({ from: "2025-11-27", to: "2026-11-28" }, "2026-11-28")).toThrow(
      expect.objectContaining({ code: "period_too_long" }),
    );
  });

  it("reads each day at its last millisecond, today at now, and nothing after now", () => {
    const now = Date.parse("2026-11-28T13:30:00Z");
    const days = limitSeriesDays({ from: "2026-11-26", to: "2026-12-02" }, now);
    expect(days).toEqual([
      { t: Date.parse("2026-11-26T00:00:00Z"), at: Date.parse("2026-11-27T00:00:00Z") - 1 },
      { t: Date.parse("2026-11-27T00:00:00Z"), at: Date.parse("2026-11-28T00:00:00Z") - 1 },
      { t: Date.parse("2026-11-28T00:00:00Z"), at: now },
    ]);
    expect(limitSeriesDays({ from: "2026-11-29", to: "2026-11-30" }, now)).toEqual([]);
    expect(limitSeriesDays({ from: "2026-11-01", to: "2026-11-28" }, now + 30 * DAY)).toHaveLength(28);
  });
});
