import { describe, expect, it } from "vitest";
import { sketchOf } from "../../core/signals/quantile-sketch.js";
import { emptyMinute, mergeMinutes, minutePoints, parseMinute } from "./minute-state.js";

function valueOf(points: ReturnType<typeof minutePoints>, key: string) {
  return points.find((p) => p.signal.key === key);
}

describe("minute state", () => {
  it("adds counts, tokens, costs and latency sketches when merged, in any order", () => {
    const a = emptyMinute();
    a.spans.requests = 10;
    a.spans.errors = 1;
    a.spans.tokenRequests = 10;
    a.spans.inputTokens = 1000;
    a.spans.cost = { USD: 0.5 };
    a.spans.latency = sketchOf([100, 200, 300]);
    const b = emptyMinute();
    b.spans.requests = 5;
    b.spans.tokenRequests = 5;
    b.spans.inputTokens = 500;
    b.spans.cost = { USD: 0.25, EUR: 1 };
    b.spans.latency = sketchOf([400]);
    const ab = mergeMinutes(a, b);
    expect(ab).toEqual(mergeMinutes(b, a));
    expect(ab.spans).toMatchObject({
      requests: 15,
      errors: 1,
      inputTokens: 1500,
      cost: { USD: 0.75, EUR: 1 },
    });
    expect(ab.spans.latency.count).toBe(4);
    const points = minutePoints(ab);
    expect(valueOf(points, "genai.requests")?.value).toBe(15);
    expect(valueOf(points, "genai.error_rate")).toMatchObject({ value: 1, denominator: 15 });
    expect(valueOf(points, "genai.cost.eur")?.value).toBe(1);
    expect(parseMinute(JSON.stringify(ab))).toEqual(ab);
  });

  it("uses spans over metrics for the same minute, and metrics when there are no spans", () => {
    const m = emptyMinute();
    m.metrics.requests = 7;
    m.metrics.latency = sketchOf([50]);
    expect(valueOf(minutePoints(m), "genai.requests")?.value).toBe(7);
    m.spans.requests = 2;
    m.spans.latency = sketchOf([10, 20]);
    expect(valueOf(minutePoints(m), "genai.requests")?.value).toBe(2);
  });

  it("writes a zero share for labels seen before but absent this minute", () => {
    const m = emptyMinute();
    m.evals["Relevance"] = { n: 4, scored: 4, sum: 3, labels: { pass: 4 } };
    const points = minutePoints(m, new Set(["genai.eval.relevance.fail", "genai.eval.other.fail"]));
    expect(valueOf(points, "genai.eval.relevance")).toMatchObject({ value: 3, denominator: 4 });
    expect(valueOf(points, "genai.eval.relevance.pass")).toMatchObject({ value: 4, denominator: 4 });
    expect(valueOf(points, "genai.eval.relevance.fail")).toMatchObject({ value: 0, denominator: 4 });
    expect(valueOf(points, "genai.eval.other.fail")).toBeUndefined();
  });
});
