import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTLP_TYPES } from "../../src/ingest/otlp/proto.js";
import { chatSpan, kv, metrics, nanos, traces } from "../otel-app/payloads.js";
import { createConnectorWorld, type ConnectorWorld } from "../otel-app/world.js";
import { DIALECTS } from "./harness.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type Json = any;

const T0 = Date.UTC(2026, 5, 1, 11, 50); // ten minutes before the test clock's start
const MIN = 60_000;

describe.each(DIALECTS)("OTLP/HTTP receiver [%s]", (dialect) => {
  let w: ConnectorWorld;

  beforeAll(async () => {
    w = await createConnectorWorld(dialect);
    expect(
      (await w.engineer.post("/api/v1/systems", { key: "support-bot", name: "Support bot" })).status,
    ).toBe(201);
    expect(
      (await w.engineer.post("/api/v1/systems", { key: "checkout", name: "Checkout assistant" })).status,
    ).toBe(201);
  });
  afterAll(() => w.close());

  async function send(
    kind: "traces" | "metrics" | "logs",
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Json; headers: Record<string, unknown> }> {
    const res = await w.app.inject({
      method: "POST",
      url: `/v1/${kind}`,
      headers: { authorization: `Bearer ${w.ingestToken}`, "content-type": "application/json", ...headers },
      payload: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    let json: unknown = null;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = res.rawPayload;
    }
    return { status: res.statusCode, json, headers: res.headers };
  }

  async function signals(system: string): Promise<Map<string, Json>> {
    const res = await w.engineer.get(`/api/v1/systems/${system}/signals`);
    return new Map(res.body.items.map((s: { key: string }) => [s.key, s]));
  }

  async function raw(signalId: string): Promise<Array<{ t: number; v: number }>> {
    const res = await w.engineer.get(
      `/api/v1/signals/${signalId}/series?from=2026-05-31T00:00:00Z&to=2026-06-02T00:00:00Z&resolution=raw`,
    );
    return res.body.points.map((p: { t: number; v: number }) => ({ t: p.t, v: p.v }));
  }

  it("refuses exports without an ingest token, in the OTLP error format", async () => {
    const anonymous = await w.app.inject({
      method: "POST",
      url: "/v1/traces",
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(anonymous.statusCode).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ code: 16, error: { code: "unauthenticated" } });
    const reader = await send("traces", {}, { authorization: `Bearer ${w.readToken}` });
    expect(reader.status).toBe(403);
    expect(reader.json.error.code).toBe("token_scope_missing");
    const viaHeader = await w.app.inject({
      method: "POST",
      url: "/v1/traces",
      headers: { "x-parley-token": w.ingestToken, "content-type": "application/json" },
      payload: "{}",
    });
    expect(viaHeader.statusCode).toBe(200);
    expect(JSON.parse(viaHeader.body)).toEqual({});
    const bad = await send("traces", {}, { authorization: "", "x-parley-token": "pk_nope" });
    expect(bad.status).toBe(401);
  });

  it("turns GenAI spans into requests, errors, latency, tokens and cost per minute", async () => {
    const resource = { "service.name": "support-bot", "service.version": "1.4.2" };
    const model = {
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
    };
    const spans = [
      chatSpan({
        end: T0 + 1_000,
        durationMs: 400,
        attrs: { ...model, "gen_ai.usage.input_tokens": 1000, "gen_ai.usage.output_tokens": 200 },
      }),
      chatSpan({
        end: T0 + 2_000,
        durationMs: 800,
        attrs: {
          ...model,
          "gen_ai.usage.input_tokens": 3000,
          "gen_ai.usage.output_tokens": 100,
          "gen_ai.usage.cache_read.input_tokens": 2000,
        },
      }),
      chatSpan({ end: T0 + 3_000, durationMs: 1200, error: true, attrs: { ...model, "error.type": "429" } }),
      // Not a model call: counted neither as a request nor for tokens.
      chatSpan({
        end: T0 + 4_000,
        durationMs: 5000,
        attrs: { "gen_ai.operation.name": "invoke_agent", "gen_ai.usage.input_tokens": 99999 },
      }),
      // An HTTP span from auto-instrumentation: ignored, not refused.
      {
        name: "GET /health",
        startTimeUnixNano: nanos(T0),
        endTimeUnixNano: nanos(T0 + 5),
        attributes: kv({ "http.method": "GET" }),
      },
    ];
    const res = await send("traces", traces(resource, spans));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});

    const s = await signals("support-bot");
    expect([...s.keys()].sort()).toEqual([
      "genai.cached_input_tokens",
      "genai.cost.usd",
      "genai.error_rate",
      "genai.errors",
      "genai.input_tokens",
      "genai.latency_p50",
      "genai.latency_p95",
      "genai.latency_p99",
      "genai.output_tokens",
      "genai.requests",
    ]);
    expect(s.get("genai.cost.usd")).toMatchObject({ kind: "cost", unit: "USD", aggregation: "sum" });
    expect(s.get("genai.latency_p95")).toMatchObject({
      kind: "latency",
      aggregation: "quantile",
      quantile: 0.95,
    });
    expect(await raw(s.get("genai.requests").id)).toEqual([{ t: T0, v: 3 }]);
    expect(await raw(s.get("genai.errors").id)).toEqual([{ t: T0, v: 1 }]);
    expect((await raw(s.get("genai.error_rate").id))[0]!.v).toBeCloseTo(1 / 3);
    expect(await raw(s.get("genai.input_tokens").id)).toEqual([{ t: T0, v: 4000 }]);
    expect(await raw(s.get("genai.cached_input_tokens").id)).toEqual([{ t: T0, v: 2000 }]);
    expect(await raw(s.get("genai.output_tokens").id)).toEqual([{ t: T0, v: 300 }]);
    // gpt-4o-mini defaults: 0.15 input, 0.075 cached input, 0.60 output per million tokens.
    const cost = (1000 * 0.15 + 200 * 0.6 + 1000 * 0.15 + 2000 * 0.075 + 100 * 0.6) / 1e6;
    expect((await raw(s.get("genai.cost.usd").id))[0]!.v).toBeCloseTo(cost, 12);
    const p50 = (await raw(s.get("genai.latency_p50").id))[0]!.v;
    expect(p50).toBeGreaterThan(790);
    expect(p50).toBeLessThan(810);
    expect((await raw(s.get("genai.latency_p99").id))[0]!.v).toBeGreaterThanOrEqual(p50);
  });

  it("merges later exports into the same minute instead of replacing it", async () => {
    const model = {
      "gen_ai.system": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 1,
    };
    for (let i = 0; i < 3; i++) {
      const res = await send(
        "traces",
        traces({ "service.name": "support-bot" }, [
          chatSpan({ end: T0 + 10_000 + i, durationMs: 100, attrs: model }),
        ]),
      );
      expect(res.status).toBe(200);
    }
    const s = await signals("support-bot");
    expect(await raw(s.get("genai.requests").id)).toEqual([{ t: T0, v: 6 }]);
    expect(await raw(s.get("genai.input_tokens").id)).toEqual([{ t: T0, v: 4030 }]);
    // The hourly rollup follows the merged minute.
    const hourly = await w.engineer.get(
      `/api/v1/signals/${s.get("genai.requests").id}/series?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&resolution=hour`,
    );
    expect(hourly.body.points).toEqual([
      expect.objectContaining({ t: Date.UTC(2026, 5, 1, 11), v: 6, count: 1 }),
    ]);
  });

  it("loses no counts when exports of the same minute arrive at once", async () => {
    expect((await w.engineer.post("/api/v1/systems", { key: "burst", name: "Burst" })).status).toBe(201);
    const minute = T0 + 20 * MIN;
    const exports = Array.from({ length: 8 }, (_, i) =>
      send(
        "traces",
        traces(
          { "service.name": "burst" },
          Array.from({ length: 5 }, (_, j) =>
            chatSpan({
              end: minute + i * 100 + j,
              durationMs: 10,
              attrs: {
                "gen_ai.system": "openai",
                "gen_ai.usage.input_tokens": 1,
                "gen_ai.usage.output_tokens": 0,
              },
            }),
          ),
        ),
      ),
    );
    for (const res of await Promise.all(exports)) expect(res.json).toEqual({});
    const s = await signals("burst");
    expect((await raw(s.get("genai.requests").id)).find((p) => p.t === minute)).toEqual({ t: minute, v: 40 });
    expect((await raw(s.get("genai.input_tokens").id)).find((p) => p.t === minute)).toEqual({
      t: minute,
      v: 40,
    });
  });

  it("takes cost from the span when it carries one, per currency", async () => {
    const spans = [1, 2].map((i) =>
      chatSpan({
        end: T0 + MIN + i,
        durationMs: 50,
        attrs: {
          "gen_ai.request.model": "in-house-7b",
          "gen_ai.usage.cost.amount": 0.25,
          "gen_ai.usage.cost.currency": "EUR",
        },
      }),
    );
    spans.push(
      chatSpan({
        end: T0 + MIN + 3,
        durationMs: 50,
        attrs: { "gen_ai.request.model": "in-house-7b", "gen_ai.usage.cost": 0.5 },
      }),
    );
    expect((await send("traces", traces({ "service.name": "checkout" }, spans))).status).toBe(200);
    const s = await signals("checkout");
    expect(await raw(s.get("genai.cost.eur").id)).toEqual([{ t: T0 + MIN, v: 0.5 }]);
    expect(await raw(s.get("genai.cost.usd").id)).toEqual([{ t: T0 + MIN, v: 0.5 }]);
    expect(s.get("genai.cost.eur").unit).toBe("EUR");
  });

  it("refuses spans of unmapped services with a partial success that says how to map them", async () => {
    const spans = [
      chatSpan({ end: T0 + 2 * MIN, durationMs: 10, attrs: { "gen_ai.request.model": "gpt-4o" } }),
    ];
    const res = await send("traces", traces({ "service.name": "billing-agent" }, spans));
    expect(res.status).toBe(200);
    expect(res.json.partialSuccess.rejectedSpans).toBe("1");
    expect(res.json.partialSuccess.errorMessage).toMatch(
      /service "billing-agent" is not mapped.*\/api\/v1\/connectors\/otlp\/mappings/,
    );
    const unmapped = await w.engineer.get("/api/v1/connectors/otlp/unmapped");
    expect(unmapped.body.items).toEqual([
      expect.objectContaining({ kind: "unmapped_service", name: "billing-agent", count: 1 }),
    ]);

    const rule = await w.engineer.post("/api/v1/connectors/otlp/mappings", {
      pattern: "billing-*",
      system: "checkout",
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ field: "service", pattern: "billing-*", systemKey: "checkout" });
    expect((await w.engineer.get("/api/v1/connectors/otlp/unmapped")).body.items).toEqual([]);
    const again = await send("traces", traces({ "service.name": "billing-agent" }, spans));
    expect(again.json).toEqual({});
    expect(await raw((await signals("checkout")).get("genai.requests").id)).toEqual([
      { t: T0 + MIN, v: 3 },
      { t: T0 + 2 * MIN, v: 1 },
    ]);
    // parley.system wins over service.name, and an attribute rule can route by environment.
    const attr = await w.engineer.post("/api/v1/connectors/otlp/mappings", {
      field: "attribute",
      key: "deployment.environment",
      pattern: "staging",
      system: "support-bot",
      position: 1,
    });
    expect(attr.status).toBe(201);
    const routed = await send(
      "traces",
      traces({ "service.name": "billing-agent", "deployment.environment": "staging" }, [
        chatSpan({ end: T0 + 3 * MIN, durationMs: 5, attrs: { "gen_ai.system": "x" } }),
      ]),
    );
    expect(routed.json).toEqual({});
    const direct = await send(
      "traces",
      traces({ "service.name": "whatever", "parley.system": "support-bot" }, [
        chatSpan({ end: T0 + 3 * MIN + 1, durationMs: 5, attrs: { "gen_ai.system": "x" } }),
      ]),
    );
    expect(direct.json).toEqual({});
    expect((await raw((await signals("support-bot")).get("genai.requests").id)).at(-1)).toEqual({
      t: T0 + 3 * MIN,
      v: 2,
    });
    const rules = await w.engineer.get("/api/v1/connectors/otlp/mappings");
    expect(rules.body.items.map((r: { pattern: string }) => r.pattern)).toEqual(["staging", "billing-*"]);
    expect((await w.engineer.del(`/api/v1/connectors/otlp/mappings/${attr.body.id}`)).status).toBe(204);
    expect(
      (await w.leader.post("/api/v1/connectors/otlp/mappings", { pattern: "x", system: "nope" })).status,
    ).toBe(404);
  });

  it("answers malformed bodies with 400, other media types with 415, and reads gzip", async () => {
    const broken = await send("traces", "{not json");
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ code: 3, error: { code: "otlp_malformed" } });
    expect((await send("traces", { resourceSpans: "nope" })).status).toBe(400);
    expect((await send("traces", "[]")).status).toBe(400);
    const protoGarbage = await send("traces", Buffer.from([0x0a, 0xff, 0xff, 0xff]), {
      "content-type": "application/x-protobuf",
    });
    expect(protoGarbage.status).toBe(400);
    expect(protoGarbage.headers["content-type"]).toBe("application/x-protobuf");
    const status = OTLP_TYPES.status.decode(protoGarbage.json as Buffer) as unknown as {
      code: number;
      message: string;
    };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not a valid OTLP protobuf/);
    expect((await send("traces", "x", { "content-type": "text/plain" })).status).toBe(415);

    const body = traces({ "service.name": "support-bot" }, [
      chatSpan({ end: T0 + 4 * MIN, durationMs: 5, attrs: { "gen_ai.system": "openai" } }),
    ]);
    const zipped = await send("traces", gzipSync(JSON.stringify(body)), { "content-encoding": "gzip" });
    expect(zipped.status).toBe(200);
    expect(zipped.json).toEqual({});
    expect((await send("traces", Buffer.from("not gzip"), { "content-encoding": "gzip" })).status).toBe(400);
    expect((await send("traces", "{}", { "content-encoding": "br" })).status).toBe(400);
  });

  it("speaks protobuf: request and partial-success response", async () => {
    const body = traces({ "service.name": "unknown-svc" }, [
      chatSpan({ end: T0 + 5 * MIN, durationMs: 5, attrs: { "gen_ai.system": "openai" } }),
      chatSpan({ end: T0 + 5 * MIN, durationMs: 5, attrs: { "gen_ai.system": "openai" } }),
    ]);
    // Hex ids are a JSON-only convention; protobuf carries bytes, which this schema does not read.
    const type = OTLP_TYPES.traces;
    const encoded = type.encode(type.fromObject(body)).finish();
    const res = await send("traces", Buffer.from(encoded), { "content-type": "application/x-protobuf" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-protobuf");
    const decoded = OTLP_TYPES.tracesResponse.toObject(OTLP_TYPES.tracesResponse.decode(res.json as Buffer), {
      longs: Number,
    });
    expect(decoded.partialSuccess.rejectedSpans).toBe(2);
    expect(decoded.partialSuccess.errorMessage).toMatch(/unknown-svc/);
  });

  it("refuses telemetry older than the kept minute state, and spans that end before they start", async () => {
    const old = chatSpan({ end: T0 - 8 * 86_400_000, durationMs: 5, attrs: { "gen_ai.system": "openai" } });
    const backwards = {
      ...chatSpan({ end: T0, durationMs: 5, attrs: { "gen_ai.system": "openai" } }),
      startTimeUnixNano: nanos(T0 + 1000),
    };
    const res = await send("traces", traces({ "service.name": "support-bot" }, [old, backwards]));
    expect(res.json.partialSuccess.rejectedSpans).toBe("2");
    expect(res.json.partialSuccess.errorMessage).toMatch(/older than .*; a span ends before it starts/);
  });

  it("reads gen_ai.client histograms (cumulative and delta) for minutes without spans", async () => {
    const resource = { "service.name": "checkout", "service.instance.id": "pod-1" };
    const attrs = {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
    };
    const start = T0 + 6 * MIN - 30_000;
    const bounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56];
    const durations = (time: number, counts: number[]) =>
      metrics(resource, [
        {
          name: "gen_ai.client.operation.duration",
          unit: "s",
          temporality: 2,
          points: [{ start, time, attrs, counts, bounds, sum: 1 }],
        },
        {
          name: "gen_ai.client.token.usage",
          unit: "{token}",
          temporality: 2,
          points: [
            {
              start,
              time,
              attrs: { ...attrs, "gen_ai.token.type": "input" },
              counts: [counts.reduce((a, b) => a + b, 0)],
              bounds: [],
              sum: 1000 * counts.reduce((a, b) => a + b, 0),
            },
          ],
        },
      ]);
    // Cumulative: 4 calls by the first export, 10 by the second; the second adds 6.
    const first = await send("metrics", durations(T0 + 6 * MIN, [0, 0, 0, 0, 0, 0, 4, 0, 0, 0]));
    expect(first.status).toBe(200);
    expect(first.json).toEqual({});
    expect((await send("metrics", durations(T0 + 7 * MIN, [0, 0, 0, 0, 0, 0, 4, 6, 0, 0]))).json).toEqual({});
    // The same cumulative export again (a retry) adds nothing.
    expect((await send("metrics", durations(T0 + 7 * MIN, [0, 0, 0, 0, 0, 0, 4, 6, 0, 0]))).json).toEqual({});
    const s = await signals("checkout");
    const requests = await raw(s.get("genai.requests").id);
    expect(requests.filter((p) => p.t >= T0 + 6 * MIN)).toEqual([
      { t: T0 + 6 * MIN, v: 4 },
      { t: T0 + 7 * MIN, v: 6 },
    ]);
    // 0.64-1.28 s bucket: geometric midpoint about 905 ms.
    const p50 = (await raw(s.get("genai.latency_p50").id)).find((p) => p.t === T0 + 7 * MIN)!.v;
    expect(p50).toBeGreaterThan(880);
    expect(p50).toBeLessThan(930);
    const tokens = (await raw(s.get("genai.input_tokens").id)).find((p) => p.t === T0 + 7 * MIN)!.v;
    expect(tokens).toBe(6000);
    const cost = (await raw(s.get("genai.cost.usd").id)).find((p) => p.t === T0 + 7 * MIN)!.v;
    expect(cost).toBeCloseTo((6000 * 2.5) / 1e6, 12);
    // Spans for a minute win over the histograms of the same minute: no double counting.
    await send("traces", traces(resource, [chatSpan({ end: T0 + 7 * MIN + 5, durationMs: 100, attrs })]));
    expect((await raw(s.get("genai.requests").id)).find((p) => p.t === T0 + 7 * MIN)!.v).toBe(1);
  });

  it("keeps a model on the without-a-price list until both its input and its output are priced", async () => {
    const model = { "gen_ai.provider.name": "acme", "gen_ai.request.model": "acme-llm-9" };
    const call = (end: number) =>
      chatSpan({
        end,
        durationMs: 300,
        attrs: { ...model, "gen_ai.usage.input_tokens": 500, "gen_ai.usage.output_tokens": 100 },
      });
    const missing = async () =>
      ((await w.engineer.get("/api/v1/connectors/prices/missing")).body.items as { name: string }[]).map(
        (s) => s.name,
      );
    expect(
      (await send("traces", traces({ "service.name": "support-bot" }, [call(T0 + 20_000)]))).status,
    ).toBe(200);
    expect(await missing()).toContain("acme/acme-llm-9");
    const price = (tokenType: string) =>
      w.engineer.post("/api/v1/connectors/prices", {
        provider: "acme",
        model: "acme-llm-9",
        tokenType,
        perMillion: 2,
        currency: "USD",
        effectiveFrom: "2026-01-01",
      });
    expect((await price("input")).status).toBe(201);
    expect(await missing()).toContain("acme/acme-llm-9");
    // Output tokens still cost nothing, so the next export names the model again too.
    await send("traces", traces({ "service.name": "support-bot" }, [call(T0 + 21_000)]));
    expect(await missing()).toContain("acme/acme-llm-9");
    expect((await price("output")).status).toBe(201);
    expect(await missing()).not.toContain("acme/acme-llm-9");
    await send("traces", traces({ "service.name": "support-bot" }, [call(T0 + 22_000)]));
    expect(await missing()).not.toContain("acme/acme-llm-9");
  });

  it("turns evaluation results (span events and log events) into score and label signals", async () => {
    const event = (score: number, label: string) => ({
      name: "gen_ai.evaluation.result",
      attrs: {
        "gen_ai.evaluation.name": "Relevance",
        "gen_ai.evaluation.score.value": score,
        "gen_ai.evaluation.score.label": label,
      },
    });
    const spans = [
      chatSpan({
        end: T0 + 8 * MIN,
        durationMs: 5,
        attrs: { "gen_ai.system": "openai" },
        events: [event(0.9, "pass")],
      }),
      chatSpan({
        end: T0 + 8 * MIN,
        durationMs: 5,
        attrs: { "gen_ai.system": "openai" },
        events: [event(0.3, "fail")],
      }),
      chatSpan({
        end: T0 + 8 * MIN,
        durationMs: 5,
        attrs: { "gen_ai.system": "openai" },
        events: [event(0.6, "pass")],
      }),
    ];
    expect((await send("traces", traces({ "service.name": "support-bot" }, spans))).json).toEqual({});
    const logs = {
      resourceLogs: [
        {
          resource: { attributes: kv({ "service.name": "support-bot" }) },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: nanos(T0 + 9 * MIN),
                  eventName: "gen_ai.evaluation.result",
                  attributes: kv({
                    "gen_ai.evaluation.name": "Relevance",
                    "gen_ai.evaluation.score.value": 1,
                    "gen_ai.evaluation.score.label": "pass",
                  }),
                },
                { timeUnixNano: nanos(T0 + 9 * MIN), body: { stringValue: "an ordinary log line" } },
              ],
            },
          ],
        },
      ],
    };
    const res = await send("logs", logs);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    const s = await signals("support-bot");
    expect(s.get("genai.eval.relevance")).toMatchObject({
      kind: "quality",
      direction: "higher_is_better",
      aggregation: "ratio",
    });
    expect(s.get("genai.eval.relevance.fail")).toMatchObject({ direction: "higher_is_worse" });
    const scores = await raw(s.get("genai.eval.relevance").id);
    expect(scores[0]!.v).toBeCloseTo(0.6);
    expect(scores[1]).toEqual({ t: T0 + 9 * MIN, v: 1 });
    const fail = await raw(s.get("genai.eval.relevance.fail").id);
    expect(fail[0]!.v).toBeCloseTo(1 / 3);
    // A minute with only passes still says 0 % fail, so the share is not computed over failures only.
    expect(fail[1]).toEqual({ t: T0 + 9 * MIN, v: 0 });
  });
});

describe("OTLP back-pressure", () => {
  it("answers 503 with Retry-After when too many exports are in flight", async () => {
    // The receiver reads its limit when the app is built (options in tests, the environment in serve).
    process.env.PARLEY_OTLP_MAX_IN_FLIGHT = "0";
    const w = await createConnectorWorld("sqlite", undefined, { maxOtlpInFlight: 0 });
    delete process.env.PARLEY_OTLP_MAX_IN_FLIGHT;
    try {
      const res = await w.app.inject({
        method: "POST",
        url: "/v1/metrics",
        headers: { authorization: `Bearer ${w.ingestToken}`, "content-type": "application/json" },
        payload: "{}",
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      expect(JSON.parse(res.body)).toMatchObject({ code: 14, error: { code: "receiver_busy" } });
    } finally {
      await w.close();
    }
  });
});
