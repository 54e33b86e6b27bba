// OTLP/HTTP receiver throughput on SQLite: GenAI spans per second through POST /v1/traces (HTTP,
// auth, gunzip-free body, decode, GenAI mapping, minute-state merge, points and rollups, limits),
// against decoding the same payloads alone, measured in the same run. Payloads are produced by the
// OpenTelemetry JS SDK's own serializers from real SDK spans, in JSON and protobuf.
// The exporters run in a worker thread (the server keeps the main thread), as they would in
// other processes. Run: npx tsx bench/otlp.ts [--requests 200] [--batch 1000] [--concurrency 4]
import { mkdtempSync, rmSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { createApiToken } from "../src/commands/auth.js";
import { decodeRequest, type OtlpEncoding } from "../src/ingest/otlp/codec.js";
import { buildApp } from "../src/server/app.js";
import { hasConnectorRoutes, registerConnectorRoutes } from "../src/server/routes/connectors.js";
import { openDatabase } from "../src/store/database.js";
import { benchWorkspace } from "./support/bench-workspace.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REQUESTS = option("requests", 200);
const BATCH = option("batch", 1000);
const CONCURRENCY = option("concurrency", 4);
const RUNS = option("runs", 3);
const TARGET = 50_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MODELS = ["gpt-4o-mini", "gpt-4.1", "claude-sonnet-4-5", "gemini-2.5-flash"];

/** Real SDK spans shaped like an instrumented model client's, spread over the last ten minutes. */
function makeSpans(count: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": "bench",
      "service.version": "1.0.0",
      "deployment.environment": "production",
      "telemetry.sdk.language": "nodejs",
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("bench-genai-client", "1.0.0");
  const now = Date.now() - 60_000;
  for (let i = 0; i < count; i++) {
    const model = MODELS[i % MODELS.length]!;
    const end = now - (i % 600) * 1000;
    const span = tracer.startSpan(`chat ${model}`, {
      kind: SpanKind.CLIENT,
      startTime: end - 200 - (i % 50) * 37,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": model.startsWith("gpt")
          ? "openai"
          : model.startsWith("claude")
            ? "anthropic"
            : "gcp.gemini",
        "gen_ai.request.model": model,
        "gen_ai.response.model": model,
        "gen_ai.request.temperature": 0.2,
        "gen_ai.request.max_tokens": 1024,
        "gen_ai.response.id": `resp_${i}`,
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.usage.input_tokens": 800 + (i % 400),
        "gen_ai.usage.output_tokens": 120 + (i % 90),
        "server.address": "api.example.com",
        "server.port": 443,
      },
    });
    if (i % 50 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
    if (i % 10 === 0)
      span.addEvent("gen_ai.evaluation.result", {
        "gen_ai.evaluation.name": "relevance",
        "gen_ai.evaluation.score.value": (i % 100) / 100,
        "gen_ai.evaluation.score.label": i % 3 === 0 ? "fail" : "pass",
      });
    span.end(end);
  }
  return exporter.getFinishedSpans();
}

function encode(spans: ReadableSpan[], encoding: OtlpEncoding): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < spans.length; i += BATCH) {
    const part = spans.slice(i, i + BATCH);
    const bytes =
      encoding === "json"
        ? JsonTraceSerializer.serializeRequest(part)
        : ProtobufTraceSerializer.serializeRequest(part);
    if (!bytes) throw new Error("the serializer returned nothing");
    out.push(Buffer.from(bytes));
  }
  return out;
}

function decodeOnly(payloads: Buffer[], encoding: OtlpEncoding): number {
  const started = performance.now();
  let spans = 0;
  for (const p of payloads) {
    const request = decodeRequest("traces", p, encoding) as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: unknown[] }> }>;
    };
    for (const rs of request.resourceSpans) for (const ss of rs.scopeSpans) spans += ss.spans.length;
  }
  return spans / ((performance.now() - started) / 1000);
}

/**
 * The exporters, as plain JavaScript for a worker thread (no TypeScript loader there): sends every
 * payload over keep-alive node:http connections with `concurrency` requests in flight, checks each
 * answer, and reports the seconds taken.
 */
const EXPORTERS = `
const { workerData, parentPort } = require("node:worker_threads");
const { Agent, request } = require("node:http");
const { url, token, type, json, payloads, concurrency } = workerData;
const target = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const post = (body) => new Promise((resolve, reject) => {
  const req = request({ agent, host: target.hostname, port: target.port, path: "/v1/traces", method: "POST",
    headers: { "content-type": type, "content-length": body.length, authorization: "Bearer " + token } }, (res) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    res.on("error", reject);
  });
  req.on("error", reject);
  req.end(body);
});
let next = 0;
const started = performance.now();
const worker = async () => {
  while (next < payloads.length) {
    const res = await post(payloads[next++]);
    if (res.status !== 200) throw new Error("HTTP " + res.status + ": " + res.text.slice(0, 300));
    if (json && res.text !== "{}") throw new Error("partial success: " + res.text);
  }
};
Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
  agent.destroy();
  parentPort.postMessage((performance.now() - started) / 1000);
});
`;

/** Spans per second through the receiver, with the exporters in a worker thread. */
function receiver(url: string, token: string, payloads: Buffer[], encoding: OtlpEncoding): Promise<number> {
  const type = encoding === "json" ? "application/json" : "application/x-protobuf";
  const job = { url, token, type, json: encoding === "json", payloads, concurrency: CONCURRENCY };
  return new Promise((resolve, reject) => {
    const worker = new Worker(EXPORTERS, { eval: true, workerData: job });
    worker.once("message", (seconds: number) => {
      void worker.terminate();
      resolve((payloads.length * BATCH) / seconds);
    });
    worker.once("error", reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), "parley-bench-otlp-"));
try {
  const database = openDatabase(join(dir, "bench.db"));
  const ctx = await benchWorkspace(database);
  const { token } = await createApiToken(ctx, { name: "bench", scopes: ["ingest"] });
  const app = await buildApp({ database });
  if (!hasConnectorRoutes(app))
    registerConnectorRoutes(app, { database, clock: () => new Date() }, { maxOtlpInFlight: 64 });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });

  const spans = makeSpans(REQUESTS * BATCH);
  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const encoding of ["json", "protobuf"] as const) {
    const payloads = encode(spans, encoding);
    decodeOnly(payloads.slice(0, 10), encoding); // warm up the decoder
    await receiver(url, token, payloads.slice(0, 5), encoding); // and the receiver
    // Alternate the two measurements so that a burst of load elsewhere hits both alike.
    const decodes: number[] = [];
    const receives: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      decodes.push(decodeOnly(payloads, encoding));
      receives.push(await receiver(url, token, payloads, encoding));
    }
    const decoded = median(decodes);
    const received = median(receives);
    verdicts.push(`${encoding} ${received >= TARGET ? "meets" : "misses"} it`);
    const kb = payloads.reduce((n, p) => n + p.length, 0) / payloads.length / 1024;
    rows.push(
      `| ${encoding} | ${(REQUESTS * BATCH).toLocaleString("en")} | ${BATCH} | ${kb.toFixed(0)} | ${Math.round(received).toLocaleString("en")} | ${Math.round(decoded).toLocaleString("en")} | ${(received / decoded).toFixed(2)} |`,
    );
  }
  await app.close();
  await database.close();
  process.stdout.write(
    [
      `GenAI spans (about 12 attributes, a tenth with an evaluation event) made by the OpenTelemetry JS SDK, serialised by its own OTLP serializers, POSTed to /v1/traces on SQLite by ${CONCURRENCY} concurrent exporters in a worker thread; the median of ${RUNS} runs. Decode-only is the receiver's decoder alone on the same payloads (JSON.parse; the single-pass protobuf reader), in the same run.`,
      "",
      "| Encoding | Spans | Spans/request | KB/request | Receiver spans/s | Decode-only spans/s | Ratio |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
      "",
      `Target (issue 5): at least ${TARGET.toLocaleString("en")} spans/s; ${verdicts.join(", ")} on this run.`,
      "",
    ].join("\n"),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
