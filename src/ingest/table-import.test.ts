import { describe, expect, it } from "vitest";
import { mapTableRow, readTime, type TableMapping } from "./table-import.js";

describe("readTime", () => {
  it("reads ISO times, dates, and epochs in seconds or milliseconds", () => {
    expect(readTime("2026-05-01T10:00:00+02:00", "auto", false)).toEqual({
      ok: true,
      t: Date.UTC(2026, 4, 1, 8),
    });
    expect(readTime("2026-05-01", "auto", false)).toEqual({ ok: true, t: Date.UTC(2026, 4, 1) });
    expect(readTime("1777593600", "auto", false)).toEqual({ ok: true, t: 1777593600000 });
    expect(readTime(1777593600000, "auto", false)).toEqual({ ok: true, t: 1777593600000 });
    expect(readTime("1777593600", "epoch-ms", false)).toEqual({ ok: true, t: 1777593600 });
    expect(readTime("2026-05-01 10:00", "auto", true)).toEqual({ ok: true, t: Date.UTC(2026, 4, 1, 10) });
  });

  it("refuses zone-less times unless told they are UTC, and says why", () => {
    expect(readTime("2026-05-01 10:00", "auto", false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--utc/),
    });
    expect(readTime("yesterday", "auto", false)).toMatchObject({ ok: false });
    expect(readTime("1777593600", "iso", false)).toMatchObject({ ok: false });
    expect(readTime("", "auto", false)).toMatchObject({ ok: false });
  });
});

describe("mapTableRow", () => {
  const mapping: TableMapping = {
    timeColumn: "Day",
    valueColumn: "usage.cost",
    timeFormat: "auto",
    utc: false,
    scale: 0.01,
    denominatorColumn: "n",
    sourceColumn: "team",
  };

  it("maps columns case-insensitively and nested fields by dotted path", () => {
    expect(mapTableRow({ day: "2026-05-01", usage: { cost: 250 }, n: "10", team: "a" }, mapping)).toEqual({
      ok: true,
      point: { t: Date.UTC(2026, 4, 1), v: 2.5, n: 10, source: "a" },
    });
  });

  it("names the missing or broken column", () => {
    expect(mapTableRow({ day: "2026-05-01", n: 1 }, mapping)).toEqual({
      ok: false,
      reason: 'there is no column "usage.cost"',
    });
    expect(mapTableRow({ day: "2026-05-01", usage: { cost: 1 }, n: "x" }, mapping)).toEqual({
      ok: false,
      reason: "n is not a number",
    });
  });
});
