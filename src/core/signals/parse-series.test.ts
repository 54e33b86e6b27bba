import { describe, it, expect } from "vitest";
import { parseSeries, parseTimestamp } from "./parse-series.js";

function parsed(text: string) {
  const result = parseSeries(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.series;
}

describe("parseSeries", () => {
  it("reads CSV with a timestamp,value header (ISO with zones and epoch numbers)", () => {
    const series = parsed(
      "timestamp,value\n2024-10-02T00:00:00Z,1.5\n2024-10-03T02:00:00+02:00,2\n1727913600000,3\n",
    );
    expect(series.values).toEqual([1.5, 2, 3]);
    expect(series.times).toEqual([Date.UTC(2024, 9, 2), Date.UTC(2024, 9, 3), Date.UTC(2024, 9, 3)]);
    expect(series.rawTimes[0]).toBe("2024-10-02T00:00:00Z");
    expect(series.rawTimes[2]).toBe(1727913600000);
  });

  it("reads a value header, bare numbers and epoch seconds", () => {
    expect(parsed("value\n1\n2\n\n3").values).toEqual([1, 2, 3]);
    expect(parsed("4\n5.5\r\n-6e1\n").values).toEqual([4, 5.5, -60]);
    expect(parsed("time,value\n1727827200,1").times).toEqual([Date.UTC(2024, 9, 2)]);
    expect(parsed("value,timestamp\n7,2024-10-02").times).toEqual([Date.UTC(2024, 9, 2)]);
  });

  it("reads JSON arrays of numbers or {t, v} objects", () => {
    expect(parsed("[1, 2, 3]").values).toEqual([1, 2, 3]);
    const series = parsed('[{"t":"2024-10-02T00:00:00Z","v":1},{"t":1727913600000,"v":2}]');
    expect(series.times).toEqual([Date.UTC(2024, 9, 2), Date.UTC(2024, 9, 3)]);
    expect(parsed('[{"v":1},{"v":2}]').times).toEqual([null, null]);
  });

  it("reports every bad row with its line number and reason", () => {
    const result = parseSeries(
      "timestamp,value\n2024-10-02T00:00:00Z,1\n2024-10-03T00:00:00,2\n2024-10-04T00:00:00Z,abc\n,4",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 3, message: expect.stringContaining("has no time zone") },
      { line: 4, message: 'value "abc" is not a number' },
      { line: 5, message: "missing timestamp" },
    ]);
  });

  it("reports bad JSON items at their line, bad JSON at its position, and unsorted time", () => {
    const items = parseSeries('[\n  {"t": 1727827200000, "v": 1},\n  {"t": "yesterday", "v": 2},\n  "x"\n]');
    expect(items.ok ? [] : items.problems.map((problem) => problem.line)).toEqual([3, 4]);
    const broken = parseSeries("[1,\n2,\n]");
    expect(broken.ok).toBe(false);
    const unsorted = parseSeries("timestamp,value\n2024-10-03,1\n2024-10-02,2");
    expect(unsorted.ok ? null : unsorted.problems[0]).toEqual({
      line: 3,
      message: expect.stringContaining("back in time"),
    });
    expect(parseSeries("").ok).toBe(false);
    expect(parseSeries("name,count\nx,1").ok).toBe(false);
  });

  it("parses timestamps strictly", () => {
    expect(parseTimestamp("2024-10-02T10:00:00.5+01:00")).toEqual({
      ok: true,
      time: Date.UTC(2024, 9, 2, 9, 0, 0, 500),
    });
    expect(parseTimestamp("2024-02-30T00:00:00Z")).toEqual({
      ok: false,
      message: expect.stringContaining("not a real date"),
    });
    expect(parseTimestamp("2024-02-29").ok).toBe(true);
    expect(parseTimestamp("Oct 2").ok).toBe(false);
  });
});
