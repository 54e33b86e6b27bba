// A small application instrumented with the official OpenTelemetry JS SDK, the way a team would
// instrument an LLM feature by hand following the GenAI semantic conventions: one CLIENT span per
// model call ("chat {model}") with gen_ai.* attributes, an evaluation event on the span, and the
// gen_ai.client.operation.duration and gen_ai.client.token.usage histograms. It exports through
// the real OTLP/HTTP exporters, JSON or protobuf, configured in code or by the standard
// OTEL_EXPORTER_OTLP_* environment variables.
import { SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import { OTLPMetricExporter as JsonMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtoMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";

export interface ModelCall {
  provider: string;
  model: string;
  /** Input tokens, cached ones included, as the conventions count them. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  durationMs: number;
  error?: string;
  evaluation?: { name: string; score: number; label: string };
}

export interface AppOptions {
  protocol: "json" | "protobuf";
  serviceName: string;
  /**
   * Where Parley listens and the token to send. Omit both to let the exporters read
   * OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_HEADERS, as the setup guide tells users to.
   */
  endpoint?: string;
  token?: string;
  /** Send spans (default) and/or the GenAI client metrics. */
  spans?: boolean;
  metrics?: boolean;
}

const DURATION_BOUNDS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
const TOKEN_BOUNDS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];

/** Runs the calls through the instrumented "model client", then flushes and shuts the SDK down. */
export async function runInstrumentedApp(options: AppOptions, calls: ModelCall[]): Promise<void> {
  const resource = resourceFromAttributes({
    "service.name": options.serviceName,
    "service.version": "2.3.0",
  });
  const config = (signal: "traces" | "metrics") =>
    options.endpoint
      ? { url: `${options.endpoint}/v1/${signal}`, headers: { Authorization: `Bearer ${options.token}` } }
      : {};
  const spanExporter =
    options.protocol === "json"
      ? new JsonTraceExporter(config("traces"))
      : new ProtoTraceExporter(config("traces"));
  const metricExporter =
    options.protocol === "json"
      ? new JsonMetricExporter(config("metrics"))
      : new ProtoMetricExporter(config("metrics"));
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(spanExporter, { maxExportBatchSize: 64, scheduledDelayMillis: 50 }),
    ],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 })],
  });
  const tracer = tracerProvider.getTracer("parley-test-genai-client", "1.0.0");
  const meter = meterProvider.getMeter("parley-test-genai-client", "1.0.0");
  const duration = meter.createHistogram("gen_ai.client.operation.duration", {
    unit: "s",
    description: "GenAI operation duration.",
    advice: { explicitBucketBoundaries: DURATION_BOUNDS },
  });
  const tokenUsage = meter.createHistogram("gen_ai.client.token.usage", {
    unit: "{token}",
    description: "Number of input and output tokens used.",
    advice: { explicitBucketBoundaries: TOKEN_BOUNDS },
  });

  const now = Date.now();
  for (const call of calls) {
    const end = now - 1_000;
    const start = end - call.durationMs;
    const common: Attributes = {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": call.provider,
      "gen_ai.request.model": call.model,
    };
    if (options.spans !== false) {
      const span = tracer.startSpan(`chat ${call.model}`, {
        kind: SpanKind.CLIENT,
        startTime: start,
        attributes: common,
      });
      span.setAttributes({
        "gen_ai.response.model": call.model,
        "gen_ai.usage.input_tokens": call.inputTokens,
        "gen_ai.usage.output_tokens": call.outputTokens,
        ...(call.cachedInputTokens !== undefined && {
          "gen_ai.usage.cache_read.input_tokens": call.cachedInputTokens,
        }),
      });
      if (call.evaluation) {
        span.addEvent(
          "gen_ai.evaluation.result",
          {
            "gen_ai.evaluation.name": call.evaluation.name,
            "gen_ai.evaluation.score.value": call.evaluation.score,
            "gen_ai.evaluation.score.label": call.evaluation.label,
          },
          end,
        );
      }
      if (call.error) {
        span.setAttribute("error.type", call.error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: call.error });
      }
      span.end(end);
    }
    if (options.metrics) {
      const attrs: Attributes = {
        ...common,
        "gen_ai.response.model": call.model,
        ...(call.error && { "error.type": call.error }),
      };
      duration.record(call.durationMs / 1000, attrs);
      tokenUsage.record(call.inputTokens, { ...attrs, "gen_ai.token.type": "input" });
      tokenUsage.record(call.outputTokens, { ...attrs, "gen_ai.token.type": "output" });
    }
  }
  await tracerProvider.forceFlush();
  await meterProvider.forceFlush();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
}
