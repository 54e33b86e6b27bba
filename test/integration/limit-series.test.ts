// GET /api/v1/limits/:id/series: the value a trust limit checks, day by day. A ratio limit's window
// value is the sum of numerators over the sum of denominators of the raw points in the window, which
// daily ratios cannot give; the series must agree with the limit's own evaluation to the last digit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date("2026-11-28T13:30:00Z");
const TODAY = Date.parse("2026-11-28T00:00:00Z");

/**
 * Three points a day for 40 days, with denominators that differ a lot within a day and between
 * days: busy days with a low share alternate with quiet days with a high one.
 */
const POINTS = Array.from({ length: 40 * 3 }, (_, i) => {
  const dayIndex = Math.floor(i / 3);
  const slot = i % 3;
  const busy = dayIndex % 2 === 0;
  const n = ([12, 480, 60][slot]! + ((dayIndex * 7) % 23)) * (busy ? 10 : 1);
  const share = [0.5, 0.08 + dayIndex * 0.002, 0.3][slot]! * (busy ? 0.4 : 1.5);
  return {
    t: TODAY - 39 * DAY + dayIndex * DAY + [2, 9, 17][slot]! * HOUR + 1234,
    v: Math.round(n * share),
    n,
  };
}).filter((p) => p.t < NOW.getTime());

/** The window value worked out from the points sent, independently of the server's code. */
function expectedRatio(at: number, windowDays: number): number | null {
  const inWindow = POINTS.filter((p) => p.t > at - windowDays * DAY && p.t <= at);
  const n = inWindow.reduce((s, p) => s + p.n, 0);
  return n === 0 ? null : inWindow.reduce((s, p) => s + p.v, 0) / n;
}

describe.each(DIALECTS)("a trust limit's series [%s]", (dialect) => {
  let w: TestWorld;
  let ratioLimit: { id: string };
  let signalId: string;

  beforeAll(async () => {
    w = await createWorld(dialect, NOW);
    await w.engineer.post("/api/v1/systems", { key: "desk", name: "Help desk" });
    const signal = await w.engineer.post("/api/v1/systems/desk/signals", {
      key: "override",
      name: "Override rate",
      kind: "manual_work",
      aggregation: "ratio",
      unit: "",
    });
    signalId = signal.body.id;
    const sent = await w.engineer.post(`/api/v1/signals/${signalId}/points`, POINTS);
    expect(sent.body.accepted).toBe(POINTS.length);
    const created = await w.leader.post("/api/v1/limits", {
      signalId,
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.15,
    });
    expect(created.status).toBe(201);
    ratioLimit = created.body;
  });
  afterAll(() => w.close());

  it("gives, per day, the window value the limit evaluates; today's equals its evaluation now", async () => {
    const series = await w.leader.get(`/api/v1/limits/${ratioLimit.id}/series?from=2026-10-30&to=2026-11-28`);
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({
      limitId: ratioLimit.id,
      from: "2026-10-30",
      to: "2026-11-28",
      windowDays: 7,
      aggregate: "ratio",
      comparator: "above",
      threshold: 0.15,
    });
    const points = series.body.points as Array<{ t: number; at: number; v: number | null }>;
    expect(points).toHaveLength(30);
    expect(points[0]!.t).toBe(Date.parse("2026-10-30T00:00:00Z"));
    for (const p of points.slice(0, -1)) expect(p.at).toBe(p.t + DAY - 1);
    for (const p of points) expect(p.v).toBeCloseTo(expectedRatio(p.at, 7)!, 12);

    const last = points.at(-1)!;
    expect(last.t).toBe(TODAY);
    const limit = await w.leader.get(`/api/v1/limits/${ratioLimit.id}`);
    // Each request moves the test clock on by a millisecond; no point lies that close to the edge.
    expect(Math.abs(last.at - Date.parse(limit.body.evaluation.evaluatedAt))).toBeLessThan(10);
    expect(last.v).toBe(limit.body.evaluation.value);

    // The mean of the daily ratios, all the chart could draw before, is not what the limit checks.
    const daily = await w.leader.get(
      `/api/v1/signals/${signalId}/series?from=2026-11-22T00:00:00Z&resolution=day`,
    );
    const ratios = (daily.body.points as Array<{ v: number }>).map((p) => p.v);
    const meanOfDailyRatios = ratios.reduce((s, v) => s + v, 0) / ratios.length;
    expect(Math.abs(meanOfDailyRatios - limit.body.evaluation.value)).toBeGreaterThan(0.02);
  });

  it("agrees with the evaluation for other aggregates too", async () => {
    for (const aggregate of ["mean", "max", "quantile", "sum"] as const) {
      const created = await w.leader.post("/api/v1/limits", {
        signalId,
        windowDays: 3,
        aggregate,
        ...(aggregate === "quantile" && { quantile: 0.9 }),
        comparator: "above",
        threshold: 1_000,
      });
      expect(created.status, aggregate).toBe(201);
      const series = await w.leader.get(`/api/v1/limits/${created.body.id}/series`);
      const limit = await w.leader.get(`/api/v1/limits/${created.body.id}`);
      expect(series.body.points).toHaveLength(90);
      expect(series.body.points.at(-1).v, aggregate).toBe(limit.body.evaluation.value);
    }
  });

  it("has no value where the window holds no data and stops at today", async () => {
    const series = await w.leader.get(`/api/v1/limits/${ratioLimit.id}/series?from=2026-10-01&to=2026-12-31`);
    expect(series.status).toBe(200);
    const points = series.body.points as Array<{ t: number; v: number | null }>;
    expect(points.at(-1)!.t).toBe(TODAY);
    expect(points[0]!.v).toBeNull();
    expect(points.filter((p) => p.v !== null)).toHaveLength(40);
  });

  it("refuses a backwards or overlong period and an unknown limit", async () => {
    const backwards = await w.leader.get(
      `/api/v1/limits/${ratioLimit.id}/series?from=2026-11-28&to=2026-11-01`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe("invalid_period");
    const long = await w.leader.get(`/api/v1/limits/${ratioLimit.id}/series?from=2024-01-01&to=2026-11-28`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("period_too_long");
    const badDate = await w.leader.get(`/api/v1/limits/${ratioLimit.id}/series?from=yesterday`);
    expect(badDate.status).toBe(400);
    const unknown = await w.leader.get("/api/v1/limits/nope/series");
    expect(unknown.status).toBe(404);
    expect((await w.anonymous.get(`/api/v1/limits/${ratioLimit.id}/series`)).status).toBe(401);
  });
});
