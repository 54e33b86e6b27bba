import { SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { PriceBook } from "../price-book.js";
import { MinuteBatch } from "./batch.js";
import { summarizeSpans } from "./genai-spans.js";
import { decodeTracesLean } from "./lean-traces.js";
import { OTLP_TYPES } from "./proto.js";
import type { OtlpObject } from "./values.js";

function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": "svc",
      "service.instance.id": "i-1",
      "host.cpu.count": 4,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("t");
  const end = Date.UTC(2026, 5, 1, 11, 59, 30);
  for (let i = 0; i < 20; i++) {
    const span = tracer.startSpan("chat", {
      startTime: end - 100 * (i + 1),
      attributes: {
        "gen_ai.operation.name": i === 3 ? "invoke_agent" : "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.usage.input_tokens": 100 + i,
        "gen_ai.usage.output_tokens": 10,
        "gen_ai.usage.cache_read.input_tokens": i % 2 ? 50 : 0,
        "gen_ai.request.temperature": 0.5,
        "gen_ai.response.finish_reasons": ["stop"],
        "http.route": "/chat",
      },
    });
    if (i % 5 === 0) span.setStatus({ code: SpanStatusCode.ERROR });
    if (i % 4 === 0)
      span.addEvent("gen_ai.evaluation.result", {
        "gen_ai.evaluation.name": "relevance",
        "gen_ai.evaluation.score.value": i / 20,
        "gen_ai.evaluation.score.label": i % 8 ? "pass" : "fail",
      });
    span.addEvent("other event", { "gen_ai.evaluation.name": "not an evaluation" });
    span.end(end + i);
  }
  return exporter.getFinishedSpans();
}

const prices = new PriceBook([
  {
    provider: "*",
    model: "gpt-4o-mini*",
    tokenType: "input",
    perMillion: 0.15,
    currency: "USD",
    effectiveFrom: "2025-01-01",
  },
  {
    provider: "*",
    model: "gpt-4o-mini*",
    tokenType: "output",
    perMillion: 0.6,
    currency: "USD",
    effectiveFrom: "2025-01-01",
  },
]);

function summary(request: OtlpObject) {
  const batch = new MinuteBatch({ earliest: 0, latest: Date.UTC(2027, 0, 1) });
  const resources: unknown[] = [];
  summarizeSpans(
    request,
    {
      resolve: (attrs) => {
        resources.push(attrs);
        return { systemId: "s" };
      },
      prices,
    },
    batch,
  );
  return { minutes: [...batch.minutes.get("s")!], accepted: batch.accepted, resources };
}

describe("the lean protobuf trace decoder", () => {
  it("yields what JSON and a full protobuf decode yield, for the SDK's own payloads", () => {
    const spans = sdkSpans();
    const protobuf = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
    const json = JSON.parse(
      Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString(),
    ) as OtlpObject;
    const lean = summary(decodeTracesLean(protobuf));
    expect(lean.accepted).toBe(20);
    expect(lean).toEqual(summary(json));
    expect(lean).toEqual(summary(OTLP_TYPES.traces.decode(protobuf) as unknown as OtlpObject));
    const [, state] = lean.minutes[0]!;
    expect(state.spans).toMatchObject({ requests: 19, errors: 4, tokenRequests: 19 });
    expect(state.evals.relevance).toMatchObject({ n: 5, scored: 5 });
    expect(lean.resources[0]).toEqual({
      "service.name": "svc",
      "service.instance.id": "i-1",
      "host.cpu.count": 4,
    });
  });

  it("throws on truncated input", () => {
    const protobuf = Buffer.from(ProtobufTraceSerializer.serializeRequest(sdkSpans())!);
    expect(() => decodeTracesLean(protobuf.subarray(0, protobuf.length - 7))).toThrow();
  });
});
