import { describe, it, expect } from "vitest";
import { runDetect, SeriesParseError } from "./run-detect.js";
import { seededRandom } from "./testdata/seeded-random.js";

describe("runDetect", () => {
  it("prints exactly the contract: changePoints with index and time, trends with start, end, slope", () => {
    const random = seededRandom(5);
    const lines = ["timestamp,value"];
    for (let i = 0; i < 120; i++) {
      const day = new Date(Date.UTC(2024, 8, 1) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${day},${(i >= 60 ? 110 : 100) + random.gaussian() * 2}`);
    }
    const output = runDetect(lines.join("\n"));
    expect(Object.keys(output)).toEqual(["changePoints", "trends"]);
    expect(output.changePoints).toEqual([{ index: 60, time: "2024-10-31" }]);
    expect(output.trends).toEqual([]);
  });

  it("reports trends on bare numbers with null times", () => {
    const random = seededRandom(6);
    const values = Array.from(
      { length: 200 },
      (_, i) => 50 + (i >= 100 ? (i - 100) * 0.2 : 0) + random.gaussian(),
    );
    const output = runDetect(values.join("\n"));
    expect(output.trends).toHaveLength(1);
    const [trend] = output.trends;
    expect(Math.abs(trend!.start - 100)).toBeLessThanOrEqual(8);
    expect(trend!.end).toBe(199);
    expect(trend!.slopePerStep).toBeGreaterThan(0.15);
    expect(trend!.slopePerStep).toBeLessThan(0.25);
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });

  it("throws a SeriesParseError listing the bad lines", () => {
    expect(() => runDetect("value\n1\nnope\n3")).toThrow(SeriesParseError);
    try {
      runDetect("value\n1\nnope\n3");
    } catch (error) {
      expect((error as SeriesParseError).problems).toEqual([
        { line: 3, message: 'value "nope" is not a number' },
      ]);
      expect((error as SeriesParseError).message).toBe('line 3: value "nope" is not a number');
    }
  });
});
