import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTLP_TYPES } from "../../src/ingest/otlp/proto.js";
import { chatSpan, metrics, traces } from "../otel-app/payloads.js";
import { focusCsv, MAY_ROWS } from "../otel-app/focus-samples.js";
import { createConnectorWorld, type ConnectorWorld } from "../otel-app/world.js";
import { DIALECTS } from "./harness.js";

// Hostile and broken input never gets a 5xx and never changes what well-formed input produces.
// The security suite fuzzes every documented route once the connector routes are wired into the
// app; this covers the bodies that suite cannot generate (protobuf bytes, OTLP shapes, CSV).

const T0 = Date.UTC(2026, 5, 1, 11, 50);

/** A valid OTLP/JSON export with one value somewhere replaced by something of the wrong type. */
function mutated(base: unknown, path: number[], replacement: unknown): unknown {
  const copy = structuredClone(base);
  const nodes: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((v, i) => (nodes.push({ parent: node, key: i }), walk(v)));
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) {
        nodes.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
  };
  walk(copy);
  let target = copy;
  for (const i of path) {
    const n = nodes[i % nodes.length]!;
    (n.parent as Record<string | number, unknown>)[n.key] = replacement;
    target = copy;
  }
  return target;
}

describe.each(DIALECTS)("connector routes under hostile input [%s]", (dialect) => {
  let w: ConnectorWorld;

  beforeAll(async () => {
    w = await createConnectorWorld(dialect);
    await w.engineer.post("/api/v1/systems", { key: "svc", name: "Service" });
  });
  afterAll(() => w.close());

  const post = (url: string, contentType: string, payload: string | Buffer) =>
    w.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${w.ingestToken}`, "content-type": contentType },
      payload,
    });

  it("answers any JSON with 200 or 400 on every OTLP endpoint", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("traces", "metrics", "logs"),
        fc.jsonValue({ maxDepth: 6 }),
        async (kind, body) => {
          const res = await post(`/v1/${kind}`, "application/json", JSON.stringify(body));
          expect([200, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses or skips times beyond year 9999 instead of overflowing a 64-bit column", async () => {
    for (const start of [1e308, "1e308", 9.3e24]) {
      const body = metrics({ "service.name": "svc" }, [
        {
          name: "gen_ai.client.operation.duration",
          unit: "s",
          temporality: 2,
          points: [{ start: T0 - 1000, time: T0, attrs: {}, counts: [1, 2], bounds: [0.5], sum: 1 }],
        },
      ]);
      const json = JSON.stringify(body).replace(
        /"startTimeUnixNano":"\d+"/,
        `"startTimeUnixNano":${JSON.stringify(start)}`,
      );
      const res = await post("/v1/metrics", "application/json", json);
      expect([200, 400]).toContain(res.statusCode);
    }
  });

  it("answers mutated exports with 200 or 400", async () => {
    const span = traces({ "service.name": "svc" }, [
      chatSpan({
        end: T0,
        durationMs: 10,
        attrs: {
          "gen_ai.system": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.input_tokens": 5,
        },
        events: [
          {
            name: "gen_ai.evaluation.result",
            attrs: { "gen_ai.evaluation.name": "x", "gen_ai.evaluation.score.value": 1 },
          },
        ],
      }),
    ]);
    const histogram = metrics({ "service.name": "svc" }, [
      {
        name: "gen_ai.client.operation.duration",
        unit: "s",
        temporality: 2,
        points: [
          {
            start: T0 - 1000,
            time: T0,
            attrs: { "gen_ai.operation.name": "chat" },
            counts: [1, 2],
            bounds: [0.5],
            sum: 1,
          },
        ],
      },
    ]);
    const weird = fc.oneof(
      fc.constantFrom(
        null,
        "",
        "\u0000",
        "1e308",
        "\ud800",
        -1,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER,
        [],
        {},
        true,
        "9".repeat(400),
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(["traces", span] as const, ["metrics", histogram] as const),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        weird,
        async ([kind, base], path, replacement) => {
          const res = await post(
            `/v1/${kind}`,
            "application/json",
            JSON.stringify(mutated(base, path, replacement)),
          );
          expect([200, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers random and truncated protobuf with 200 or 400", async () => {
    const valid = Buffer.from(
      OTLP_TYPES.traces
        .encode(
          OTLP_TYPES.traces.fromObject(
            traces({ "service.name": "svc" }, [
              chatSpan({ end: T0, durationMs: 5, attrs: { "gen_ai.system": "x" } }),
            ]),
          ),
        )
        .finish(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("traces", "metrics", "logs"),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.nat({ max: valid.length }).map((n) => valid.subarray(0, n)),
          fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, byte]) => {
            const copy = Buffer.from(valid);
            copy[i] = byte;
            return copy;
          }),
        ),
        async (kind, body) => {
          const res = await post(`/v1/${kind}`, "application/x-protobuf", body);
          expect([200, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers random CSV and rule, price and mapping bodies without a 5xx", async () => {
    const csv = focusCsv(MAY_ROWS.slice(0, 2));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .tuple(fc.nat({ max: csv.length }), fc.string({ maxLength: 20 }))
            .map(([i, s]) => csv.slice(0, i) + s + csv.slice(i)),
        ),
        async (body) => {
          const res = await post("/api/v1/connectors/focus", "text/csv", body);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/api/v1/connectors/otlp/mappings",
          "/api/v1/connectors/focus/rules",
          "/api/v1/connectors/prices",
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record({
            field: fc.constantFrom("service", "attribute", "tag", "model", "x"),
            key: fc.option(fc.string()),
            pattern: fc.string({ maxLength: 250 }),
            system: fc.constantFrom("svc", "nope", ""),
            model: fc.string(),
            tokenType: fc.constantFrom("input", "output", "bad"),
            perMillion: fc.double(),
            effectiveFrom: fc.constantFrom("2026-01-01", "soon"),
          }),
        ),
        async (url, body) => {
          const res = await w.engineer.post(url, body);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("still counts well-formed data correctly after all of that", async () => {
    // Random input above may itself have been well-formed enough to count (fast-check picks it), so
    // the check is that one more well-formed call adds exactly one request to its minute.
    const requestsInMinute = async (): Promise<number> => {
      const signals = await w.engineer.get("/api/v1/systems/svc/signals");
      const requests = signals.body.items.find((s: { key: string }) => s.key === "genai.requests");
      if (!requests) return 0;
      const series = await w.engineer.get(
        `/api/v1/signals/${requests.id}/series?from=2026-06-01T11:55:00Z&to=2026-06-01T11:56:00Z&resolution=raw`,
      );
      return (series.body.points as { v: number }[]).reduce((n, p) => n + p.v, 0);
    };
    const before = await requestsInMinute();
    const body = traces({ "service.name": "svc" }, [
      chatSpan({
        end: T0 + 5 * 60_000,
        durationMs: 10,
        attrs: { "gen_ai.system": "openai", "gen_ai.usage.input_tokens": 7 },
      }),
    ]);
    const res = await post("/v1/traces", "application/json", JSON.stringify(body));
    expect(res.statusCode).toBe(200);
    expect(await requestsInMinute()).toBe(before + 1);
  });
});
