import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInstrumentedApp, type ModelCall } from "../otel-app/app.js";
import { createConnectorWorld, type ConnectorWorld } from "../otel-app/world.js";
import { DIALECTS } from "./harness.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type Json = any;

// Realistic calls: gpt-4o-mini at the shipped default prices (0.15 / 0.075 cached / 0.60 per
// million input / cached input / output tokens) and one Claude call with a cached prompt.
const CALLS: ModelCall[] = [
  {
    provider: "openai",
    model: "gpt-4o-mini",
    inputTokens: 1200,
    outputTokens: 300,
    durationMs: 420,
    evaluation: { name: "groundedness", score: 0.9, label: "pass" },
  },
  {
    provider: "openai",
    model: "gpt-4o-mini",
    inputTokens: 800,
    outputTokens: 150,
    durationMs: 610,
    evaluation: { name: "groundedness", score: 0.4, label: "fail" },
  },
  {
    provider: "openai",
    model: "gpt-4o-mini",
    inputTokens: 500,
    outputTokens: 0,
    durationMs: 1900,
    error: "timeout",
  },
  {
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    inputTokens: 10_000,
    outputTokens: 500,
    cachedInputTokens: 8_000,
    durationMs: 2500,
  },
];
const EXPECTED_COST =
  ((1200 + 800 + 500) * 0.15 + (300 + 150) * 0.6) / 1e6 + (2000 * 3 + 8000 * 0.3 + 500 * 15) / 1e6;

describe.each(DIALECTS)("the OpenTelemetry JS SDK exporting to a running Parley [%s]", (dialect) => {
  let w: ConnectorWorld;
  let endpoint: string;

  beforeAll(async () => {
    w = await createConnectorWorld(dialect, new Date(), { realClock: true });
    for (const key of ["sdk-json", "sdk-proto", "sdk-env", "sdk-metrics"])
      expect((await w.engineer.post("/api/v1/systems", { key, name: key })).status).toBe(201);
    endpoint = await w.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => w.close());

  async function signals(system: string): Promise<Map<string, Json>> {
    const res = await w.engineer.get(`/api/v1/systems/${system}/signals`);
    return new Map(res.body.items.map((s: { key: string }) => [s.key, s]));
  }

  /** The sum of a signal's raw points over the last hour (calls may straddle a minute). */
  async function total(signal: Json): Promise<number> {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await w.engineer.get(
      `/api/v1/signals/${signal.id}/series?from=${from}&to=${to}&resolution=raw`,
    );
    return res.body.points.reduce((sum: number, p: { v: number }) => sum + p.v, 0);
  }

  async function expectTraceSignals(system: string): Promise<void> {
    const s = await signals(system);
    expect(s.has("genai.requests")).toBe(true);
    expect(await total(s.get("genai.requests"))).toBe(4);
    expect(await total(s.get("genai.errors"))).toBe(1);
    expect(await total(s.get("genai.input_tokens"))).toBe(12_500);
    expect(await total(s.get("genai.output_tokens"))).toBe(950);
    expect(await total(s.get("genai.cached_input_tokens"))).toBe(8_000);
    expect(await total(s.get("genai.cost.usd"))).toBeCloseTo(EXPECTED_COST, 10);
    expect(s.get("genai.latency_p95")).toMatchObject({ unit: "ms", quantile: 0.95 });
    expect(s.get("genai.eval.groundedness")).toMatchObject({ kind: "quality", aggregation: "ratio" });
    expect(s.get("genai.eval.groundedness.fail")).toMatchObject({ direction: "higher_is_worse" });
  }

  it("receives spans from the OTLP/HTTP JSON exporter", async () => {
    await runInstrumentedApp(
      { protocol: "json", serviceName: "sdk-json", endpoint, token: w.ingestToken },
      CALLS,
    );
    await expectTraceSignals("sdk-json");
  });

  it("receives spans from the OTLP/HTTP protobuf exporter", async () => {
    await runInstrumentedApp(
      { protocol: "protobuf", serviceName: "sdk-proto", endpoint, token: w.ingestToken },
      CALLS,
    );
    await expectTraceSignals("sdk-proto");
  });

  it("works with the copy-paste environment setup of the guide (x-parley-token, gzip)", async () => {
    const saved = { ...process.env };
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = `x-parley-token=${w.ingestToken}`;
    process.env.OTEL_EXPORTER_OTLP_COMPRESSION = "gzip";
    try {
      await runInstrumentedApp({ protocol: "protobuf", serviceName: "sdk-env" }, CALLS);
    } finally {
      for (const key of [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_COMPRESSION",
      ])
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
    }
    await expectTraceSignals("sdk-env");
  });

  it("receives the GenAI client histograms from both metric exporters", async () => {
    await runInstrumentedApp(
      {
        protocol: "json",
        serviceName: "sdk-metrics",
        endpoint,
        token: w.ingestToken,
        spans: false,
        metrics: true,
      },
      CALLS.slice(0, 2),
    );
    await runInstrumentedApp(
      {
        protocol: "protobuf",
        serviceName: "sdk-metrics",
        endpoint,
        token: w.ingestToken,
        spans: false,
        metrics: true,
      },
      CALLS.slice(2),
    );
    const s = await signals("sdk-metrics");
    expect(await total(s.get("genai.requests"))).toBe(4);
    expect(await total(s.get("genai.errors"))).toBe(1);
    expect(await total(s.get("genai.input_tokens"))).toBe(12_500);
    expect(await total(s.get("genai.output_tokens"))).toBe(950);
    // Histograms carry no cache split, so the Claude input is priced as uncached input.
    const cost = ((1200 + 800 + 500) * 0.15 + (300 + 150) * 0.6 + 10_000 * 3 + 500 * 15) / 1e6;
    expect(await total(s.get("genai.cost.usd"))).toBeCloseTo(cost, 10);
    expect(s.has("genai.latency_p50")).toBe(true);
  });
});
