import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, DIALECTS, type TestWorld } from "./harness.js";

describe.each(DIALECTS)("signals and point ingestion [%s]", (dialect) => {
  let w: TestWorld;
  let cost: string;
  let errors: string;

  beforeAll(async () => {
    w = await createWorld(dialect);
    await w.engineer.post("/api/v1/systems", { key: "bot", name: "Bot" });
    const c = await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "cost_usd",
      name: "Model spend",
      kind: "cost",
      unit: "USD",
      aggregation: "sum",
    });
    expect(c.status).toBe(201);
    cost = c.body.id;
    const e = await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "error_rate",
      name: "Error rate",
      kind: "error_rate",
      aggregation: "ratio",
    });
    errors = e.body.id;
  });
  afterAll(() => w.close());

  it("refuses a duplicate key and a quantile signal without its quantile", async () => {
    expect(
      (await w.engineer.post("/api/v1/systems/bot/signals", { key: "cost_usd", name: "x", kind: "cost" }))
        .status,
    ).toBe(409);
    const q = await w.engineer.post("/api/v1/systems/bot/signals", {
      key: "p95",
      name: "p95",
      kind: "latency",
      aggregation: "quantile",
    });
    expect(q.status).toBe(400);
    expect(q.body.error.code).toBe("quantile_required");
  });

  it("stores good rows, reports bad rows by line, and counts both", async () => {
    const res = await w.engineer.post(`/api/v1/signals/${cost}/points`, [
      { t: "2026-05-01T10:00:00Z", v: 10 },
      { t: "2026-05-01T10:30:00+02:00", v: 5 },
      { t: "2026-05-01T11:00:00", v: 1 },
      { t: "2026-05-01T12:00:00Z", v: "abc" },
      { v: 3 },
      "not an object",
      { t: Date.UTC(2026, 4, 1, 13), v: 2.5, source: "billing" },
      { t: 1714550400, v: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: 5, signals: 1 });
    expect(res.body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 8]);
    expect(res.body.problems[0].reason).toMatch(/time zone/);
    expect(res.body.problems[4].reason).toMatch(/milliseconds/);
  });

  it("is idempotent by (signal, time, source) and accepts late, out-of-order NDJSON", async () => {
    const ndjson = [
      JSON.stringify({ t: "2026-05-01T10:00:00Z", v: 12 }),
      "{broken",
      JSON.stringify({ t: "2026-04-30T09:00:00Z", v: 7 }),
      JSON.stringify({ t: "2026-05-01T10:00:00Z", v: 4, source: "other" }),
      "",
    ].join("\n");
    const res = await w.app.inject({
      method: "POST",
      url: `/api/v1/signals/${cost}/points`,
      headers: { cookie: `parley_session=${w.engineer.cookie}`, "content-type": "application/x-ndjson" },
      payload: ndjson,
    });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ accepted: 3, rejected: 1 });
    expect(body.problems).toEqual([{ line: 2, reason: "not valid JSON" }]);

    const series = await w.engineer.get(
      `/api/v1/signals/${cost}/series?from=2026-04-30T00:00:00Z&to=2026-05-02T00:00:00Z&resolution=raw`,
    );
    expect(series.body.points.map((p: { v: number }) => p.v)).toEqual([7, 5, 12, 4, 2.5]);
    const daily = await w.engineer.get(
      `/api/v1/signals/${cost}/series?from=2026-04-30T00:00:00Z&to=2026-05-02T00:00:00Z&resolution=day`,
    );
    expect(daily.body.points.map((p: { v: number; count: number }) => [p.v, p.count])).toEqual([
      [7, 1],
      [23.5, 4],
    ]);
    const hourly = await w.engineer.get(
      `/api/v1/signals/${cost}/series?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z&resolution=hour`,
    );
    expect(hourly.body.points.find((p: { t: number }) => p.t === Date.UTC(2026, 4, 1, 10)).v).toBe(16);
    const signal = await w.engineer.get(`/api/v1/signals/${cost}`);
    expect(signal.body.lastPointAt).toBe("2026-05-01T13:00:00.000Z");
  });

  it("takes many signals in one request and explains unknown ones", async () => {
    const res = await w.engineer.post("/api/v1/points", [
      { signal: "bot/error_rate", t: "2026-05-01T10:00:00Z", v: 3, n: 100 },
      { signal: "bot/error_rate", t: "2026-05-01T10:05:00Z", v: 1, n: 100 },
      { signal: errors, t: "2026-05-01T10:10:00Z", v: 0, n: 50 },
      { signal: "bot/nope", t: "2026-05-01T10:00:00Z", v: 1 },
      { t: "2026-05-01T10:00:00Z", v: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: 2 });
    expect(res.body.problems[0].reason).toMatch(/unknown signal "bot\/nope"/);
    const daily = await w.engineer.get(
      `/api/v1/signals/${errors}/series?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z&resolution=day`,
    );
    expect(daily.body.points[0].v).toBeCloseTo(4 / 250);
  });

  it("answers an all-bad batch with 400, too many points with 413, and unknown signals with 404", async () => {
    const bad = await w.engineer.post(`/api/v1/signals/${cost}/points`, [{ t: "yesterday", v: 1 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("no_valid_points");
    expect(bad.body.error.details.problems[0].line).toBe(1);
    const many = Array.from({ length: 100_001 }, (_, i) => ({ t: Date.UTC(2026, 0, 1) + i * 1000, v: 1 }));
    const tooMany = await w.engineer.post(`/api/v1/signals/${cost}/points`, many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe("too_many_points");
    expect((await w.engineer.post(`/api/v1/signals/missing/points`, [])).status).toBe(404);
  });

  it("accepts 100,000 points in one request and lets an ingest-only token send them", async () => {
    const token = (await w.engineer.post("/api/v1/tokens", { name: "collector", scopes: ["ingest"] })).body
      .token;
    const collector = w.as({ token });
    const points = Array.from({ length: 100_000 }, (_, i) => ({
      t: Date.UTC(2025, 0, 1) + i * 60_000,
      v: i % 7,
    }));
    const res = await collector.post(`/api/v1/signals/${cost}/points`, points);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(100_000);
    expect((await collector.get("/api/v1/portfolio")).status).toBe(403);
    expect((await collector.post("/api/v1/systems", { key: "x1", name: "x" })).status).toBe(403);
    const auto = await w.engineer.get(
      `/api/v1/signals/${cost}/series?from=2025-01-01T00:00:00Z&to=2025-02-15T00:00:00Z`,
    );
    expect(auto.body.resolution).toBe("hour");
    expect(auto.body.points.length).toBeLessThanOrEqual(2000);
  });
});
